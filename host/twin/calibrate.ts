/**
 * Calibrates the empirical twin model (assembly/twin/models/empirical.ts) to a pack's own history:
 * capacity = C0·(1 − calendar loss) − C0·k·max(0, EFC − x0)^p, fitted in the WASM (fit.ts) by a grid
 * over p and x0 with closed-form C0 and k; resistance = R0·(1 + kr·EFC^pr) likewise.
 *
 * Choices (documented because the data force them):
 * - p is bounded by the cycling exponents of the BLAST-Lite models (0.467 NMC B1 … 1.128 Sony LFP
 *   power_B): [0.45, 1.15]. x0 (an onset before throughput fade shows, like Sony's break-in plateau)
 *   is bounded to half of the calibration window's throughput, so it cannot absorb the trend.
 * - Capacity recovery after long rests (NASA README caveat 3: +0.03..0.09 Ah that fades back over a
 *   few cycles) is not degradation: after a rest longer than REST_GAP, points are left out of the fit
 *   while they stay above the last capacity measured before the rest.
 * - The calendar part uses the Kokam NMC law with its own parameters (not fitted: a few weeks of
 *   lab history cannot separate it from cycling fade); its share is reported.
 */
import { TwinCore, EMP, SLOT, type ModelName } from './wasm.ts';
import { TwinError } from './errors.ts';
import type { History, HistoryPoint } from './history.ts';

/** Cycling exponent bounds [min, max, grid points]. */
export const P_GRID: [number, number, number] = [0.45, 1.15, 36];
/** Onset grid points over [0, X0_MAX_SHARE · EFC of the window]. */
export const X0_STEPS = 7;
export const X0_MAX_SHARE = 0.5;
/** Resistance exponent grid [min, max, points]. */
export const PR_GRID: [number, number, number] = [0.5, 1.5, 21];
/** A rest longer than this [h] (and than 2.5 × the median spacing) can show capacity recovery. */
export const REST_GAP_H = 10;
/** Mean SOC assumed for the calendar law when the history does not say [fraction]. */
export const DEFAULT_SOC_MEAN = 0.5;
/**
 * Capacities averaged for today's state: the twin continues from the measured SOH (§6.2), which keeps
 * a rest recovery the trend fit leaves out (NASA B0018 at 40 % of life: −22.7 % → −3.1 %).
 */
export const ANCHOR_POINTS = 5;

/** Mean of the last ANCHOR_POINTS capacities of the history (null when it has none). */
export function anchorOf(points: readonly HistoryPoint[]): number | null {
  const caps = points.filter((p) => p.capacity_Ah !== null).slice(-ANCHOR_POINTS).map((p) => p.capacity_Ah!);
  return caps.length ? caps.reduce((a, b) => a + b, 0) / caps.length : null;
}

/** Longest piece a history gap is replayed in [days]. */
export const MAX_PIECE_DAYS = 30;
/** Fewest usable capacity points for a calibration. */
export const MIN_POINTS = 5;

export interface Usage {
  daysPerCycle: number;
  cyclesPerDay: number;
  efcPerCycle: number;
  dod: number;
  /** BLAST-style C-rate, averaged over the whole cycle period including rest [1/h]. */
  crate: number;
  temp_degC: number;
  socMean: number;
}

/** One accepted parameter set; `a` is the fresh capacity C0 [Ah] in both kinds. */
export type FitSet =
  | { kind: 'power'; p: number; x0: number; a: number; k: number }
  | { kind: 'scalars'; a: number; sCal: number; sCyc: number };

/** One history interval as a twin segment (summary stressors). */
export interface HistorySegment {
  dtDays: number;
  dEfc: number;
  dod: number;
  crate: number;
  temp_degC: number;
  socMean: number;
}

export interface Calibration {
  model: ModelName;
  ratedCapacity_Ah: number;
  c0_Ah: number;
  k: number;
  p: number;
  x0_efc: number;
  sigma_Ah: number;
  pointsUsed: number;
  pointsExcludedRecovery: number;
  /** Accepted parameter sets (95 % likelihood-ratio region), best first. */
  sets: FitSet[];
  calendarLossAtEnd: number;
  /** The fitted capacity at every history point [Ah] (null where the model was not fitted). */
  fitted_Ah: (number | null)[];
  r0_ohm: number | null;
  /** First measured resistance of the history [ohm]: the reference of every resistance ratio. */
  rFirst_ohm: number | null;
  kr: number;
  pr: number;
  resistancePoints: number;
  last: HistoryPoint;
  usage: Usage;
  /** BLAST models only: the history as segments (replayed to reach today's state) and the resistance scalar. */
  segments?: HistorySegment[];
  sR?: number;
  /**
   * Today's capacity [Ah]: the mean of the last ANCHOR_POINTS measured (or estimated) capacities.
   * The twin continues from this state (§6.2); the fit gives only the law. Null: continue from the fit.
   */
  anchor_Ah: number | null;
  /** Mean temperature of the points the capacity fit used [degC] (reference of the fitted rate). */
  fitTemp_degC: number;
  /** BLAST models only: the fitted degradation scalars per mechanism group. */
  scalars?: { calendar: number; cycling: number; resistance: number };
}

