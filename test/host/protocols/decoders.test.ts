/**
 * Decoder paths no shared vector covers, on frames built by hand from protocols.md: Daly 0x93,
 * 0x94, 0x97, 0x98; JK RS485 protocol version 0 current and temperatures above 100; JK04 float
 * cells; JBD balance bits and protections. Expected values worked out in the comments; exact.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeDalyFrame } from '../../../host/protocols/daly.ts';
import { decodeJbdFrame } from '../../../host/protocols/jbd.ts';
import { decodeJk300Frame, detectVariant, type Jk300CellInfoFields } from '../../../host/protocols/jk300.ts';
import { decodeJkUartFrame, jkUartRequest, type JkUartDataFields } from '../../../host/protocols/jk-uart.ts';
import { bytesOf } from './vector-support.ts';

function daly(id: number, data: number[]): Uint8Array {
  const b = [0xa5, 0x01, id, 0x08, ...data];
  return new Uint8Array([...b, b.reduce((s, x) => s + x, 0) & 0xff]);
}

test('Daly 0x93 / 0x94 / 0x97 / 0x98 field layouts', () => {
  // 0x93: discharging, both MOS on, life 7, remaining 0x0003CC30 = 248880 mAh
  assert.equal(decodeDalyFrame(daly(0x93, [2, 1, 1, 7, 0x00, 0x03, 0xcc, 0x30])).fields, {
    address: 1, data_id: 0x93, state_raw: 2, state: 'discharging', charge_mos_on: true, discharge_mos_on: true, bms_life: 7, remaining_capacity_ah: 248.88,
  });
  // 0x94: 16 cells, 2 sensors, charger on, load off, DI/DO 0x11, cycles 0x0102 = 258, reserved 00
  assert.equal(decodeDalyFrame(daly(0x94, [16, 2, 1, 0, 0x11, 0x01, 0x02, 0x00])).fields, {
    address: 1, data_id: 0x94, cell_count: 16, temp_sensor_count: 2, charger_connected: true, load_connected: false, dio_raw: 0x11, cycles: 258, reserved_hex: '00',
  });
  // 0x97: byte 0 = 0x05 -> cells 1 and 3; byte 1 = 0x80 -> cell 16
  assert.equal(decodeDalyFrame(daly(0x97, [0x05, 0x80, 0, 0, 0, 0, 0, 0])).fields, {
    address: 1, data_id: 0x97, balance_raw_hex: '058000000000', balancing_cells: [1, 3, 16],
  });
  assert.equal(decodeDalyFrame(daly(0x98, [1, 0, 0, 0, 0, 0, 0, 9])).fields, { address: 1, data_id: 0x98, failure_raw_hex: '01000000000000', fault_code: 9 });
});

test('JK RS485: protocol version 0 current is (10000 − raw) × 0.01 A; 0xC0 = 1 sign bit; temperatures above 100 are 100 − raw', () => {
  // TLV: 0x80 MOS temp 101 (-> -1), 0x84 current 0x2648 = 9800 (v0 -> +2.00 A), 0xC0 0
  const v0 = jkUartRequest(6, new Uint8Array([0x80, 0x00, 0x65, 0x84, 0x26, 0x48, 0xc0, 0x00]), 0);
  v0[10] = 1; // reply
  const fix = (b: Uint8Array): Uint8Array => { let s = 0; for (let i = 0; i < b.length - 2; i++) s += b[i]!; b[b.length - 2] = (s >> 8) & 0xff; b[b.length - 1] = s & 0xff; return b; };
  const f0 = decodeJkUartFrame(fix(v0)).fields as JkUartDataFields;
  assert.equal([f0.mos_temp_c, f0.current_raw, f0.current_a, f0.protocol_version], [-1, 9800, 2, 0]);
  // same frame with 0xC0 = 1: raw 0x2648 has bit 15 clear -> discharging 9800 x 10 mA = -98.00 A
  const v1 = v0.slice();
  v1[v1.length - 11] = 1;
  assert.equal((decodeJkUartFrame(fix(v1)).fields as JkUartDataFields).current_a, -98);
  // an override forces version 1 even when the frame says 0
  assert.equal((decodeJkUartFrame(fix(v0.slice()), { protocol_version: 1, force_protocol_version: true }).fields as JkUartDataFields).current_a, -98);
});

test('JK RS485: an unknown tag stops TLV parsing and keeps the rest as unparsed_hex', () => {
  const b = jkUartRequest(6, new Uint8Array([0x85, 0x32, 0xee, 0x01, 0x02]), 0);
  b[10] = 1;
  let s = 0;
  for (let i = 0; i < b.length - 2; i++) s += b[i]!;
  b[b.length - 2] = (s >> 8) & 0xff; b[b.length - 1] = s & 0xff;
  assert.equal(decodeJkUartFrame(b).fields, { command: 6, soc_pct: 50, unparsed_hex: 'ee0102' });
});

test('JK04: float32 cells decoded (3 decimals), detected automatically', () => {
  const b = new Uint8Array(300);
  b.set([0x55, 0xaa, 0xeb, 0x90, 0x02, 0x01], 0);
  const dv = new DataView(b.buffer);
  [3.301, 3.299, 3.3016].forEach((v, k) => dv.setFloat32(6 + 4 * k, v, true));
  b[299] = b.subarray(0, 299).reduce((s, x) => s + x, 0) & 0xff;
  assert.is(detectVariant(b), 'JK04');
  const f = decodeJk300Frame(b);
  assert.is(f.kind, 'cell-info-jk04');
  assert.equal(f.fields, { cell_voltages_v: [3.301, 3.299, 3.302] }); // float32(3.3016) rounds to 3.302
});

test('JK02 forced to the wrong layout gives the nonsense peers report (syssi/esphome-jk-bms#449), auto does not', () => {
  const b = bytesOf('jk300-v19-32s-discharging');
  const pack = (f: ReturnType<typeof decodeJk300Frame>): unknown => (f.fields as Partial<Jk300CellInfoFields>).pack_voltage_v;
  assert.is.not(pack(decodeJk300Frame(b, { variant: 'JK02_24S' })), 54.028);
  assert.is(pack(decodeJk300Frame(b)), 54.028);
});

test('JBD balance bits: low word bit 0 = cell 1, high word bit 0 = cell 17; protections named by bit', () => {
  const d = new Uint8Array(23);
  d[0] = 0x05; d[1] = 0x00; // 12.80 V
  d[12] = 0x00; d[13] = 0x08; // low word 0x0008 -> cell 4 (the 4S frame esphome misread, protocols.md 5.5)
  d[14] = 0x00; d[15] = 0x01; // high word 0x0001 -> cell 17
  d[16] = 0x04; d[17] = 0x01; // protections 0x0401: cell overvoltage, short circuit
  d[21] = 4;
  const body = [0x00, d.length, ...d];
  const cs = (0x10000 - body.reduce((s, x) => s + x, 0)) & 0xffff;
  const f = decodeJbdFrame(new Uint8Array([0xdd, 0x03, ...body, cs >> 8, cs & 0xff, 0x77])).fields as { balancing_cells: number[]; protections: string[]; pack_voltage_v: number };
  assert.equal(f.balancing_cells, [4, 17]);
  assert.equal(f.protections, ['cell_overvoltage', 'short_circuit']);
  assert.is(f.pack_voltage_v, 12.8);
});

test.run();
