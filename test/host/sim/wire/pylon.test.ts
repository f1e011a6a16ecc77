import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PylonCanDecoder, slcanLineToCanFrame } from '../../../../host/protocols/index.ts';
import { EnergyCounter, pylonFrames, slcanLine } from '../../../../host/sim/wire/pylon.ts';
import type { BmsState } from '../../../../host/sim/wire/bms-state.ts';

const state: BmsState = {
  t_s: 1, pack_voltage_V: 52.347, current_A: -23.46, cells_V: [3.271, 3.279, 3.268], temps_degC: [21.4, 23.9],
  soc_pct: 57.456, remaining_capacity_Ah: 57.4, nominal_capacity_Ah: 100, cycles: 3, balancing: [0, 0, 0],
  protections: ['cell_undervoltage'], charge_fet_on: true, discharge_fet_on: false, soh_pct: 98.6,
  charge_voltage_limit_V: 56.8, discharge_voltage_limit_V: 40, charge_current_limit_A: 100, discharge_current_limit_A: 0,
};

test('every broadcast frame goes through SLCAN text and the project DBC decoder back to the values sent', () => {
  const dec = PylonCanDecoder.load();
  const got: Record<number, Record<string, unknown>> = {};
  const ids: number[] = [];
  for (const f of pylonFrames(state, { charged_kWh: 12.34, discharged_kWh: 5.6 })) {
    ids.push(f.id);
    const line = slcanLine(f);
    assert.match(line, /^t[0-9A-F]{3}[0-8]([0-9A-F]{2})*\r$/);
    const frame = slcanLineToCanFrame(line.slice(0, -1));
    const d = dec.decode(frame);
    assert.is(d.kind, 'message', `0x${f.id.toString(16)} is in the DBC`);
    got[f.id] = d.fields as unknown as Record<string, unknown>;
  }
  assert.equal(ids, [0x351, 0x355, 0x35f, 0x370, 0x372, 0x373, 0x374, 0x375, 0x376, 0x377, 0x378, 0x379, 0x382, 0x359, 0x35c, 0x35e, 0x356], '0x356 last: a listener sampling on it has the full set');
  assert.equal([got[0x351]!.charge_voltage_limit_v, got[0x351]!.charge_current_limit_a, got[0x351]!.discharge_current_limit_a, got[0x351]!.discharge_voltage_limit_v], [56.8, 100, 0, 40]);
  assert.equal([got[0x355]!.soc_pct, got[0x355]!.soh_pct, got[0x355]!.soc_hires_pct], [57, 99, 57.46]);
  assert.equal([got[0x356]!.pack_voltage_v, got[0x356]!.current_a, got[0x356]!.temperature_c], [52.35, 23.5, 22.7]);
  assert.equal([got[0x373]!.min_cell_v, got[0x373]!.max_cell_v, got[0x373]!.min_cell_temp_c, got[0x373]!.max_cell_temp_c], [3.268, 3.279, 21.85, 23.85]); // 21.4 / 23.9 degC + 273.15 = 294.55 / 297.05, sent as whole kelvin 295 / 297
  assert.equal([got[0x35f]!.capacity_ah, got[0x35f]!.firmware_version_raw, got[0x379]!.installed_capacity_ah], [100, '0701', 100]);
  assert.equal([got[0x370]!.max_temp_c, got[0x370]!.min_temp_c, got[0x370]!.max_cell_v, got[0x370]!.min_cell_v], [23.9, 21.4, 3.279, 3.268]);
  assert.equal([got[0x374]!.min_cell_v_id, got[0x375]!.max_cell_v_id, got[0x376]!.min_cell_temp_id, got[0x377]!.max_cell_temp_id], ['0103', '0102', '0101', '0102']);
  assert.equal([got[0x378]!.energy_charged_kwh, got[0x378]!.energy_discharged_kwh, got[0x382]!.battery_family, got[0x372]!.modules_online], [12.3, 5.6, 'BMSEDGE', 1]);
  assert.is(got[0x35c]!.charge_enable, true);
  assert.is(got[0x35c]!.discharge_enable, false);
});

test('the 0x378 energy counter integrates V x |I| x dt by direction (48 V x 10 A for one hour = 0.48 kWh each way)', () => {
  const e = new EnergyCounter();
  for (let t = 0; t <= 3600; t++) e.add({ ...state, t_s: t, pack_voltage_V: 48, current_A: 10 });
  for (let t = 3601; t <= 7200; t++) e.add({ ...state, t_s: t, pack_voltage_V: 48, current_A: -10 });
  assert.ok(Math.abs(e.discharged_kWh - 0.48) < 1e-9, String(e.discharged_kWh));
  assert.ok(Math.abs(e.charged_kWh - 0.48) < 1e-9, String(e.charged_kWh)); // each step counts with the current at its end
});

test('a frame that is not classic CAN is refused with a typed error', () => {
  try {
    slcanLine({ id: 0x800, data: new Uint8Array(2) });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'protocol');
  }
});

test.run();
