// Acceptance of issue 8 on the four shared NASA cells: calibrate on the first 40 % of the cell's
// discharges, predict the discharge at which the measured capacity first falls below 1.4 Ah
// (SOH 0.7 of the 2.0 Ah rating), or the last discharge for B0007 which never gets there.
// Asserted within 25 % for B0005, B0006, B0018 (issue); B0007 is reported and bounded at 30 %.
// Figures at the time of writing: B0005 −3.2 %, B0006 −13.8 %, B0007 −23.8 %, B0018 −3.1 %.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TwinCore } from '../../../host/twin/wasm.ts';
import { loadNasaCycles, historyUntil } from '../../../host/twin/history.ts';
import { calibrate } from '../../../host/twin/calibrate.ts';
import { recoveryMask, thin } from '../../../host/twin/points.ts';
import { projectCalibrated } from '../../../host/twin/project.ts';
import { runTwin } from '../../../host/twin/run.ts';

const DATA = new URL('../../../fixtures/nasa-pcoe-battery/', import.meta.url).pathname;
const core = new TwinCore();

function predict(cell: string) {
  const h = loadNasaCycles(DATA + cell);
  const until = Math.round(0.4 * h.points.length);
  const truth = h.points.find((p) => p.capacity_Ah !== null && p.capacity_Ah < 1.4)?.cycle ?? h.points.length;
  const c = calibrate(core, historyUntil(h, until));
  const t = projectCalibrated(core, c, { kind: 'as-recorded' }, [0.7]).thresholds[0]!;
  return { truth, predicted: t.cycle!, error: (t.cycle! - truth) / truth, band: t.cycle_band, c };
}

for (const [cell, limit] of [['B0005', 0.25], ['B0006', 0.25], ['B0018', 0.25], ['B0007', 0.3]] as const) {
  test(`${cell}: calibrated on 40 % of life, predicts the 1.4 Ah cycle within ${limit * 100} %`, () => {
    const r = predict(cell);
    console.log(`  ${cell}: predicted ${r.predicted}, measured ${r.truth}, error ${(r.error * 100).toFixed(1)} %, 95 % fit band ${r.band?.join('..')}, p ${r.c.p.toFixed(2)}`);
    assert.ok(Math.abs(r.error) <= limit, `error ${(r.error * 100).toFixed(1)} %`);
    assert.ok(r.c.p >= 0.45 && r.c.p <= 1.15, 'exponent inside the BLAST bounds');
    assert.ok(r.band !== null && r.band[0]! <= r.predicted && (r.band[1] === null || r.band[1] >= r.predicted), 'band brackets the best fit');
  });
}

test('calibrated on the core\'s own estimates (replay, no ground truth), B0005, B0006, B0018 stay within 25 %', () => {
  for (const [cell, until, truth] of [['B0005', 67, 125], ['B0006', 67, 109], ['B0018', 53, 97]] as const) {
    const r = runTwin(DATA + cell, { historyUntilCycle: until, thresholds: [0.7] });
    assert.is(r.history.points[0]!.capacity_measured, false, 'estimates, not ground truth');
    const cycle = r.projection.thresholds[0]!.cycle!;
    console.log(`  ${cell} (estimates only): predicted ${cycle}, measured ${truth}, error ${(((cycle - truth) / truth) * 100).toFixed(1)} %`);
    assert.ok(Math.abs(cycle - truth) / truth <= 0.25, `${cell}: ${cycle} vs ${truth}`);
  }
});

test('rest recovery: points after a long rest are left out while above the pre-rest capacity', () => {
  const h = loadNasaCycles(DATA + 'B0005');
  const keep = recoveryMask(h.points);
  // B0005 rests 310 h before discharge 20 (1.8470 Ah after 1.8028 Ah); the surplus fades until
  // discharge 29 (1.8028 Ah), the first one not above the pre-rest capacity.
  assert.is(keep[18], true, 'discharge 19 (before the rest) kept');
  assert.is(keep[19], false, 'discharge 20 (recovered) left out');
  assert.is(keep[27], false, 'discharge 28 (1.8140 Ah, still above) left out');
  assert.is(keep[28], true, 'discharge 29 (back on the trend) kept');
});

test('calibrating on more history moves the prediction closer (B0005 at 70 % of life within 10 %)', () => {
  const h = loadNasaCycles(DATA + 'B0005');
  const c = calibrate(core, historyUntil(h, 118));
  const t = projectCalibrated(core, c, { kind: 'as-recorded' }, [0.7]).thresholds[0]!;
  assert.ok(Math.abs(t.cycle! - 125) / 125 <= 0.1, `predicted ${t.cycle}`);
});

test('a history longer than the fitting area is thinned (first and last kept), not cut short', () => {
  const h = loadNasaCycles(DATA + 'B0005');
  const long = { ...h, points: [...h.points, ...h.points.map((p) => ({ ...p, cycle: p.cycle + 168, t_s: p.t_s + 5e6, efc: p.efc + 160, capacity_Ah: p.capacity_Ah! - 0.5 }))] };
  assert.ok(long.points.length > core.histRows, 'longer than the area');
  const thinned = thin(long.points, core.histRows);
  assert.is(thinned.length, core.histRows);
  assert.is(thinned[0], long.points[0]);
  assert.is(thinned[thinned.length - 1], long.points[long.points.length - 1]);
  const c = calibrate(core, long);
  assert.is(c.last.cycle, 336, 'calibrated up to the last discharge');
  assert.is(c.fitted_Ah.length, long.points.length, 'a fitted value for every point');
});

test.run();
