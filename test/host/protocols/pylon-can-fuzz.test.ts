import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DecodeError } from '../../../host/protocols/errors.ts';
import { PylonCanDecoder } from '../../../host/protocols/pylon-can.ts';

const RUNS = 100_000;
const pylon = PylonCanDecoder.load();

/**
 * Reference values for the Pylon/SMA ids, written from protocols.md §2.2 with DataView readers
 * (independent of the DBC machinery): [name, byte offset, reader, divisor].
 */
type R = [string, number, 'u8' | 'u16' | 's16', number, number?];
const REF: Record<number, R[]> = {
  0x351: [['charge_voltage_limit_v', 0, 'u16', 10], ['charge_current_limit_a', 2, 's16', 10], ['discharge_current_limit_a', 4, 's16', 10], ['discharge_voltage_limit_v', 6, 'u16', 10]],
  0x355: [['soc_pct', 0, 'u16', 1], ['soh_pct', 2, 'u16', 1], ['soc_hires_pct', 4, 'u16', 100]],
  0x356: [['pack_voltage_v', 0, 's16', 100], ['current_a', 2, 's16', 10], ['temperature_c', 4, 's16', 10]],
  0x370: [['max_temp_c', 0, 's16', 10], ['min_temp_c', 2, 's16', 10], ['max_cell_v', 4, 'u16', 1000], ['min_cell_v', 6, 'u16', 1000]],
  0x372: [['modules_online', 0, 'u16', 1], ['modules_blocking_charge', 2, 'u16', 1], ['modules_blocking_discharge', 4, 'u16', 1], ['modules_offline', 6, 'u16', 1]],
  0x373: [['min_cell_v', 0, 'u16', 1000], ['max_cell_v', 2, 'u16', 1000], ['min_cell_temp_c', 4, 'u16', 1, -273], ['max_cell_temp_c', 6, 'u16', 1, -273]],
};

function reference(id: number, data: Uint8Array): Record<string, number> {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Record<string, number> = {};
  for (const [name, at, kind, div, offset] of REF[id] ?? []) {
    const size = kind === 'u8' ? 1 : 2;
    if (at + size > data.length) continue;
    const raw = kind === 'u8' ? dv.getUint8(at) : kind === 'u16' ? dv.getUint16(at, true) : dv.getInt16(at, true);
    out[name] = raw / div + (offset ?? 0);
  }
  return out;
}

const IDS = [0x351, 0x355, 0x356, 0x359, 0x35a, 0x35c, 0x35e, 0x370, 0x371, 0x372, 0x373, 0x305, 0x123];

test('pylon-can: 100 000 random frames (DBC ids and others, 0-8 bytes) decode without throwing; numeric signals equal an independent DataView reference exactly; signals beyond the DLC are absent', () => {
  fc.assert(fc.property(fc.constantFrom(...IDS), fc.uint8Array({ maxLength: 8 }), (id, data) => {
    const f = pylon.decode({ id, data });
    if (f.fields.data_hex !== Buffer.from(data).toString('hex')) return false;
    const ref = reference(id, data);
    for (const [k, v] of Object.entries(ref)) if (f.fields[k] !== v) return false;
    for (const [name, at, kind] of REF[id] ?? []) if (at + (kind === 'u8' ? 1 : 2) > data.length && name in f.fields) return false;
    return (f.kind === 'unknown') === (id === 0x305 || id === 0x123);
  }), { numRuns: RUNS, seed: 4401 });
});

test('pylon-can: 0x35C flags, 0x359 raw bits and marker, 0x35E manufacturer, for every byte value', () => {
  for (let b = 0; b < 256; b++) {
    const f = pylon.decode({ id: 0x35c, data: new Uint8Array([b, 0]) }).fields;
    assert.equal([f.charge_enable, f.discharge_enable, f.force_charge_1, f.force_charge_2, f.full_charge_request], [!!(b & 0x80), !!(b & 0x40), !!(b & 0x20), !!(b & 0x10), !!(b & 0x08)]);
  }
  const p = pylon.decode({ id: 0x359, data: new Uint8Array([0x01, 0x02, 0x03, 0x04, 0x02, 0x50, 0x4e, 0x07]) }).fields;
  assert.equal([p.protection_raw_hex, p.warning_raw_hex, p.module_count, p.marker, p.online_addresses], ['0102', '0304', 2, 'PN', 7]);
  assert.is(pylon.decode({ id: 0x35e, data: new Uint8Array(Buffer.from('PYLON   ')) }).fields.manufacturer, 'PYLON');
});

test('pylon-can: 100 000 mutated candump lines into decodeStrict: only DecodeError escapes', () => {
  const base = ['can0  351   [8]  28 02 F4 01 20 03 E0 01', '(1.0) can0 356#6C140400DC00', 't3552550064006621'];
  const mutated = fc.tuple(fc.constantFrom(...base), fc.nat(), fc.constantFrom(...'0123456789ABCDEF#R()[] .xt'.split('')), fc.nat(3)).map(([s, p, ch, op]) => {
    const k = p % s.length;
    return op === 0 ? s.slice(0, k) + ch + s.slice(k + 1) : op === 1 ? s.slice(0, k) + ch + s.slice(k) : op === 2 ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k);
  });
  fc.assert(fc.property(mutated, (l) => {
    try {
      pylon.decodeStrict(l);
      return true;
    } catch (err) {
      return err instanceof DecodeError;
    }
  }), { numRuns: RUNS, seed: 4402 });
});

test.run();
