import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PylonCanDecoder, slcanLineToCanFrame } from '../../../../host/protocols/index.ts';
import { pylonFrames, slcanLine } from '../../../../host/sim/wire/pylon.ts';
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
  for (const f of pylonFrames(state)) {
    const line = slcanLine(f);
    assert.match(line, /^t[0-9A-F]{3}[0-8]([0-9A-F]{2})*\r$/);
    const frame = slcanLineToCanFrame(line.slice(0, -1));
    got[f.id] = dec.decode(frame).fields as unknown as Record<string, unknown>;
  }
  assert.equal([got[0x351]!.charge_voltage_limit_v, got[0x351]!.charge_current_limit_a, got[0x351]!.discharge_current_limit_a, got[0x351]!.discharge_voltage_limit_v], [56.8, 100, 0, 40]);
  assert.equal([got[0x355]!.soc_pct, got[0x355]!.soh_pct, got[0x355]!.soc_hires_pct], [57, 99, 57.46]);
  assert.equal([got[0x356]!.pack_voltage_v, got[0x356]!.current_a, got[0x356]!.temperature_c], [52.35, 23.5, 22.7]);
  assert.equal([got[0x373]!.min_cell_v, got[0x373]!.max_cell_v, got[0x373]!.min_cell_temp_c, got[0x373]!.max_cell_temp_c], [3.268, 3.279, 21, 24]);
  assert.is(got[0x35c]!.charge_enable, true);
  assert.is(got[0x35c]!.discharge_enable, false);
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
