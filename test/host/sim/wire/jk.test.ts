import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createJkUartStreamDecoder, decodeJkUartFrame, toSample, type JkUartDataFields } from '../../../../host/protocols/index.ts';
import { jkCurrentRaw, jkTempRaw, jkUartReadAll } from '../../../../host/sim/wire/jk.ts';
import type { BmsState } from '../../../../host/sim/wire/bms-state.ts';

const state = (over: Partial<BmsState> = {}): BmsState => ({
  t_s: 7260, pack_voltage_V: 53.587, current_A: 12.346, cells_V: [3.8214, 3.834, 3.8306, 3.82, 3.832, 3.834, 3.825], temps_degC: [24.6, 31.2],
  soc_pct: 63.46, remaining_capacity_Ah: 31.73, nominal_capacity_Ah: 50, cycles: 42, balancing: [0, 0, 0, 1, 0, 0, 0],
  protections: ['cell_undervoltage', 'discharge_overcurrent'], charge_fet_on: false, discharge_fet_on: true, soh_pct: 97.2,
  charge_voltage_limit_V: 29.4, discharge_voltage_limit_V: 21, charge_current_limit_A: 75, discharge_current_limit_A: 150, ...over,
});
const data = (b: Uint8Array): JkUartDataFields => {
  const f = decodeJkUartFrame(b);
  assert.is(f.kind, 'data');
  return f.fields as JkUartDataFields;
};

test('read-all reply decodes with the project decoder to the values sent (cells 1 mV, V 10 mV, I 10 mA with positive = charging on the wire, T 1 K, SOC 1 %)', () => {
  const x = data(jkUartReadAll(state(), { chemistry: 'LFP' }));
  assert.is(x.command, 6);
  assert.equal(x.cell_voltages_v, [3.821, 3.834, 3.831, 3.82, 3.832, 3.834, 3.825]);
  assert.is(x.cell_count, 7);
  assert.is(x.pack_voltage_v, 53.59);
  assert.is(x.protocol_version, 1);
  assert.is(x.current_a, -12.35); // discharging 12.346 A -> 1235 cA, sign bit clear
  assert.is(x.current_raw, 1235);
  assert.equal([x.mos_temp_c, x.temp1_c, x.temp2_c, x.temp_sensor_count], [31, 25, 31, 2]);
  assert.is(x.soc_pct, 63);
  assert.is(x.cycles, 42);
  assert.equal(x.alarms, ['discharge_overcurrent', 'cell_undervoltage']);
  assert.equal([x.charge_mos_on, x.discharge_mos_on, x.balancer_on], [false, true, true]);
  assert.equal([x.pack_ovp_v, x.pack_uvp_v, x.discharge_ocp_a, x.charge_ocp_a, x.capacity_setting_ah], [29.4, 21, 150, 75, 50]);
  assert.is(x.battery_type, 'LFP');
  assert.is(x.runtime_min, 121);
  assert.is(x.manufacturer_id, 'bms-edge-sim');
  assert.is(x.unparsed_hex, undefined, 'every tag sent is one the decoder knows the size of');
});

test('frame layout matches a real JK-B2A reply: header 4E 57, source 0 = BMS, type 1 = reply, record number, 68, 00 00, u16 sum', () => {
  const b = jkUartReadAll(state());
  assert.equal(Array.from(b.subarray(0, 2)), [0x4e, 0x57]);
  assert.is((b[2]! << 8) | b[3]!, b.length - 2);
  assert.equal(Array.from(b.subarray(4, 11)), [0, 0, 0, 0, 6, 0, 1]);
  assert.is(b[b.length - 5], 0x68);
  assert.equal(Array.from(b.subarray(b.length - 4, b.length - 2)), [0, 0]);
  const sum = b.subarray(0, b.length - 2).reduce((s, x) => s + x, 0) & 0xffff;
  assert.is((b[b.length - 2]! << 8) | b[b.length - 1]!, sum);
});

