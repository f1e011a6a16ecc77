// Parameter blocks: presets load, and a corrupt, truncated, out-of-range or older block is refused
// with a logged event while the block in force and every estimate stay as they were.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag, PARAMS_REASON } from '../../../host/core/core.ts';
import { buildParams, presetValues, CHEMISTRIES } from '../../../layout/presets.ts';

test('every preset loads and the block in force holds its values', () => {
  for (const chem of CHEMISTRIES) {
    const core = Core.create({ chemistry: chem });
    const p = core.params();
    const v = presetValues(chem);
    assert.ok(Math.abs((p.rated_capacity_Ah as number) - v.rated_capacity_Ah!) < 1e-6, chem);
    assert.ok(Math.abs((p.empty_voltage_V as number) - v.empty_voltage_V!) < 1e-6, chem);
  }
});

test('a custom rated capacity scales the current thresholds', () => {
  const core = Core.create({ chemistry: 'NMC', ratedCapacity_Ah: 40 });
  assert.ok(Math.abs((core.params().full_taper_current_A as number) - 2) < 1e-6);
});

test('refused updates: bad CRC, older version, out-of-range value; the running block and estimates stay', () => {
  const core = Core.create({ chemistry: 'NMC' });
  for (let k = 0; k < 50; k++) core.step(k * 10, 3.7, 1, 25);
  const before = core.snapshot();
  const good = buildParams('NMC', { version: 2 });
  const badCrc = good.slice();
  badCrc[40]! ^= 4;
  assert.is(PARAMS_REASON[core.applyParams(badCrc)], 'CRC mismatch');
  assert.is(PARAMS_REASON[core.applyParams(buildParams('NMC', { version: 1 }))], 'version not newer than the block in force');
  assert.is(PARAMS_REASON[core.applyParams(buildParams('NMC', { version: 3, overrides: { charge_efficiency: 1.5 } }))], 'value out of range');
  const after = core.snapshot();
  for (const k of Object.keys(before)) if (!['flags', 'log_next_seq', 'log_count'].includes(k)) assert.is(after[k], before[k], k);
  assert.ok(after.flags! & Flag.PARAMS_REJECTED);
  assert.is(core.logRecords().filter((r) => r.typeName === 'PARAMS').length, 3);
  assert.is(after.params_version, 1);
  assert.is(core.applyParams(good), 0);
  assert.is(core.snapshot().params_version, 2);
});

test.run();
