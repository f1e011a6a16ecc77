/**
 * The second-life rule set of algorithms.md §7, as a pure function of the evidence:
 *   recycle    if any hard limit fails (SOH < light minimum, R ratio > light maximum, safety events);
 *   grid       else if every grid condition holds;
 *   light-duty else if every light-duty condition holds;
 *   recycle    otherwise.
 * Every decision carries its reasons (each rule checked, its value, its threshold and source), and
 * the grade is provisional when the capacity evidence is thin (σ, number of updates) or a deciding
 * quantity is unknown.
 */
import { DEFAULT_GRADE_PARAMS, type GradeParams, type Threshold } from './params.ts';
import type { Evidence } from './evidence.ts';

export type GradeName = 'grid-storage' | 'light-duty' | 'recycle';

export interface Reason {
  rule: string;
  /** 'pass' | 'fail' | 'not-assessed' (the evidence is unknown). */
  outcome: 'pass' | 'fail' | 'not-assessed';
  value: number | null;
  threshold: number;
  source: string;
  text: string;
}

export interface GradeResult {
  grade: GradeName;
  provisional: boolean;
  /** Why the grade is provisional (empty when it is not). */
  provisional_reasons: string[];
  reasons: Reason[];
  /** The reasons that decided the grade (failed limits, or the conditions that qualified it). */
  deciding: string[];
  soh: number | null;
  resistance_ratio: number | null;
  /** The band the SOH and resistance rules alone give (the grade can only be this or lower). */
  soh_resistance_band: GradeName | null;
}

/** Grade from the SOH and R/R_BOL bands of §7 alone (null when SOH is unknown). */
export function sohResistanceBand(soh: number | null, ratio: number | null, p: GradeParams = DEFAULT_GRADE_PARAMS): GradeName | null {
  if (soh === null) return null;
  if (soh < p.lightSohMin.value || (ratio !== null && ratio > p.lightResistanceRatioMax.value)) return 'recycle';
  if (soh >= p.gridSohMin.value && (ratio === null || ratio <= p.gridResistanceRatioMax.value)) return 'grid-storage';
  return 'light-duty';
}

type Cmp = 'min' | 'max';