/** Mask of the points usable for the capacity fit (true) after the rest-recovery filter. */
export function recoveryMask(points: readonly HistoryPoint[]): boolean[] {
  const spacing = points.slice(1).map((p, i) => p.t_s - points[i]!.t_s).sort((a, b) => a - b);
  const median_s = spacing.length ? spacing[Math.floor(spacing.length / 2)]! : 0;
  const gap_s = Math.max(REST_GAP_H * 3600, 2.5 * median_s);
  const keep = points.map((p) => p.capacity_Ah !== null);
  let lastCap: number | null = null;
  let ceiling: number | null = null;
  points.forEach((p, i) => {
    if (i > 0 && p.t_s - points[i - 1]!.t_s > gap_s && lastCap !== null) ceiling = lastCap;
    if (p.capacity_Ah === null) return;
    if (ceiling !== null && p.capacity_Ah > ceiling) keep[i] = false;
    else ceiling = null;
    if (keep[i]) lastCap = p.capacity_Ah;
  });
  return keep;
}

/** Share of the history (its most recent points, at least RECENT_MIN) that defines "as recorded". */
export const RECENT_SHARE = 0.25;
export const RECENT_MIN = 5;

/** The recorded usage pattern: averages over the most recent quarter of the history. */
export function recordedUsage(h: History): Usage {
  const all = h.points;
  const pts = all.slice(Math.max(0, all.length - Math.max(RECENT_MIN, Math.ceil(all.length * RECENT_SHARE))));
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const n = pts.length;
  const span_days = n > 1 ? (last.t_s - first.t_s) / 86400 / (n - 1) : 1;
  const daysPerCycle = span_days > 0 ? span_days : 1;
  const efcPerCycle = n > 1 ? (last.efc - first.efc) / (n - 1) : last.efc;
  const dod = Math.min(1, pts.reduce((a, p) => a + p.dod, 0) / n);
  return {
    daysPerCycle,
    cyclesPerDay: 1 / daysPerCycle,
    efcPerCycle,
    dod,
    crate: (2 * efcPerCycle) / (daysPerCycle * 24),
    temp_degC: pts.reduce((a, p) => a + p.temp_degC, 0) / n,
    socMean: DEFAULT_SOC_MEAN,
  };
}

/**
 * At most `cap` points, evenly spread and always keeping the first and the last (the core's fitting
 * area is fixed; a long history is thinned, never cut short).
 */
export function thin<T>(points: readonly T[], cap: number): T[] {
  if (points.length <= cap) return points.slice();
  return Array.from({ length: cap }, (_, i) => points[Math.round((i * (points.length - 1)) / (cap - 1))]!);
}

/** Linear interpolation of values given at points (by time), clamped at both ends. */
function interpolate(pts: readonly HistoryPoint[], values: readonly number[], t_s: number): number {
  let i = 0;
  while (i < pts.length - 1 && pts[i + 1]!.t_s < t_s) i++;
  const a = pts[i]!;
  const b = pts[Math.min(i + 1, pts.length - 1)]!;
  const va = values[i] ?? 0;
  const vb = values[Math.min(i + 1, values.length - 1)] ?? va;
  if (b.t_s <= a.t_s || t_s <= a.t_s) return va;
  if (t_s >= b.t_s) return vb;
  return va + ((vb - va) * (t_s - a.t_s)) / (b.t_s - a.t_s);
}

