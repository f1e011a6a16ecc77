import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decodeJbdFrame } from '../../../../host/protocols/index.ts';
import { jbdBasicInfo, jbdCells, jbdModel, type JbdBasicInfo } from '../../../../host/sim/wire/jbd.ts';

const info = (over: Partial<JbdBasicInfo> = {}): JbdBasicInfo => ({
  pack_voltage_V: 53.27, current_A: 12.34, remaining_capacity_Ah: 31.5, nominal_capacity_Ah: 50, cycles: 17,
  balancing: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], protection_bits: [1, 6], soc_pct: 63,
  charge_fet_on: false, discharge_fet_on: true, cell_count: 17, temps_degC: [24.3, 26.1], ...over,
});

test('basic info (0x03) decodes with the project decoder to the values sent; the current sign flips to positive = charging on the wire', () => {
  const f = decodeJbdFrame(jbdBasicInfo(info()));
  assert.is(f.kind, 'basic-info');
  const x = f.fields as unknown as Record<string, unknown>;
  assert.is(x.pack_voltage_v, 53.27);
  assert.is(x.current_a, -12.34);
  assert.is(x.remaining_capacity_ah, 31.5);
  assert.is(x.nominal_capacity_ah, 50);
  assert.is(x.cycles, 17);
  assert.equal(x.balancing_cells, [2, 17]);
  assert.equal(x.protections, ['cell_undervoltage', 'discharge_overtemperature']);
  assert.is(x.soc_pct, 63);
  assert.is(x.charge_fet_on, false);
  assert.is(x.discharge_fet_on, true);
  assert.is(x.cell_count, 17);
  assert.equal(x.temperatures_c, [24.3, 26.1]);
});

test('cell voltages (0x04) and model (0x05) decode to what was sent', () => {
  const c = decodeJbdFrame(jbdCells([3.301, 3.299, 4.2]));
  assert.equal((c.fields as { cell_voltages_v: number[] }).cell_voltages_v, [3.301, 3.299, 4.2]);
  const m = decodeJbdFrame(jbdModel('bms-edge-sim'));
  assert.is((m.fields as { model: string }).model, 'bms-edge-sim');
});

test('property: any in-range basic info survives encode -> decode at wire resolution (10 mV, 10 mA, 10 mAh, 0.1 K)', () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 65535 }), fc.integer({ min: -32768, max: 32767 }), fc.integer({ min: 0, max: 65535 }),
    fc.array(fc.integer({ min: -400, max: 1000 }), { minLength: 0, maxLength: 6 }), fc.integer({ min: 0, max: 100 }),
    (v, i, cap, temps, soc) => {
      const f = decodeJbdFrame(jbdBasicInfo(info({ pack_voltage_V: v / 100, current_A: -i / 100, remaining_capacity_Ah: cap / 100, temps_degC: temps.map((t) => t / 10), soc_pct: soc })));
      const x = f.fields as unknown as Record<string, number | number[]>;
      return Math.round((x.pack_voltage_v as number) * 100) === v && Math.round((x.current_a as number) * 100) === i
        && Math.round((x.remaining_capacity_ah as number) * 100) === cap && x.soc_pct === soc
        && (x.temperatures_c as number[]).every((t, k) => Math.round(t * 10) === temps[k]);
    }), { numRuns: 500 });
});

test('a value that does not fit the wire is a typed error, not a wrapped number', () => {
  try {
    jbdBasicInfo(info({ pack_voltage_V: 700 }));
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'protocol');
  }
});

test.run();
