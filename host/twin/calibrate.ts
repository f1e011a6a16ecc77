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
 * - The fit gives the law; the twin continues from today's capacity (points.ts anchorOf, §6.2).
 */
import { TwinCore, type ModelName } from './wasm.ts';
import { recoveryMask, thin, anchorOf, interpolate } from './points.ts';
import { recordedUsage, type Usage } from './usage.ts';
import { TwinError } from './errors.ts';
import type { History, HistoryPoint } from './history.ts';

/** Cycling exponent bounds [min, max, grid points]. */
export const P_GRID: [number, number, number] = [0.45, 1.15, 36];
/** Onset grid points over [0, X0_MAX_SHARE · EFC of the window]. */
export const X0_STEPS = 7;
export const X0_MAX_SHARE = 0.5;
/** Resistance exponent grid [min, max, points]. */
export const PR_GRID: [number, number, number] = [0.5, 1.5, 21];
/** Longest piece a history gap is replayed in [days]. */
export const MAX_PIECE_DAYS = 30;
/** Fewest usable capacity points for a calibration. */
export const MIN_POINTS = 5;

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
  /**
   * RMS of every capacity of the history about the fitted law, rest recoveries included [Ah]: how far
   * a capacity seen on a given cycle strays from the trend (>= sigma_Ah). Absent: sigma_Ah.
   */
  scatter_Ah?: number;
  /** Largest excess of a capacity above the fitted law [Ah] (a rest recovery at its biggest); absent: 0. */
  excess_Ah?: number;
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
  const fitted_Ah = full.points.map((p) => best.a * (1 - interpolate(pts, cal, p.t_s) - best.k * Math.pow(Math.max(0, p.efc - best.x0), best.p)));
  const resid = full.points.flatMap((p, i) => (p.capacity_Ah === null ? [] : [p.capacity_Ah - fitted_Ah[i]!]));
  const scatter = resid.length ? Math.sqrt(resid.reduce((a, r) => a + r * r, 0) / resid.length) : 0;
  return {
    model: 'empirical',
    ratedCapacity_Ah: h.ratedCapacity_Ah,
    c0_Ah: best.a,
    k: best.k,
    p: best.p,
    x0_efc: best.x0,
    sigma_Ah: cap.sigma,
    scatter_Ah: Math.max(cap.sigma, scatter),
    excess_Ah: Math.max(0, ...resid),
    pointsUsed: used,
    pointsExcludedRecovery: measured - used,
    sets,
    calendarLossAtEnd: cal[n - 1] ?? 0,
    fitted_Ah,
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