export function calibrate(core: TwinCore, full: History): Calibration {
  const h: History = { ...full, points: thin(full.points, core.histRows) };
  const pts = h.points;
  const keep = recoveryMask(pts);
  const measured = pts.filter((p) => p.capacity_Ah !== null).length;
  const used = keep.filter(Boolean).length;
  if (used < MIN_POINTS) throw new TwinError('BAD_HISTORY', `${h.source}: ${used} usable capacity measurements, need ${MIN_POINTS}`);
  const t0 = pts[0]!.t_s;
  const usage = recordedUsage(h);

  core.reset('empirical');
  const n = core.writeHistory(pts.map((p, i) => [p.efc, (p.t_s - t0) / 86400, p.temp_degC, p.capacity_Ah ?? 0, keep[i] ? 1 : 0]));
  const cal = core.fitCalendar(n, usage.socMean);
  const x0Max = X0_MAX_SHARE * pts[n - 1]!.efc;
  const cap = core.fitPowerLaw(n, -1, P_GRID, x0Max, X0_STEPS);
  const sets: FitSet[] = cap.sets.map((x) => ({ kind: 'power', ...x }));
  const best = sets[0];
  if (!best || best.kind !== 'power') throw new TwinError('BAD_HISTORY', `${h.source}: capacity fit failed`);

  const resPts = pts.filter((p) => p.resistance_ohm !== null);
  let r0: number | null = null;
  let kr = 0;
  let pr = 1;
  if (resPts.length >= MIN_POINTS) {
    const m = core.writeHistory(thin(resPts, core.histRows).map((p) => [p.efc, (p.t_s - t0) / 86400, p.temp_degC, p.resistance_ohm!, 1]));
    const res = core.fitPowerLaw(m, 1, PR_GRID, 0, 1).sets[0];
    if (res) {
      r0 = res.a;
      kr = res.k;
      pr = res.p;
    }
  }
  return {
    model: 'empirical',
    ratedCapacity_Ah: h.ratedCapacity_Ah,
    c0_Ah: best.a,
    k: best.k,
    p: best.p,
    x0_efc: best.x0,
    sigma_Ah: cap.sigma,
    pointsUsed: used,
    pointsExcludedRecovery: measured - used,
    sets,
    calendarLossAtEnd: cal[n - 1] ?? 0,
    fitted_Ah: full.points.map((p) => best.a * (1 - interpolate(pts, cal, p.t_s) - best.k * Math.pow(Math.max(0, p.efc - best.x0), best.p))),
    r0_ohm: r0,
    rFirst_ohm: resPts[0]?.resistance_ohm ?? null,
    fitTemp_degC: pts.filter((_, i) => keep[i]).reduce((a, p) => a + p.temp_degC, 0) / used,
    anchor_Ah: anchorOf(pts),
    kr,
    pr,
    resistancePoints: resPts.length,
    last: pts[pts.length - 1]!,
    usage,
  };
}

/** Puts the twin in the calibrated state at the end of the history, with parameter set `set`. */
export function loadCalibratedState(core: TwinCore, c: Calibration, set: FitSet = c.sets[0]!): void {
  if (set.kind === 'scalars') {
    replayBlast(core, c.model, c.segments ?? [], set.sCal, set.sCyc, c.sR ?? 1);
    core.clockReset();
    return;
  }
  core.reset('empirical');
  core.setParam(EMP.k, set.k);
  core.setParam(EMP.p, set.p);
  core.setParam(EMP.x0, set.x0);
  core.setParam(EMP.kr, c.kr);
  core.setParam(EMP.pr, c.pr);
  // k was fitted at the history's temperatures: the cycling rate scales relative to their mean.
  core.setParam(EMP.tRef_K, c.fitTemp_degC + 273.15);
  const x = c.last.efc;
  core.setState(SLOT.qCalendar, c.calendarLossAtEnd);
  const fitted = set.k * Math.pow(Math.max(0, x - set.x0), set.p);
  const anchored = c.anchor_Ah === null ? fitted : Math.max(0, 1 - c.anchor_Ah / set.a - c.calendarLossAtEnd);
  core.setState(SLOT.qCycle, Math.min(anchored, 1.5));
  core.setState(SLOT.onsetUsed, anchored > 0 ? set.x0 : Math.min(x, set.x0));
  core.setState(SLOT.rCycle, c.kr * Math.pow(x, c.pr));
}

/**
 * Runs a BLAST model through the history segments with the given degradation scalars (calendar
 * slots, cycling slots, resistance slots); returns q after each segment (index 0 = fresh).
 */
export function replayBlast(core: TwinCore, model: ModelName, segs: readonly HistorySegment[], sCal: number, sCyc: number, sR: number): { q: number[]; r: (number | null)[] } {
  core.reset(model);
  core.setScalar(SLOT.qCalendar, sCal);
  core.setScalar(SLOT.qCycle, sCyc);
  core.setScalar(SLOT.qExtra, sCyc);
  core.setScalar(SLOT.rCalendar, sR);
  core.setScalar(SLOT.rCycle, sR);
  const q = [core.q];
  const r = [core.r];
  for (const s of segs) {
    if (s.dtDays > 0) {
      // Long gaps go in pieces of at most MAX_PIECE_DAYS (the core refuses segments over a year).
      const n = Math.ceil(s.dtDays / MAX_PIECE_DAYS);
      core.segmentFromSummary({ ...s, dtDays: s.dtDays / n, dEfc: s.dEfc / n });
      core.step(n);
    }
    q.push(core.q);
    r.push(core.r);
  }
  return { q, r };
}