function check(rule: string, value: number | null, t: Threshold, cmp: Cmp, what: string): Reason {
  if (value === null || !Number.isFinite(value)) {
    return { rule, outcome: 'not-assessed', value: null, threshold: t.value, source: t.source, text: `${what}: unknown, not assessed` };
  }
  const ok = cmp === 'min' ? value >= t.value : value <= t.value;
  const op = cmp === 'min' ? (ok ? '>=' : '<') : ok ? '<=' : '>';
  return { rule, outcome: ok ? 'pass' : 'fail', value, threshold: t.value, source: t.source, text: `${what} ${round(value)} ${op} ${t.value}` };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function gradeEvidence(e: Evidence, params: GradeParams = DEFAULT_GRADE_PARAMS): GradeResult {
  const p = params;
  const proj = (x: Evidence['gridProjection'], key: 'years' | 'efc'): number | null => (x === null ? null : (x[key] ?? Infinity));
  const hard = [
    check('recycle.soh', e.soh, p.lightSohMin, 'min', 'SOH'),
    check('recycle.resistance', e.resistanceRatio, p.lightResistanceRatioMax, 'max', 'R/R_BOL'),
    check('safety.deep-discharge', e.deepDischargeEvents, p.deepDischargeEventsMax, 'max', 'deep-discharge events'),
    check('safety.over-voltage', e.overVoltageEvents, p.overVoltageEventsMax, 'max', 'over-voltage events'),
    check('safety.over-temperature', e.overTemperatureEvents, p.overTemperatureEventsMax, 'max', 'over-temperature events'),
    check('safety.self-discharge', e.selfDischargeRatio, p.selfDischargeRatioMax, 'max', 'self-discharge / population median'),
  ];
  const gridName = e.gridProjection?.scenario ?? 'grid scenario';
  const lightName = e.lightProjection?.scenario ?? 'light-duty scenario';
  const grid = [
    check('grid.soh', e.soh, p.gridSohMin, 'min', 'SOH'),
    check('grid.resistance', e.resistanceRatio, p.gridResistanceRatioMax, 'max', 'R/R_BOL'),
    check('grid.module-spread', e.moduleSpread, p.moduleSpreadMax, 'max', 'module capacity spread'),
    check('grid.projection-years', proj(e.gridProjection, 'years'), p.gridProjectionYearsMin, 'min', `years to SOH ${p.projectionSoh.value} under ${gridName}`),
    check('grid.projection-efc', proj(e.gridProjection, 'efc'), p.gridProjectionEfcMin, 'min', `EFC to SOH ${p.projectionSoh.value} under ${gridName}`),
  ];
  const light = [check('light.projection-years', proj(e.lightProjection, 'years'), p.lightProjectionYearsMin, 'min', `years to SOH ${p.projectionSoh.value} under ${lightName}`)];
  const thin = [
    check('evidence.soh-sigma', e.soh_sigma, p.provisionalSohSigmaMax, 'max', 'sigma of SOH'),
    check('evidence.capacity-updates', e.capacityUpdates, p.provisionalMinCapacityUpdates, 'min', 'capacity updates'),
    check('evidence.resistance-updates', e.resistanceUpdates, p.provisionalMinResistanceUpdates, 'min', 'resistance measurements'),
  ];
  const reasons = [...hard, ...grid, ...light, ...thin];
  const failed = (rs: Reason[]) => rs.filter((r) => r.outcome === 'fail');
  // A grid rule that is merely unknown does not block the grid grade but makes it provisional,
  // except the two the whole rule set stands on (SOH and resistance).
  const decidingUnknown = reasons.some((r) => r.outcome === 'not-assessed' && (r.rule.endsWith('.soh') || r.rule.endsWith('.resistance')));
  let grade: GradeName;
  let deciding: Reason[];
  if (failed(hard).length > 0 || e.soh === null) {
    grade = 'recycle';
    deciding = e.soh === null ? [hard[0]!, ...failed(hard)] : failed(hard);
  } else if (failed(grid).length === 0) {
    grade = 'grid-storage';
    deciding = grid.filter((r) => r.outcome === 'pass');
  } else if (failed(light).length === 0) {
    grade = 'light-duty';
    deciding = [...failed(grid), ...light];
  } else {
    grade = 'recycle';
    deciding = [...failed(grid), ...failed(light)];
  }
  const why: string[] = [];
  for (const r of thin) if (r.outcome === 'fail') why.push(`thin evidence: ${r.text}`);
  if (thin.some((r) => r.outcome === 'not-assessed' && r.rule === 'evidence.soh-sigma')) why.push('the uncertainty of SOH is unknown');
  if (decidingUnknown) why.push('SOH or resistance, which the rule set stands on, is unknown');
  if (e.soh !== null && e.capacityUpdates === 0) why.push('the capacity estimate was never updated: SOH is its initial value, not a measurement');
  if (e.historyDischarges !== null && e.historyDischarges !== undefined && e.historyDischarges < p.provisionalMinHistoryDischarges.value) {
    why.push(`only ${e.historyDischarges} discharges of history (fewer than ${p.provisionalMinHistoryDischarges.value})`);
  }
  // A grade decided by safety events alone, on one single event, rests on one reading of the past.
  const eventRules = ['safety.deep-discharge', 'safety.over-voltage', 'safety.over-temperature'];
  const decidingFails = deciding.filter((r) => r.outcome === 'fail');
  if (decidingFails.length > 0 && decidingFails.every((r) => eventRules.includes(r.rule))) {
    const total = decidingFails.reduce((a, r) => a + (r.value ?? 0), 0);
    if (total === 1) why.push(`the grade rests on a single event (${decidingFails[0]!.text})`);
  }
  const provisional = why.length > 0;
  return {
    grade,
    provisional,
    provisional_reasons: why,
    reasons,
    deciding: deciding.map((r) => r.text),
    soh: e.soh,
    resistance_ratio: e.resistanceRatio,
    soh_resistance_band: sohResistanceBand(e.soh, e.resistanceRatio, p),
  };
}
