// Resistance: R = -dV/dI on current steps, normalised to 25 degC, filtered, with R at beginning of
// life learned from the first steps and implausible steps refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core } from '../../../host/core/core.ts';
import { TestCell } from '../../helpers/cell.ts';

/** Rest / 2 A pulse at 1 s sampling, n pulses, ending at rest. */
function pulses(core: Core, cell: TestCell, n: number, temp_degC = 25): void {
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < 20; k++) core.step(...cell.step(1, 0, temp_degC));
    for (let k = 0; k < 10; k++) core.step(...cell.step(1, 2, temp_degC));
  }
  for (let k = 0; k < 20; k++) core.step(...cell.step(1, 0, temp_degC));
}

test('steps on a 30 mohm cell give R within 2 % after 20 steps, and R/R_BOL = 1', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.7);
  const core = Core.create({ chemistry: 'NMC' });
  pulses(core, cell, 20);
  const s = core.snapshot();
  assert.ok(s.resistance_updates! >= 20);
  assert.ok(Math.abs(s.resistance_ohm! - 0.03) / 0.03 < 0.02, `${s.resistance_ohm}`);
  assert.ok(Math.abs(s.resistance_ratio! - 1) < 0.02);
});

test('a step at 45 degC is normalised to 25 degC with Ea = 35 kJ/mol (tolerance 1 %)', () => {
  const r25 = 0.03;
  // R(45 degC) = R25 * exp[(Ea/Rg)(1/T - 1/Tref)], about 0.41 x R25 (algorithms.md 3.3)
  const r45 = r25 * Math.exp((35000 / 8.314) * (1 / 318.15 - 1 / 298.15));
  const cell = new TestCell('NMC', 4, r45, 0.7);
  const core = Core.create({ chemistry: 'NMC' });
  pulses(core, cell, 10, 45);
  assert.ok(Math.abs(core.snapshot().resistance_ohm! - r25) / r25 < 0.01, `${core.snapshot().resistance_ohm}`);
});

test('resistance growth is tracked: R doubles, the ratio follows to about 2', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.7);
  const core = Core.create({ chemistry: 'NMC', overrides: { r_lambda: 0.8 } });
  pulses(core, cell, 10);
  const aged = new TestCell('NMC', 4, 0.06, cell.soc);
  aged.t_s = cell.t_s;
  pulses(core, aged, 30);
  assert.ok(Math.abs(core.snapshot().resistance_ratio! - 2) < 0.05, `${core.snapshot().resistance_ratio}`);
});

test('steps outside the SOC window or with an unsettled current before them are ignored', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.1);
  const core = Core.create({ chemistry: 'NMC' });
  pulses(core, cell, 3); // SOC 10 %: below r_soc_min
  assert.is(core.snapshot().resistance_updates, 0);
});

test('an implausible step (over 3 x R_BOL) is refused and counted', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.7);
  const core = Core.create({ chemistry: 'NMC' });
  pulses(core, cell, 6);
  const n = core.snapshot().resistance_updates!;
  const bad = new TestCell('NMC', 4, 0.3, cell.soc);
  bad.t_s = cell.t_s;
  pulses(core, bad, 1);
  assert.is(core.snapshot().resistance_updates, n);
  assert.ok((core.region('RESISTANCE').rejected as number) >= 1);
});

test.run();
