// The as-recorded usage (issue 14, point 3): built from the whole history; aborted runs never define
// it; a recent stretch of aborted runs is no "lasting change"; an unrepresentative usage says so and
// the projection's band widens.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recordedUsage, markAborted, FEW_RUNS } from '../../../host/twin/usage.ts';
import type { History, HistoryPoint } from '../../../host/twin/history.ts';
import { TwinCore } from '../../../host/twin/wasm.ts';
import { calibrate } from '../../../host/twin/calibrate.ts';
import { projectCalibrated } from '../../../host/twin/project.ts';
import { historyUntil, loadNasaCycles } from '../../../host/twin/history.ts';

const DATA = new URL('../../../fixtures/nasa-pcoe-battery/', import.meta.url).pathname;

/** n discharges every `days`, each of DoD `dod(i)`, at 25 degC. */
function history(n: number, dod: (i: number) => number, days = 0.5): History {
  let efc = 0;
  const points: HistoryPoint[] = Array.from({ length: n }, (_, i) => {
    efc += dod(i);
    return { cycle: i + 1, t_s: i * days * 86400, efc, capacity_Ah: 2 - 0.002 * i, resistance_ohm: null, temp_degC: 25, dod: dod(i) };
  });
  return { source: 'synthetic', chemistry: 'nasa18650', ratedCapacity_Ah: 2, points: markAborted(points) };
}

test('a recent streak of aborted runs does not define the usage: DoD from the complete runs, whole-history throughput', () => {
  const h = history(100, (i) => (i >= 80 ? 0.02 : 0.9));
  const u = recordedUsage(h);
  assert.is(h.points.filter((p) => p.unrepresentative).length, 20, 'the 20 short runs are marked aborted');
  assert.ok(Math.abs(u.dod - 0.9) < 1e-9, `DoD ${u.dod} from complete runs`);
  assert.is(u.basis, 'whole history');
  const expected = (80 * 0.9 + 20 * 0.02) / 100;
  assert.ok(Math.abs(u.efcPerCycle - expected) < 1e-9, `EFC per cycle ${u.efcPerCycle} = whole-history mean ${expected}`);
});

test('a lasting change of use (recent complete runs at half the depth) weights the recent use', () => {
  const u = recordedUsage(history(100, (i) => (i >= 70 ? 0.45 : 0.9)));
  assert.is(u.basis, 'recent change');
  assert.ok(Math.abs(u.efcPerCycle - 0.45) < 1e-9, `${u.efcPerCycle}`);
  assert.ok(u.efcRel! > 0.25, 'the change widens the usage uncertainty');
});

test('unrepresentative usage: few runs, mostly aborted, mostly rest: each said in warnings', () => {
  assert.ok(recordedUsage(history(FEW_RUNS - 3, () => 0.9)).warnings!.some((w) => w.includes('representative runs')));
  const aborted = history(40, (i) => (i % 3 === 0 ? 0.9 : 0.02));
  assert.ok(recordedUsage(aborted).warnings!.some((w) => w.includes('aborted')));
  const h = history(40, () => 0.9, 0.1);
  for (const p of h.points) if (p.cycle % 5 === 0) for (const q of h.points.filter((x) => x.cycle >= p.cycle)) q.t_s += 3 * 86400;
  assert.ok(recordedUsage(h).warnings!.some((w) => w.includes('long rests')));
  assert.equal(recordedUsage(history(100, () => 0.9)).warnings, [], 'a steady use has no warning');
});

test('each usage warning widens the band by BAND_WIDEN around the same point prediction', () => {
  const core = new TwinCore();
  const c = calibrate(core, historyUntil(loadNasaCycles(DATA + 'B0018'), 53));
  const at = (warnings: string[]) => projectCalibrated(core, { ...c, usage: { ...c.usage, warnings } }, { kind: 'as-recorded' }, [0.7]).thresholds[0]!;
  const plain = at([]);
  const warned = at(['few runs', 'mostly rest']);
  assert.is(warned.cycle, plain.cycle, 'same point prediction');
  assert.ok(warned.cycle_low! < plain.cycle_low! && warned.cycle_high! > plain.cycle_high!, `${plain.cycle_low}..${plain.cycle_high} -> ${warned.cycle_low}..${warned.cycle_high}`);
  const ratio = (warned.cycle_high! - warned.cycle!) / (plain.cycle_high! - plain.cycle!);
  assert.ok(Math.abs(ratio - 2.25) < 0.1, `upper half-width x${ratio.toFixed(2)} (1.5^2, to whole cycles)`);
});

test.run();
