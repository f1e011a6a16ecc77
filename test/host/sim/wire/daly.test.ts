import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assembleDalyCellVoltages, decodeDalyFrame, type DalyFrame } from '../../../../host/protocols/index.ts';
import { dalyReplies } from '../../../../host/sim/wire/daly.ts';
import type { BmsState } from '../../../../host/sim/wire/bms-state.ts';

const state: BmsState = {
  t_s: 100, pack_voltage_V: 52.34, current_A: 12.34, cells_V: [3.301, 3.305, 3.299, 3.31, 3.302, 3.3, 3.298], temps_degC: [24.6, 31.2, 27.9],
  soc_pct: 63.46, remaining_capacity_Ah: 31.73, nominal_capacity_Ah: 50, cycles: 42, balancing: [0, 0, 0, 1, 0, 0, 0],
  protections: [], charge_fet_on: true, discharge_fet_on: false, soh_pct: 97.2,
  charge_voltage_limit_V: 29.4, discharge_voltage_limit_V: 21, charge_current_limit_A: 75, discharge_current_limit_A: 150,
};
const one = (id: number): Record<string, unknown> => {
  const frames = dalyReplies(id, state);
  assert.is(frames.length, 1);
  return decodeDalyFrame(frames[0]!).fields as unknown as Record<string, unknown>;
};

test('0x90: pack voltage (0.1 V), discharge current (0.1 A, raw above 30000) and SOC (0.1 %) decode to the values sent', () => {
  const x = one(0x90);
  assert.is(x.pack_voltage_v, 52.3);
  assert.is(x.current_a, -12.3); // decoder's current_a is positive = charging
  assert.is(x.soc_pct, 63.5);
  assert.is(x.address, 1);
});

test('0x91 / 0x92 / 0x93 / 0x94 / 0x97: extremes, MOS state, status and balance decode to the values sent', () => {
  const c = one(0x91);
  assert.equal([c.max_cell_v, c.max_cell_no, c.min_cell_v, c.min_cell_no], [3.31, 4, 3.298, 7]);
  const t = one(0x92);
  assert.equal([t.max_temp_c, t.max_temp_sensor, t.min_temp_c, t.min_temp_sensor], [31, 2, 25, 1]);
  const m = one(0x93);
  assert.equal([m.state, m.charge_mos_on, m.discharge_mos_on, m.remaining_capacity_ah], ['discharging', true, false, 31.73]);
  const s = one(0x94);
  assert.equal([s.cell_count, s.temp_sensor_count, s.cycles, s.load_connected], [7, 3, 42, true]);
  assert.equal(one(0x97).balancing_cells, [4]);
});

test('0x95: cell voltages in frames of three, numbered from 1, reassemble to the cells sent (1 mV)', () => {
  const frames = dalyReplies(0x95, state).map((b) => decodeDalyFrame(b) as DalyFrame);
  assert.is(frames.length, 3);
  assert.equal(assembleDalyCellVoltages(frames, 7), state.cells_V);
});

test('an unknown data id gets no reply (a real board stays silent)', () => {
  assert.is(dalyReplies(0x42, state).length, 0);
});

test.run();
