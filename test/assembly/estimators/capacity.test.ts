// Capacity: the Kalman filter learns the true capacity from full-to-empty and partial pairs, refuses
// pairs with too small a SOC swing, and stays within its bounds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag } from '../../../host/core/core.ts';
import { TestCell } from '../../helpers/cell.ts';

function fullCycle(core: Core, cell: TestCell): number {
  let flags = 0;
  while (cell.soc < 0.995) flags |= core.step(...cell.step(10, -2));
  for (let k = 0; k < 30; k++) flags |= core.step(...cell.step(10, -0.1 * Math.exp(-k / 5)));
  for (let k = 0; k < 30; k++) flags |= core.step(...cell.step(10, 0));
  while (cell.ocvAt(cell.soc) - cell.r_ohm * 2 > 3.0) flags |= core.step(...cell.step(10, 2));
  for (let k = 0; k < 30; k++) flags |= core.step(...cell.step(10, 0));
  return flags;
}

/** SOC at which the loaded voltage reaches the cutoff: capacity is counted between full and there. */
function cutoffSoc(cell: TestCell, current_A: number, cutoff_V: number): number {
  let z = 0;
  while (cell.ocvAt(z) - cell.r_ohm * current_A < cutoff_V) z += 1e-5;
  return z;
}

test('a 3.4 Ah cell rated 4 Ah: capacity converges within 1 % of the usable capacity (full to 3.0 V at 2 A) in 5 cycles', () => {
  const cell = new TestCell('NMC', 3.4, 0.03, 0.5);
  const core = Core.create({ chemistry: 'NMC' });
  let flags = 0;
  for (let c = 0; c < 5; c++) flags |= fullCycle(core, cell);
  assert.ok(flags & Flag.CAPACITY_UPDATE);
  const s = core.snapshot();
  const usable = 3.4 * (1 - cutoffSoc(cell, 2, 3.0));
  assert.ok(Math.abs(s.capacity_Ah! - usable) / usable < 0.01, `${s.capacity_Ah} vs ${usable}`);
  assert.ok(Math.abs(s.soh! - s.capacity_Ah! / 4) < 1e-12);
  assert.ok(s.capacity_updates! >= 5);
});

test('a pair whose SOC swing is below cap_dz_min updates nothing', () => {
  const cell = new TestCell('NMC', 3.4, 0.03, 0.5);
  // TestCell reads the preset OCV table: a table measured on this very cell, trusted to its 5 mV
  const core = Core.create({ chemistry: 'NMC', overrides: { sigma_voltage_V: 0.005 } });
  fullCycle(core, cell);
  const before = core.snapshot();
  // full -> discharge 10 % -> rest to an OCV anchor: swing 0.1 < 0.3
  while (cell.soc < 0.995) core.step(...cell.step(10, -2));
  for (let k = 0; k < 30; k++) core.step(...cell.step(10, -0.05));
  for (let k = 0; k < 61; k++) core.step(...cell.step(10, 2));
  let flags = 0;
  for (let k = 0; k < 400; k++) flags |= core.step(...cell.step(10, 0));
  assert.ok(flags & Flag.ANCHOR_OCV);
  // the charge pair (empty -> full) repeats the discharge pair that closed on the same empty anchor:
  // no independent evidence, no update either
  assert.is(core.snapshot().capacity_updates, before.capacity_updates, 'nothing counted');
});

test('partial cycles between OCV anchors (80 % -> 30 %) teach the capacity too', () => {
  const cell = new TestCell('NMC', 3.0, 0.03, 0.8);
  // TestCell reads the preset OCV table: a table measured on this very cell, trusted to its 5 mV
  const core = Core.create({ chemistry: 'NMC', overrides: { cap_charge_rel_sigma: 0.02, sigma_voltage_V: 0.005 } });
  for (let c = 0; c < 12; c++) {
    for (let k = 0; k < 400; k++) core.step(...cell.step(10, 0));
    while (cell.soc > 0.3) core.step(...cell.step(10, 2));
    for (let k = 0; k < 400; k++) core.step(...cell.step(10, 0));
    while (cell.soc < 0.8) core.step(...cell.step(10, -2));
  }
  const s = core.snapshot();
  assert.ok(Math.abs(s.capacity_Ah! - 3.0) / 3.0 < 0.02, `${s.capacity_Ah}`);
});

test.run();
