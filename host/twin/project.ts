/**
 * Projections of the twin from a calibrated state (or a fresh cell) under a scenario, with the
 * thresholds expressed on SOH = capacity / rated, and an uncertainty band from the accepted fits.
 */
import { TwinCore, type TrajRow } from './wasm.ts';
import type { Calibration } from './calibrate.ts';
import { loadCalibratedState } from './state.ts';
import type { HistoryPoint } from './history.ts';
import { scenarioProfile, periodDays, type Scenario } from './scenarios.ts';
import { BAND_WIDEN } from './usage.ts';

/** Largest threshold level the core takes (q relative to the fitted fresh capacity); above it the crossing is immediate. */
const MAX_LEVEL = 1.49;
/** Half-width of the scatter band in fit-residual σ (95 % of a normal scatter). */
export const SCATTER_SIGMAS = 2;

/** SOH thresholds reported by default (second-life grading bands, algorithms.md §7). */
export const DEFAULT_SOH_THRESHOLDS = [0.8, 0.7, 0.6] as const;
/** Projection horizon [years]. */
export const DEFAULT_HORIZON_YEARS = 60;
/** At most this many accepted parameter sets are projected for the band (evenly spread). */
export const BAND_SETS = 64;

export interface ThresholdResult {
  soh: number;
  /** Years and EFC from the end of the history; null when not reached within the horizon. */
  years: number | null;
  efc: number | null;
  /** Projected discharge count at which SOH first falls below the threshold. */
  cycle: number | null;
  /** 'history' when the measured capacity already fell below it during the history (years = efc = 0). */
  from: 'projection' | 'history';
  /**
   * Earliest and latest cycle of the band: the accepted fits (95 % likelihood region) and, for the
   * recorded usage, its throughput per cycle at ±efcRel, widened by BAND_WIDEN per usage warning.
   * A crossing not yet reached is never placed inside the history (both >= the last cycle + 1).
   * Null cycle_high = beyond the horizon; null on a crossing already seen in the history.
   */
  cycle_low: number | null;
  cycle_high: number | null;
  /** [cycle_low, cycle_high] (kept for readers of the earlier field). */
  cycle_band: [number | null, number | null] | null;
  years_band: [number | null, number | null] | null;
  efc_band: [number | null, number | null] | null;
}

export interface TrajectoryPoint {
  years: number;
  efc: number;
  cycle: number;
  soh: number;
  capacity_Ah: number;
  resistance_ohm: number | null;
  resistance_ratio: number | null;
  /** SOH envelope over the accepted fits at this time (null without a band). */
  soh_low: number | null;
  soh_high: number | null;
}

export interface Projection {
  scenario: string;
  thresholds: ThresholdResult[];
  trajectory: TrajectoryPoint[];
}

/** The usage of one projection step: a scenario profile, or the recorded pattern ('as-recorded'). */
export type Usage = { kind: 'scenario'; scenario: Scenario } | { kind: 'as-recorded' };

function applyUsage(core: TwinCore, c: Calibration, usage: Usage): number {
  if (usage.kind === 'scenario') {
    const p = scenarioProfile(usage.scenario);
    core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
    return periodDays(usage.scenario);
  }
  const u = c.usage;
  core.segmentFromSummary({ dtDays: u.daysPerCycle, dEfc: u.efcPerCycle, dod: u.dod, crate: u.crate, temp_degC: u.temp_degC, socMean: u.socMean });
  return u.daysPerCycle;
}

function runOnce(core: TwinCore, c: Calibration, set: Calibration['sets'][number], usage: Usage, thresholds: readonly number[], years: number) {
  loadCalibratedState(core, c, set);
  const period = applyUsage(core, c, usage);
  // A threshold above the fitted fresh capacity (a cold cell far below rated) is crossed at once.
  const levels = thresholds.map((s) => Math.min(MAX_LEVEL, Math.max(0, (s * c.ratedCapacity_Ah) / set.a)));
  return core.project(Math.ceil((years * 365) / period), levels);
}

function toPoint(row: TrajRow, c: Calibration, a: number, period: number): TrajectoryPoint {
  const r0 = c.r0_ohm;
  const resistance = r0 !== null && row.r !== null ? r0 * row.r : null;
  return {
    years: row.days / 365,
    efc: row.efc,
    cycle: c.last.cycle + row.days / period,
    soh: (row.q * a) / c.ratedCapacity_Ah,
    capacity_Ah: row.q * a,
    resistance_ohm: resistance,
    resistance_ratio: resistance !== null && c.rFirst_ohm ? resistance / c.rFirst_ohm : null,
    soh_low: null,
    soh_high: null,
  };
}

/** SOH of a run at `years` (linear in time; a run that stopped early holds its last value, already past the last threshold). */
function sohAt(run: { years: number; soh: number }[], years: number): number {
  let i = 0;
  while (i < run.length - 1 && run[i + 1]!.years < years) i++;
  const a = run[i]!;
  const b = run[Math.min(i + 1, run.length - 1)]!;
  if (b.years <= a.years || years <= a.years) return years <= a.years ? a.soh : b.soh;
  if (years >= b.years) return b.soh;
  return a.soh + ((b.soh - a.soh) * (years - a.years)) / (b.years - a.years);
}

/** First discharge of the history whose measured SOH is below `soh`, if any. */
function crossedInHistory(c: Calibration, history: readonly HistoryPoint[], soh: number): HistoryPoint | undefined {
  return history.find((p) => p.cycle <= c.last.cycle && p.capacity_Ah !== null && p.capacity_Ah / c.ratedCapacity_Ah < soh);
}

