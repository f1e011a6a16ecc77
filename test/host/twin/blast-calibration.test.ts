// BLAST-Lite calibration (degradation scalars per mechanism, bounded 0.3..3) on synthetic histories
// made by the twin itself with known scalars: a year at rest then two years of daily cycling (so
// calendar and cycling fade are separable), weekly capacity points with ±2 mAh·Ah deterministic noise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TwinCore, SLOT, type ModelName } from '../../../host/twin/wasm.ts';
import { calibrateBlast, historySegments } from '../../../host/twin/calibrate-blast.ts';
import { projectCalibrated } from '../../../host/twin/project.ts';
import type { History, HistoryPoint } from '../../../host/twin/history.ts';

const core = new TwinCore();
const C0_AH = 100;

function synthetic(model: ModelName, sCal: number, sCyc: number, weeks: number): { h: History; qNext: (steps: number) => number } {
  core.reset(model);
  core.setScalar(SLOT.qCalendar, sCal);
  core.setScalar(SLOT.qCycle, sCyc);
  core.setScalar(SLOT.qExtra, sCyc);
  const points: HistoryPoint[] = [];
  let efc = 0;
  const seg = (w: number) => ({ dtDays: 7, dEfc: w < 52 ? 0 : 7, dod: w < 52 ? 0 : 0.8, crate: w < 52 ? 0 : (2 * 7) / (7 * 24), temp_degC: 30, socMean: 0.5 });
  for (let w = 0; w <= weeks; w++) {
    if (w > 0) {
      core.segmentFromSummary(seg(w - 1));
      core.step(1);
      efc += seg(w - 1).dEfc;
    }
    const noise = 0.002 * Math.sin(w * 1.7);
    points.push({ cycle: w + 1, t_s: w * 7 * 86400, efc, capacity_Ah: C0_AH * (core.q + noise), capacity_measured: true, resistance_ohm: null, temp_degC: 30, dod: seg(w).dod });
  }
  const qNext = (steps: number): number => {
    core.segmentFromSummary(seg(weeks));
    return core.step(steps);
  };
  return { h: { source: `synthetic-${model}`, chemistry: 'LFP', ratedCapacity_Ah: C0_AH, points }, qNext };
}

for (const [model, sCal, sCyc] of [['lfpSony', 1.8, 0.6], ['nmcB1', 0.7, 2.0]] as [ModelName, number, number][]) {
  test(`${model}: recovers calendar ${sCal} and cycling ${sCyc} scalars within 20 % and C0 within 1 %`, () => {
    const { h } = synthetic(model, sCal, sCyc, 156);
    const c = calibrateBlast(core, h, model);
    assert.ok(Math.abs(c.scalars!.calendar / sCal - 1) <= 0.2, `calendar ${c.scalars!.calendar}`);
    assert.ok(Math.abs(c.scalars!.cycling / sCyc - 1) <= 0.2, `cycling ${c.scalars!.cycling}`);
    assert.ok(Math.abs(c.c0_Ah / C0_AH - 1) <= 0.01, `C0 ${c.c0_Ah}`);
    assert.ok(c.sets.length >= 1 && c.sets[0]!.kind === 'scalars');
  });
}

test('lfpSony: the projection from the calibrated state meets the true SOH 0.85 crossing within 10 %', () => {
  const { h, qNext } = synthetic('lfpSony', 1.8, 0.6, 156);
  const c = calibrateBlast(core, h, 'lfpSony');
  const p = projectCalibrated(core, c, { kind: 'as-recorded' }, [0.85], 30);
  // Truth: keep stepping the generating model week by week until q < 0.85.
  const segs = historySegments(h);
  assert.is(segs.length, 156);
  const gen = synthetic('lfpSony', 1.8, 0.6, 156);
  let weeks = 0;
  while (gen.qNext(1) >= 0.85 && weeks < 5000) weeks++;
  const trueYears = (weeks + 1) * 7 / 365;
  assert.ok(p.thresholds[0]!.years !== null, 'crossing projected');
  assert.ok(Math.abs(p.thresholds[0]!.years! / trueYears - 1) <= 0.1, `projected ${p.thresholds[0]!.years} y, true ${trueYears} y`);
  void qNext;
});

test.run();
