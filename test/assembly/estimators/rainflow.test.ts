// Rainflow (ASTM E1049 three-point rule) over SOC: known cycle counts, and conservation of
// throughput (rainflow EFC = sum |delta SOC| / 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core } from '../../../host/core/core.ts';
import { TestCell } from '../../helpers/cell.ts';

/** Drives the cell's SOC through the given turning points at 1 C, 10 s steps. */
function follow(core: Core, cell: TestCell, points: number[]): void {
  if (cell.t_s === 0) core.step(...cell.step(10, 0)); // power up at rest: SOC from the OCV
  for (const p of points) {
    const i = p < cell.soc ? 4 : -4;
    while (i > 0 ? cell.soc > p : cell.soc < p) core.step(...cell.step(10, i));
  }
}

test('ten 80 % -> 35 % -> 80 % swings count as ten full cycles of depth 0.45 (tolerance 2 %)', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.8);
  const core = Core.create({ chemistry: 'NMC', overrides: { rest_time_s: 1e9 } });
  // rated = true capacity, no anchors: SOC follows the coulomb count exactly
  for (let c = 0; c < 10; c++) follow(core, cell, [0.35, 0.8]);
  const s = core.snapshot();
  assert.ok(s.full_cycles! >= 9 && s.full_cycles! <= 10, `${s.full_cycles}`);
  const dod = core.region('RAINFLOW').dod_hist as number[];
  const depth4 = dod.slice(40, 50).reduce((a, b) => a + b, 0);
  assert.ok(depth4 >= 9, `cycles in the 40-50 % DoD bins: ${depth4}`);
  assert.ok(Math.abs(s.efc_rainflow! - 10 * 0.45) / 4.5 < 0.02, `${s.efc_rainflow}`);
});

test('small cycles inside a large one are counted separately (three-point rule)', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.9);
  const core = Core.create({ chemistry: 'NMC', overrides: { rest_time_s: 1e9 } });
  follow(core, cell, [0.2, 0.5, 0.4, 0.5, 0.4, 0.9, 0.2]);
  const s = core.snapshot();
  assert.ok(s.full_cycles! >= 2, `${s.full_cycles} full cycles (two 10 % inner cycles)`);
  const total = 0.7 + 0.3 + 0.1 * 3 + 0.5 + 0.7; // legs from 0.9: down 0.7, up 0.3, three 0.1 wiggles, up 0.5, down 0.7
  assert.ok(Math.abs(s.efc_rainflow! - total / 2) < 0.02, `EFC ${s.efc_rainflow} vs ${total / 2}`);
});

test.run();
