// A pack known only by today's SOH: the projection is bracketed by putting all loss so far in the
// calendar state or all in the cycling state (§6.6 take-away 2); the grade uses the earlier end.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bracketFromSoh } from '../../../host/twin/bracket.ts';
import { NAMED_SCENARIOS } from '../../../host/twin/scenarios.ts';
import { assess } from '../../../host/grade/assess.ts';
import { gradeEvidence } from '../../../host/grade/rules.ts';
import type { History } from '../../../host/twin/history.ts';

test('LFP Sony at SOH 0.8 under storage-25: both splits reach 0.6, earliest <= latest, the split matters (> 10 % apart)', () => {
  const b = bracketFromSoh('lfpSony', 0.8, NAMED_SCENARIOS['storage-25']!, [0.6]);
  const [lo, hi] = b.years[0]!;
  assert.ok(lo !== null && hi !== null && lo <= hi, `${lo}..${hi}`);
  assert.ok(hi! / lo! > 1.1, 'calendar-heavy and cycling-heavy splits differ');
});

test('a fresh cell (SOH 1) gives one answer whatever the split', () => {
  const b = bracketFromSoh('nmcB1', 1, NAMED_SCENARIOS['storage-25']!, [0.8]);
  assert.ok(Math.abs(b.years[0]![0]! - b.years[0]![1]!) < 1e-9);
  assert.ok(Math.abs(b.years[0]![0]! - 11.0) / 11.0 < 0.05, '§6.6: 11.0 years');
});

test('grading a pack with two capacity points uses the bracket and is provisional', () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-'));
  const h: History = {
    source: 'two points',
    chemistry: 'LFP',
    ratedCapacity_Ah: 100,
    points: [
      { cycle: 1, t_s: 0, efc: 1, capacity_Ah: 86, capacity_measured: true, resistance_ohm: 0.001, temp_degC: 25, dod: 0.8 },
      { cycle: 2, t_s: 86400, efc: 2, capacity_Ah: 85, capacity_measured: true, resistance_ohm: 0.0011, temp_degC: 25, dod: 0.8 },
    ],
  };
  const file = join(dir, 'h.json');
  writeFileSync(file, JSON.stringify(h));
  const a = assess(file);
  assert.is(a.calibration, null);
  assert.ok(a.evidence.gridProjection!.scenario.includes('bracket'), a.evidence.gridProjection!.scenario);
  assert.ok(a.evidence.gridProjection!.years! > 5, 'LFP at SOH 0.85 lasts years in storage');
  const g = gradeEvidence(a.evidence);
  assert.is(g.provisional, true, 'two capacity points are thin evidence');
  assert.is(g.grade, 'grid-storage');
});

test.run();
