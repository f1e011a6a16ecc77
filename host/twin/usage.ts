/**
 * The recorded usage pattern ('as-recorded'): what one cycle of the pack's life looks like, as summary
 * stressors for the twin (days and EFC per cycle, DoD, C-rate averaged over rest, temperature).
 *
 * Invariants:
 * - Built from the whole history: one projected step is one average discharge of the life so far
 *   (rests and aborted runs included in the time and throughput per step, since they are part of how
 *   the pack was used), so projected cycle numbers count the way the history counts them.
 * - Runs that do not represent the use (aborted, or flagged anomalous by their source) never define
 *   the DoD, C-rate or temperature of a cycle.
 * - Recent use replaces the whole-life average only when the record shows a lasting change: the last
 *   RECENT_SHARE of the history (at least RECENT_MIN representative runs) differs from the life so far
 *   by more than CHANGE_REL in throughput per cycle.
 * - A usage that cannot represent the life (few runs, mostly aborted, mostly rest) is said so in
 *   `warnings` and counted in `widen` (the projection widens its band by BAND_WIDEN per warning).
 */
import type { History, HistoryPoint } from './history.ts';

/** Mean SOC assumed for the calendar law when the history does not say [fraction]. */
export const DEFAULT_SOC_MEAN = 0.5;

/** One recorded cycle as the twin continues it (as-recorded scenario). */
export interface Usage {
  daysPerCycle: number;
  cyclesPerDay: number;
  efcPerCycle: number;
  dod: number;
  /** BLAST-style C-rate, averaged over the whole cycle period including rest [1/h]. */
  crate: number;
  temp_degC: number;
  socMean: number;
  /** Relative uncertainty of the throughput per cycle the future will see [fraction, >= USAGE_REL_MIN]. */
  efcRel?: number;
  /** Why this usage may not represent the life (empty when it does). */
  warnings?: string[];
  /** Which part of the history defined it. */
  basis?: 'whole history' | 'recent change';
}

/** Share of the history (its most recent points) that is checked for a lasting change of use. */
export const RECENT_SHARE = 0.25;
export const RECENT_MIN = 5;
/** A recent change of throughput per cycle larger than this counts as a lasting change [fraction]. */
export const CHANGE_REL = 0.25;
/**
 * A run that delivered less than this share of the history's typical full run (its 75th percentile
 * of DoD) was aborted (NASA README: at 4 degC many 4 A runs stop almost at once).
 */
export const ABORTED_SHARE = 0.3;
/** Fewer representative runs than this cannot tell the use apart from noise. */
export const FEW_RUNS = 10;
/** More than this share of aborted runs, or of time in long rests, makes the usage unrepresentative. */
export const MOSTLY = 0.5;
/** Band widening per usage warning (multiplies the distance of each band end from the prediction). */
export const BAND_WIDEN = 1.5;
/** Least relative uncertainty of the future throughput per cycle (day-to-day spread of a stable use). */
export const USAGE_REL_MIN = 0.05;
/** A rest longer than this [h] (and than 2.5 × the median spacing) is a long rest (points.ts REST_GAP_H). */
const LONG_REST_H = 10;

const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Marks runs that delivered far less than a typical full run as unrepresentative (keeps existing marks). */
export function markAborted(points: HistoryPoint[]): HistoryPoint[] {
  const typical = quantile(points.map((p) => p.dod), 0.75);
  for (const p of points) if (typical > 0 && p.dod < ABORTED_SHARE * typical) p.unrepresentative = true;
  return points;
}

interface Window {
  daysPerCycle: number;
  efcPerCycle: number;
  dod: number;
  temp_degC: number;
  runs: number;
  abortedShare: number;
  restShare: number;
}

function windowOf(all: readonly HistoryPoint[], from: number): Window {
  const pts = all.slice(from);
  const n = pts.length;
  const first = from > 0 ? all[from - 1]! : pts[0]!;
  const last = pts[n - 1]!;
  const steps = from > 0 ? n : Math.max(1, n - 1);
  const span_s = last.t_s - first.t_s;
  const efc = last.efc - (from > 0 ? first.efc : 0);
  const good = pts.filter((p) => !p.unrepresentative);
  const basis = good.length ? good : pts;
  const spacing = pts.slice(1).map((p, i) => p.t_s - pts[i]!.t_s);
  const median = quantile(spacing, 0.5);
  const gap = Math.max(LONG_REST_H * 3600, 2.5 * median);
  const rest_s = spacing.filter((d) => d > gap).reduce((a, d) => a + d, 0);
  return {
    daysPerCycle: span_s > 0 ? span_s / 86400 / steps : 1,
    efcPerCycle: efc / (from > 0 ? n : Math.max(1, n)),
    dod: Math.min(1, basis.reduce((a, p) => a + p.dod, 0) / basis.length),
    temp_degC: basis.reduce((a, p) => a + p.temp_degC, 0) / basis.length,
    runs: good.length,
    abortedShare: 1 - good.length / n,
    restShare: span_s > 0 ? rest_s / span_s : 0,
  };
}

/** The recorded usage pattern of the life so far (see the invariants above). */
export function recordedUsage(h: History): Usage {
  const all = h.points;
  const whole = windowOf(all, 0);
  const recentFrom = Math.max(1, all.length - Math.max(RECENT_MIN, Math.ceil(all.length * RECENT_SHARE)));
  const recent = all.length - recentFrom >= RECENT_MIN && recentFrom > 0 ? windowOf(all, recentFrom) : null;
  const change = recent && whole.efcPerCycle > 0 ? Math.abs(recent.efcPerCycle - whole.efcPerCycle) / whole.efcPerCycle : 0;
  // A lasting change: the recent window is itself made of real runs (not an abort streak).
  const lasting = recent !== null && change > CHANGE_REL && recent.runs >= RECENT_MIN && recent.abortedShare <= MOSTLY;
  const w = lasting ? recent! : whole;
  const warnings: string[] = [];
  if (whole.runs < FEW_RUNS) warnings.push(`usage from only ${whole.runs} representative runs (fewer than ${FEW_RUNS}): the recorded use may not be the pack's use`);
  if (whole.abortedShare > MOSTLY) warnings.push(`${Math.round(whole.abortedShare * 100)} % of the runs were aborted or anomalous: the usage rests on the few complete ones`);
  if (whole.restShare > MOSTLY) warnings.push(`${Math.round(whole.restShare * 100)} % of the recorded time is long rests: the time per cycle is dominated by pauses`);
  const efcRel = Math.min(0.5, Math.max(USAGE_REL_MIN, change));
  return {
    daysPerCycle: w.daysPerCycle,
    cyclesPerDay: 1 / w.daysPerCycle,
    efcPerCycle: w.efcPerCycle,
    dod: w.dod,
    crate: (2 * w.efcPerCycle) / (w.daysPerCycle * 24),
    temp_degC: w.temp_degC,
    socMean: DEFAULT_SOC_MEAN,
    efcRel,
    warnings,
    basis: lasting ? 'recent change' : 'whole history',
  };
}
