// Rainflow (ASTM E1049 three-point rule) over SOC: known cycle counts, and conservation of
// throughput (rainflow EFC = sum |delta SOC| / 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core } from '../../../host/core/core.ts';
import { TestCell } from '../../helpers/cell.ts';
import { SOC_BINS } from '../../../layout/core-layout.ts';

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

test('small cycles inside a large one are counted separately (three-point rule): exactly 2 full, 3 half cycles', () => {
  const cell = new TestCell('NMC', 4, 0.03, 0.9);
  const core = Core.create({ chemistry: 'NMC', overrides: { rest_time_s: 1e9 } });
  follow(core, cell, [0.2, 0.5, 0.4, 0.5, 0.4, 0.9, 0.2]);
  const s = core.snapshot();
  // ASTM E1049-85 5.4.4 by hand on the reversals 0.9 0.2 0.5 0.4 0.5 0.4 0.9 0.2 (S = 0.9 the start):
  //   0.9 0.2 0.5        X 0.3 < Y 0.7: read on
  //   .. 0.5 0.4         X 0.1 < Y 0.3: read on
  //   .. 0.4 0.5         X 0.1 >= Y 0.1, Y holds no S: 1 cycle 0.5-0.4, drop both -> 0.9 0.2 0.5
  //   .. 0.5 0.4 0.9     X 0.1 < Y 0.3, then X 0.5 >= Y 0.1: 1 cycle 0.5-0.4 -> 0.9 0.2 0.9
  //   0.9 0.2 0.9        X 0.7 >= Y 0.7, Y holds S: half cycle 0.9-0.2, drop S -> 0.2 0.9
  //   0.2 0.9 0.2        X 0.7 >= Y 0.7, Y holds S: half cycle 0.2-0.9 -> 0.9 0.2; end: residue 0.9-0.2 half
  // = 2 full cycles of depth 0.1 and 3 half cycles of depth 0.7 (EFC 2 x 0.1 + 3 x 0.35 = 1.25). The
  // core confirms a reversal only after the hysteresis and keeps the last leg as residue (half cycles in
  // the snapshot), which changes when a cycle closes, not the counts.
  assert.is(s.full_cycles, 2, 'two 10 % inner cycles');
  assert.is(s.half_cycles, 3, 'three 70 % half cycles');
  // both inner cycles have mean SOC 45 % (SOC bin 4); a 10 % depth sits on the edge of DoD bins 0 and 1
  const dod = core.region('RAINFLOW').dod_hist as number[];
  assert.is(dod[0 * SOC_BINS + 4]! + dod[1 * SOC_BINS + 4]!, 2, 'inner cycles in the 0-20 % DoD, 40-50 % SOC bins');
  const total = 0.7 + 0.3 + 0.1 * 3 + 0.5 + 0.7; // legs from 0.9: down 0.7, up 0.3, three 0.1 wiggles, up 0.5, down 0.7
  assert.ok(Math.abs(s.efc_rainflow! - total / 2) < 0.02, `EFC ${s.efc_rainflow} vs ${total / 2}`);
});

test.run();
