// The §7 rule set as a pure function: one test per rule, the provisional cases, and that every
// decision carries its reasons with thresholds and sources.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gradeEvidence, sohResistanceBand } from '../../../host/grade/rules.ts';
import { DEFAULT_GRADE_PARAMS } from '../../../host/grade/params.ts';
import type { Evidence } from '../../../host/grade/evidence.ts';

/** A healthy pack that qualifies for grid storage on every rule. */
const good: Evidence = {
  soh: 0.85,
  soh_source: 'measured',
  soh_sigma: 0.01,
  capacityUpdates: 20,
  capacityCycle: 500,
  historyDischarges: 500,
  sensorGlitches: 0,
  resistanceRatio: 1.2,
  resistanceUpdates: 20,
  deepDischargeEvents: 0,
  overVoltageEvents: 0,
  overTemperatureEvents: 0,
  selfDischargeRatio: 1,
  moduleSpread: 0.05,
  gridProjection: { scenario: 'storage-25', years: 8, efc: 2400 },
  lightProjection: { scenario: 'ups-25', years: 20, efc: 500 },
};
const withE = (patch: Partial<Evidence>): Evidence => ({ ...good, ...patch });
const failedRules = (e: Evidence) => gradeEvidence(e).reasons.filter((r) => r.outcome === 'fail').map((r) => r.rule);

test('grid storage when every grid condition holds, with the passing conditions as reasons', () => {
  const g = gradeEvidence(good);
  assert.is(g.grade, 'grid-storage');
  assert.is(g.provisional, false);
  assert.ok(g.deciding.some((d) => d.startsWith('SOH 0.85 >= 0.8')), g.deciding.join('; '));
});

test('SOH below 0.8 (but >= 0.6) gives light duty; the failed grid rule is a reason', () => {
  const g = gradeEvidence(withE({ soh: 0.7 }));
  assert.is(g.grade, 'light-duty');
  assert.ok(g.deciding.includes('SOH 0.7 < 0.8'));
});

test('R/R_BOL between 1.5 and 2.0 gives light duty', () => {
  assert.is(gradeEvidence(withE({ resistanceRatio: 1.8 })).grade, 'light-duty');
  assert.equal(failedRules(withE({ resistanceRatio: 1.8 })), ['grid.resistance']);
});

test('SOH below 0.6 recycles', () => {
  const g = gradeEvidence(withE({ soh: 0.59 }));
  assert.is(g.grade, 'recycle');
  assert.ok(g.deciding.includes('SOH 0.59 < 0.6'));
});

test('R/R_BOL above 2.0 recycles', () => {
  assert.is(gradeEvidence(withE({ resistanceRatio: 2.1 })).grade, 'recycle');
});

test('any deep-discharge, over-voltage or over-temperature event at the safety limit recycles', () => {
  for (const patch of [{ deepDischargeEvents: 1 }, { overVoltageEvents: 2 }, { overTemperatureEvents: 1 }]) {
    assert.is(gradeEvidence(withE(patch)).grade, 'recycle', JSON.stringify(patch));
  }
});

test('abnormal self-discharge (> 2x population median) recycles', () => {
  assert.is(gradeEvidence(withE({ selfDischargeRatio: 2.5 })).grade, 'recycle');
});

test('module spread above 10 % blocks grid storage only', () => {
  assert.is(gradeEvidence(withE({ moduleSpread: 0.15 })).grade, 'light-duty');
});

test('grid projection below 5 years or 1000 EFC gives light duty', () => {
  assert.is(gradeEvidence(withE({ gridProjection: { scenario: 'storage-25', years: 4, efc: 2400 } })).grade, 'light-duty');
  assert.is(gradeEvidence(withE({ gridProjection: { scenario: 'storage-25', years: 8, efc: 900 } })).grade, 'light-duty');
  assert.is(gradeEvidence(withE({ gridProjection: { scenario: 'storage-25', years: null, efc: null } })).grade, 'grid-storage', 'never reaching 0.6 in the horizon passes');
});

test('light-duty projection below 2 years recycles, with both failed projections as reasons', () => {
  const g = gradeEvidence(withE({ soh: 0.7, lightProjection: { scenario: 'ups-25', years: 1.5, efc: 40 } }));
  assert.is(g.grade, 'recycle');
  assert.ok(g.deciding.some((d) => d.startsWith('years to SOH 0.6 under ups-25 1.5 < 2')), g.deciding.join('; '));
});

