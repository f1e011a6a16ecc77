// Capacity per condition (issue 12): the delivered capacity is learned per discharge-rate band and
// per temperature band, remembered when the conditions come back, and a single surprising pair moves
// nothing until a second one confirms it. Tolerances: 1 % of the delivered capacity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag } from '../../../host/core/core.ts';
import { TestCell } from '../../helpers/cell.ts';

const CUTOFF_V = 3.0; // NMC preset empty_voltage_V

function charge(core: Core, cell: TestCell, temp: number): void {
  while (cell.soc < 0.995) core.step(...cell.step(10, -2, temp));
  for (let k = 0; k < 30; k++) core.step(...cell.step(10, -0.1 * Math.exp(-k / 5), temp));
  for (let k = 0; k < 30; k++) core.step(...cell.step(10, 0, temp));
}

/** Full charge, then a discharge at current_A to the cutoff, then a rest; returns the flags raised. */
function cycle(core: Core, cell: TestCell, current_A: number, temp = 25): number {
  charge(core, cell, temp);
  let flags = 0;
  while (cell.ocvAt(cell.soc) - cell.r_ohm * current_A > CUTOFF_V) flags |= core.step(...cell.step(10, current_A, temp));
  for (let k = 0; k < 30; k++) flags |= core.step(...cell.step(10, 0, temp));
  return flags;
}

/** Capacity delivered from full to the loaded cutoff at current_A. */
function delivered(cell: TestCell, current_A: number): number {
  let z = 0;
  while (cell.ocvAt(z) - cell.r_ohm * current_A < CUTOFF_V) z += 1e-5;
  return cell.capacity_Ah * (1 - z);
}

const near = (a: number, b: number): boolean => Math.abs(a - b) / b < 0.01;

test('capacity is learned per discharge rate and remembered: 2C and C/8 bands each give their own delivered capacity', () => {
  const cell = new TestCell('NMC', 3.4, 0.05);
  const core = Core.create({ chemistry: 'NMC' });
  const hi = delivered(cell, 8), lo = delivered(cell, 0.5);
  assert.ok(hi < 0.95 * lo, 'the two rates deliver clearly different capacities');
  for (let c = 0; c < 4; c++) cycle(core, cell, 8);
  assert.ok(near(core.snapshot().capacity_Ah!, hi), `2C: ${core.snapshot().capacity_Ah} vs ${hi}`);
  for (let c = 0; c < 4; c++) cycle(core, cell, 0.5);
  assert.ok(near(core.snapshot().capacity_Ah!, lo), `C/8: ${core.snapshot().capacity_Ah} vs ${lo}`);
  cycle(core, cell, 8);
  assert.ok(near(core.snapshot().capacity_Ah!, hi), `2C again: ${core.snapshot().capacity_Ah} vs ${hi}`);
});

test('capacity is learned at every temperature (never frozen) and the 25 degC value is kept while the cell lives cold', () => {
  const warm = new TestCell('NMC', 3.4, 0.05);
  const core = Core.create({ chemistry: 'NMC' });
  for (let c = 0; c < 4; c++) cycle(core, warm, 2, 25);
  const at25 = core.snapshot().capacity_Ah!;
  assert.ok(near(at25, delivered(warm, 2)), `${at25}`);
  // the same cell at 0 degC: five times the resistance, so it delivers less at the same load
  const cold = Object.assign(new TestCell('NMC', 3.4, 0.25), { soc: warm.soc, t_s: warm.t_s });
  for (let c = 0; c < 4; c++) cycle(core, cold, 2, 0);
  assert.ok(near(core.snapshot().capacity_Ah!, delivered(cold, 2)), `0 degC: ${core.snapshot().capacity_Ah} vs ${delivered(cold, 2)}`);
  assert.ok(Math.abs(core.snapshot().soh! * 4 - at25) < 1e-9, 'SOH stays the 25 degC capacity / rated');
  // back at 25 degC, resting: the estimate is the 25 degC one, without a new discharge
  for (let k = 0; k < 10; k++) core.step(...cold.step(10, 0, 25));
  assert.ok(Math.abs(core.snapshot().capacity_Ah! - at25) < 1e-9, `${core.snapshot().capacity_Ah} vs ${at25}`);
});

test('a single surprising pair (a discharge that collapses at half charge) is refused and counted; a second one that confirms it is used', () => {
  const cell = new TestCell('NMC', 3.4, 0.05);
  const core = Core.create({ chemistry: 'NMC' });
  for (let c = 0; c < 5; c++) cycle(core, cell, 2);
  const before = core.snapshot();
  const collapse = (): number => {
    charge(core, cell, 25);
    while (cell.soc > 0.5) core.step(...cell.step(10, 2));
    const [t, , i, temp] = cell.step(10, 2);
    let flags = core.step(t, CUTOFF_V - 0.3, i, temp); // the voltage collapses below the cutoff
    for (let k = 0; k < 30; k++) flags |= core.step(...cell.step(10, 0));
    return flags;
  };
  const f1 = collapse();
  assert.ok(f1 & Flag.CAPACITY_GATED, 'flagged');
  const once = core.snapshot();
  assert.is(once.capacity_gated, before.capacity_gated! + 1, 'counted');
  assert.is(once.capacity_Ah, before.capacity_Ah, 'the estimate did not move');
  const logged = core.logRecords().filter((l) => l.typeName === 'CAPACITY_REFUSED');
  assert.is(logged.length, 1, 'logged once');
  assert.is(logged[0]!.c, 1, 'reason: innovation');
  assert.ok(logged[0]!.b > 4 && Math.abs(logged[0]!.a - 0.5 * 3.4) < 0.1, `pair ${logged[0]!.a} Ah at ${logged[0]!.b} sigma`);
  collapse();
  const twice = core.snapshot().capacity_Ah!;
  assert.ok(twice < before.capacity_Ah! - 0.5 * (before.capacity_Ah! - 0.5 * 3.4), `confirmed: ${twice}`);
});

test.run();