test('charging current sets bit 15 (protocol 1); protocol 0 uses 10000 - charge x 100; both decode back, and the monitor sample has positive = discharge', () => {
  assert.is(jkCurrentRaw(-2.08, 1), 0x8000 | 208);
  assert.is(jkCurrentRaw(0, 1), 0);
  assert.is(jkCurrentRaw(2.08, 0), 10208);
  const charge = data(jkUartReadAll(state({ current_A: -2.08 })));
  assert.is(charge.current_a, 2.08);
  const v0 = data(jkUartReadAll(state({ current_A: -2.08 }), { protocol_version: 0 }));
  assert.equal([v0.protocol_version, v0.current_raw, v0.current_a], [0, 9792, 2.08]);
  const s = toSample([decodeJkUartFrame(jkUartReadAll(state({ current_A: 7.5 })))]);
  assert.is(s?.current_A, 7.5);
  assert.is(s?.temp_degC, (25 + 31) / 2);
});

test('temperatures below zero use the 100-offset encoding (101 = -1 degC) and saturate at +-100 degC', () => {
  assert.is(jkTempRaw(-1), 101);
  assert.is(jkTempRaw(-12.6), 113);
  assert.is(jkTempRaw(140), 100);
  const x = data(jkUartReadAll(state({ temps_degC: [-12.6, -0.4] })));
  assert.equal([x.temp1_c, x.temp2_c, x.mos_temp_c], [-13, 0, 0]);
});

test('one NTC: T1 only, sensor count 1; the stream decoder finds the reply between junk bytes', () => {
  const b = jkUartReadAll(state({ temps_degC: [18.2] }));
  const r = createJkUartStreamDecoder().push(new Uint8Array([0x41, 0x54, 0x0d, 0x0a, ...b, 0x00]));
  assert.is(r.frames.length, 1);
  const x = r.frames[0]!.fields as JkUartDataFields;
  assert.equal([x.temp1_c, x.temp2_c, x.temp_sensor_count], [18, undefined, 1]);
});

test('property: any in-range state survives encode -> decode at wire resolution (cells 1 mV, V 10 mV, I 10 mA both protocol versions, T 1 K, SOC 1 %, cycles)', () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 32 }),
    fc.integer({ min: 0, max: 65535 }),
    fc.integer({ min: -32767, max: 32767 }), fc.integer({ min: -10000, max: 10000 }),
    fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 2 }),
    fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 65535 }), fc.constantFrom<0 | 1>(0, 1),
    (mV, cV, cA1, cA0, temps, soc, cycles, version) => {
      const cA = version === 1 ? cA1 : cA0;
      // off-grid inputs (sub-LSB offsets of at most 0.4 LSB) must round to the grid value
      const s = state({
        cells_V: mV.map((m) => (m + 0.4 * (m % 2 ? -1 : 1) * (m > 0 && m < 65535 ? 1 : 0)) / 1000),
        pack_voltage_V: cV / 100, current_A: cA / 100, temps_degC: temps.map((t) => t + (t % 2 ? 0.3 : -0.3) * (Math.abs(t) < 100 ? 1 : 0)),
        soc_pct: soc, cycles,
      });
      const x = data(jkUartReadAll(s, { protocol_version: version }));
      return x.cell_voltages_v!.every((v, k) => Math.round(v * 1000) === mV[k]) && x.cell_voltages_v!.length === mV.length
        && Math.round(x.pack_voltage_v! * 100) === cV
        && Math.round(-x.current_a! * 100) === cA
        && x.temp1_c === temps[0] && (temps.length < 2 || x.temp2_c === temps[1])
        && x.soc_pct === soc && x.cycles === cycles && x.cell_count === mV.length;
    }), { numRuns: 400 });
});

test('a cell or pack voltage that does not fit the wire, or too many cells, is a typed error, not a wrapped number', () => {
  for (const bad of [state({ pack_voltage_V: 700 }), state({ cells_V: [3.3, -0.1] }), state({ cells_V: new Array<number>(86).fill(3.3) })]) {
    try {
      jkUartReadAll(bad);
      assert.unreachable();
    } catch (e) {
      assert.is((e as { code?: string }).code, 'protocol');
    }
  }
});

test.run();