test('provisional when sigma_SOH > 3 %, or fewer than 3 capacity updates, or too few resistance measurements', () => {
  assert.is(gradeEvidence(withE({ soh_sigma: 0.04 })).provisional, true);
  assert.is(gradeEvidence(withE({ capacityUpdates: 2 })).provisional, true);
  assert.is(gradeEvidence(withE({ resistanceUpdates: 1 })).provisional, true);
  assert.is(gradeEvidence(withE({ soh_sigma: 0.03, capacityUpdates: 3, resistanceUpdates: 3 })).provisional, false, 'limits inclusive');
});

test('provisional with its reason: a single deciding event, a capacity never updated, too little history', () => {
  const one = gradeEvidence(withE({ overVoltageEvents: 1 }));
  assert.is(one.grade, 'recycle');
  assert.is(one.provisional, true);
  assert.ok(one.provisional_reasons.some((r) => r.includes('single event')), one.provisional_reasons.join('; '));
  const two = gradeEvidence(withE({ overVoltageEvents: 2 }));
  assert.is(two.provisional, false, 'two confirmed events are not a single reading');
  const alsoSoh = gradeEvidence(withE({ overVoltageEvents: 1, soh: 0.5 }));
  assert.not.ok(alsoSoh.provisional_reasons.some((r) => r.includes('single event')), 'SOH below the line decides too');
  const noUpdate = gradeEvidence(withE({ capacityUpdates: 0 }));
  assert.ok(noUpdate.provisional && noUpdate.provisional_reasons.some((r) => r.includes('never updated')), noUpdate.provisional_reasons.join('; '));
  const short = gradeEvidence(withE({ historyDischarges: DEFAULT_GRADE_PARAMS.provisionalMinHistoryDischarges.value - 1 }));
  assert.ok(short.provisional && short.provisional_reasons.some((r) => r.includes('discharges of history')), short.provisional_reasons.join('; '));
  assert.equal(gradeEvidence(good).provisional_reasons, [], 'no reason, not provisional');
  assert.is(gradeEvidence(withE({ sensorGlitches: 5 })).grade, 'grid-storage', 'sensor glitches never decide a grade');
});

test('unknown resistance leaves the grade standing but provisional; unknown SOH recycles provisionally', () => {
  const noR = gradeEvidence(withE({ resistanceRatio: null, resistanceUpdates: 0 }));
  assert.is(noR.grade, 'grid-storage');
  assert.is(noR.provisional, true);
  const noSoh = gradeEvidence(withE({ soh: null, soh_source: 'none', soh_sigma: null }));
  assert.is(noSoh.grade, 'recycle');
  assert.is(noSoh.provisional, true);
});

test('unknown optional evidence is reported as not assessed, never as passed', () => {
  const g = gradeEvidence(withE({ selfDischargeRatio: null, moduleSpread: null }));
  const na = g.reasons.filter((r) => r.outcome === 'not-assessed').map((r) => r.rule);
  assert.equal(na.sort(), ['grid.module-spread', 'safety.self-discharge']);
  assert.is(g.grade, 'grid-storage');
});

test('every reason names its threshold and a source', () => {
  for (const r of gradeEvidence(good).reasons) {
    assert.type(r.threshold, 'number');
    assert.ok(r.source.length > 10, r.rule);
  }
  for (const [name, t] of Object.entries(DEFAULT_GRADE_PARAMS)) assert.ok(t.source.length > 10, name);
});

test('thresholds are parameters: a stricter grid SOH changes the grade', () => {
  const strict = { ...DEFAULT_GRADE_PARAMS, gridSohMin: { value: 0.9, source: 'test' } };
  assert.is(gradeEvidence(good, strict).grade, 'light-duty');
});

test('the SOH/resistance band alone', () => {
  assert.is(sohResistanceBand(0.85, 1.2), 'grid-storage');
  assert.is(sohResistanceBand(0.85, 1.6), 'light-duty');
  assert.is(sohResistanceBand(0.7, 1.0), 'light-duty');
  assert.is(sohResistanceBand(0.59, 1.0), 'recycle');
  assert.is(sohResistanceBand(0.9, 2.5), 'recycle');
  assert.is(sohResistanceBand(null, 1), null);
});

test.run();