/** The calibration with the recorded throughput per cycle scaled by f (rate and C-rate with it). */
function withThroughput(c: Calibration, f: number): Calibration {
  const u = c.usage;
  return { ...c, usage: { ...u, efcPerCycle: u.efcPerCycle * f, crate: u.crate * f } };
}

export function projectCalibrated(
  core: TwinCore,
  c: Calibration,
  usage: Usage,
  thresholds: readonly number[] = DEFAULT_SOH_THRESHOLDS,
  years = DEFAULT_HORIZON_YEARS,
  history: readonly HistoryPoint[] = [],
): Projection {
  const best = c.sets[0]!;
  const period = usage.kind === 'scenario' ? periodDays(usage.scenario) : c.usage.daysPerCycle;
  const main = runOnce(core, c, best, usage, thresholds, years);
  const trajectory = main.rows.map((r) => toPoint(r, c, best.a, period));
  const stride = Math.max(1, Math.ceil((c.sets.length - 1) / BAND_SETS));
  const runs = c.sets.slice(1).filter((_, i) => i % stride === 0).map((set) => ({ set, out: runOnce(core, c, set, usage, thresholds, years) }));
  const band = runs.map((r) => r.out.crossings);
  const curves = runs.map((r) => r.out.rows.map((row) => ({ years: row.days / 365, soh: (row.q * r.set.a) / c.ratedCapacity_Ah })));
  for (const p of trajectory) {
    if (curves.length === 0) break;
    const sohs = curves.map((cv) => sohAt(cv, p.years)).concat(p.soh);
    p.soh_low = Math.min(...sohs);
    p.soh_high = Math.max(...sohs);
  }
  const firstAfter = c.last.cycle + 1;
  // Steps count from the end of the history: a crossing in step s happens at discharge last + s (never inside the history).
  const cycleAt = (steps: number | null): number | null => (steps === null ? null : Math.max(firstAfter, Math.floor(c.last.cycle + steps) + 1));
  // Usage uncertainty (as-recorded only): the best fit under the recorded throughput per cycle at ±efcRel.
  const rel = usage.kind === 'as-recorded' ? (c.usage.efcRel ?? 0) : 0;
  const usageRuns = rel > 0 ? [1 - rel, 1 + rel].map((f) => runOnce(core, withThroughput(c, f), best, usage, thresholds, years).crossings) : [];
  const widen = usage.kind === 'as-recorded' ? Math.pow(BAND_WIDEN, c.usage.warnings?.length ?? 0) : 1;
  const bound = (vals: (number | null)[], pick: 'min' | 'max'): number | null => {
    if (pick === 'max' && vals.some((v) => v === null)) return null;
    const xs = vals.filter((v): v is number => v !== null);
    if (xs.length === 0) return null;
    return pick === 'min' ? Math.min(...xs) : Math.max(...xs);
  };
  /** Band [low, high] around `mid`, each end's distance from it multiplied by `widen`. */
  const widened = (vals: (number | null)[], mid: number | null, floor: number): [number | null, number | null] => {
    const lo = bound(vals, 'min');
    const hi = bound(vals, 'max');
    if (mid === null || widen === 1) return [lo, hi];
    return [lo === null ? null : Math.max(floor, mid - (mid - lo) * widen), hi === null ? null : mid + (hi - mid) * widen];
  };
  // Scatter of the capacity about the trend: the first capacity seen below a level comes when the
  // trend is within SCATTER_SIGMAS RMS residuals above it (noise), or as late as when it is the largest
  // excess already seen in this history below it (a rest recovery holds the capacity up for a while).
  const rms = c.scatter_Ah ?? c.sigma_Ah;
  const up = (SCATTER_SIGMAS * rms) / c.ratedCapacity_Ah;
  const down = Math.max(SCATTER_SIGMAS * rms, c.excess_Ah ?? 0) / c.ratedCapacity_Ah;
  const scatterRuns = up > 0 || down > 0 ? [up, -down].map((d) => runOnce(core, c, best, usage, thresholds.map((t) => Math.max(0.01, t + d)), years).crossings) : [];
  const all = [...band, ...usageRuns, ...scatterRuns];
  const results = thresholds.map((soh, i): ThresholdResult => {
    const seen = crossedInHistory(c, history, soh);
    if (seen) return { soh, years: 0, efc: 0, cycle: seen.cycle, from: 'history', cycle_low: null, cycle_high: null, cycle_band: null, years_band: null, efc_band: null };
    const x = main.crossings[i]!;
    const cycle = cycleAt(x.steps);
    const years = x.days === null ? null : x.days / 365;
    const cyc = all.map((b) => cycleAt(b[i]!.steps)).concat(cycle);
    const yrs = all.map((b) => (b[i]!.days === null ? null : b[i]!.days! / 365)).concat(years);
    const efcs = all.map((b) => b[i]!.efc).concat(x.efc);
    const [lo, hi] = widened(cyc, cycle, firstAfter);
    return {
      soh,
      years,
      efc: x.efc,
      cycle,
      from: 'projection',
      cycle_low: all.length ? (lo === null ? null : Math.round(lo)) : cycle,
      cycle_high: all.length ? (hi === null ? null : Math.round(hi)) : cycle,
      cycle_band: all.length ? [lo === null ? null : Math.round(lo), hi === null ? null : Math.round(hi)] : null,
      years_band: all.length ? widened(yrs, years, 0) : null,
      efc_band: all.length ? widened(efcs, x.efc, 0) : null,
    };
  });
  return { scenario: usage.kind === 'scenario' ? usage.scenario.name : 'as-recorded', thresholds: results, trajectory };
}
