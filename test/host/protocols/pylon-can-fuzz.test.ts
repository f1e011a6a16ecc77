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
type R = [string, number, 'u8' | 'u16' | 's16' | 'u32', number, number?];
const REF: Record<number, R[]> = {
  0x351: [['charge_voltage_limit_v', 0, 'u16', 10], ['charge_current_limit_a', 2, 's16', 10], ['discharge_current_limit_a', 4, 's16', 10], ['discharge_voltage_limit_v', 6, 'u16', 10]],
  0x355: [['soc_pct', 0, 'u16', 1], ['soh_pct', 2, 'u16', 1], ['soc_hires_pct', 4, 'u16', 100]],
  0x356: [['pack_voltage_v', 0, 's16', 100], ['current_a', 2, 's16', 10], ['temperature_c', 4, 's16', 10]],
  0x370: [['max_temp_c', 0, 's16', 10], ['min_temp_c', 2, 's16', 10], ['max_cell_v', 4, 'u16', 1000], ['min_cell_v', 6, 'u16', 1000]],
  0x372: [['modules_online', 0, 'u16', 1], ['modules_blocking_charge', 2, 'u16', 1], ['modules_blocking_discharge', 4, 'u16', 1], ['modules_offline', 6, 'u16', 1]],
  0x373: [['min_cell_v', 0, 'u16', 1000], ['max_cell_v', 2, 'u16', 1000], ['min_cell_temp_c', 4, 'u16', 1, -273.15], ['max_cell_temp_c', 6, 'u16', 1, -273.15]],
  0x379: [['installed_capacity_ah', 0, 'u16', 1]],
  0x35f: [['capacity_ah', 4, 'u16', 1]],
  0x378: [['energy_charged_kwh', 0, 'u32', 10], ['energy_discharged_kwh', 4, 'u32', 10]],
};

const sizeOf = (kind: R[2]): number => (kind === 'u8' ? 1 : kind === 'u32' ? 4 : 2);

function reference(id: number, data: Uint8Array): Record<string, number> {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Record<string, number> = {};
  for (const [name, at, kind, div, offset] of REF[id] ?? []) {
    if (at + sizeOf(kind) > data.length) continue;
    const raw = kind === 'u8' ? dv.getUint8(at) : kind === 'u16' ? dv.getUint16(at, true) : kind === 'u32' ? dv.getUint32(at, true) : dv.getInt16(at, true);
    // the kelvin offset in hundredths, so the reference is as decimal-exact as the DBC's scaling
    out[name] = offset === undefined ? raw / div : (raw * 100 + Math.round(offset * 100)) / 100;
  }
  return out;
}

const IDS = [0x351, 0x354, 0x355, 0x356, 0x359, 0x35a, 0x35c, 0x35e, 0x35f, 0x370, 0x371, 0x372, 0x373, 0x374, 0x375, 0x376, 0x377, 0x378, 0x379, 0x382, 0x305, 0x123];

test('pylon-can: 100 000 random frames (DBC ids and others, 0-8 bytes) decode without throwing; numeric signals equal an independent DataView reference exactly; signals beyond the DLC are absent', () => {
  fc.assert(fc.property(fc.constantFrom(...IDS), fc.uint8Array({ maxLength: 8 }), (id, data) => {
    const f = pylon.decode({ id, data });
    if (f.fields.data_hex !== Buffer.from(data).toString('hex')) return false;
    const ref = reference(id, data);
    for (const [k, v] of Object.entries(ref)) if (f.fields[k] !== v) return false;
    for (const [name, at, kind] of REF[id] ?? []) if (at + sizeOf(kind) > data.length && name in f.fields) return false;
    return (f.kind === 'unknown') === (id === 0x305 || id === 0x123) && (f.fields.known === false) === (f.kind === 'unknown');
  }), { numRuns: RUNS, seed: 4401 });
});

test('pylon-can: 0x35C flags, 0x359 raw bits and marker, 0x35E manufacturer without control characters, for every byte value', () => {
  for (let b = 0; b < 256; b++) {
    const f = pylon.decode({ id: 0x35c, data: new Uint8Array([b, 0]) }).fields;
    assert.equal([f.charge_enable, f.discharge_enable, f.force_charge_1, f.force_charge_2, f.full_charge_request], [!!(b & 0x80), !!(b & 0x40), !!(b & 0x20), !!(b & 0x10), !!(b & 0x08)]);
  }
  const p = pylon.decode({ id: 0x359, data: new Uint8Array([0x01, 0x02, 0x03, 0x04, 0x02, 0x50, 0x4e, 0x07]) }).fields;
  assert.equal([p.protection_raw_hex, p.warning_raw_hex, p.module_count, p.marker, p.online_addresses], ['0102', '0304', 2, 'PN', 7]);
  assert.is(pylon.decode({ id: 0x35e, data: new Uint8Array(Buffer.from('PYLON   ')) }).fields.manufacturer, 'PYLON');
  // control characters (a BEL, a CR, DEL) never reach the text; NUL still ends it
  assert.is(pylon.decode({ id: 0x35e, data: new Uint8Array([0x50, 0x07, 0x59, 0x0d, 0x4c, 0x7f, 0x00, 0x41]) }).fields.manufacturer, 'PYL');
});

test('pylon-can: the whole Pylontech / Victron-SMA set a real battery sends is in the DBC (none decodes as unknown), with 0x374-0x377 cell ids as ASCII and 0x373 kelvin with 273.15', () => {
  const lines: Record<string, [number, string, Record<string, unknown>]> = {
    '354': [0x354, '0100020003000400', { word0_raw: 1, word3_raw: 4 }],
    '35f': [0x35f, '0100020164000000', { battery_model_raw: 1, firmware_version_raw: '0201', capacity_ah: 100 }],
    '373': [0x373, 'c60ccf0c1b011c01', { min_cell_v: 3.27, max_cell_v: 3.279, min_cell_temp_c: 9.85, max_cell_temp_c: 10.85 }],
    '374': [0x374, '3032303400000000', { min_cell_v_id: '0204' }],
    '375': [0x375, '3031313600000000', { max_cell_v_id: '0116' }],
    '376': [0x376, '3032303100000000', { min_cell_temp_id: '0201' }],
    '377': [0x377, '3031303300000000', { max_cell_temp_id: '0103' }],
    '378': [0x378, '39300000d2040000', { energy_charged_kwh: 1234.5, energy_discharged_kwh: 123.4 }],
    '379': [0x379, '6400', { installed_capacity_ah: 100 }],
    '382': [0x382, '5553323030304320', { battery_family: 'US2000C' }],
  };
  for (const [name, [id, hex, want]] of Object.entries(lines)) {
    const f = pylon.decodeStrict(`(1.0) can0 ${name}#${hex}`);
    assert.is(f.kind, 'message', name);
    assert.is(f.frame.id, id);
    for (const [k, v] of Object.entries(want)) assert.is(f.fields[k], v, `${name} ${k}`);
  }
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
