/**
 * Calibration of a BLAST-Lite model (LFP or NMC packs) to the pack's own history, as algorithms.md
 * §6.6 take-away (4) asks: one degradation_scalar per mechanism group — calendar, cycling,
 * resistance — each bounded 0.3..3, fitted to the measured SOH trajectory (and resistance) by a
 * log-spaced grid; C0 and R0 are closed-form least squares for each grid point. The history is
 * replayed through the model segment by segment (summary stressors per interval), so the state at
 * the end is the model's own, with its split between calendar and cycling loss.
 * Band: every grid point with SSE ≤ SSE_best·(1 + 5.99/(n − 3)) (95 % likelihood-ratio region).
 */
import { TwinCore, SLOT, type ModelName } from './wasm.ts';
import { TwinError } from './errors.ts';
import type { History } from './history.ts';
import { MIN_POINTS, MAX_PIECE_DAYS, type Calibration, type FitSet, type HistorySegment } from './calibrate.ts';
import { recoveryMask } from './points.ts';
import { recordedUsage } from './usage.ts';

/** Scalar bounds (algorithms.md §6.6 (4)) and grid points per axis. */
export const SCALAR_MIN = 0.3;
export const SCALAR_MAX = 3;
export const SCALAR_STEPS = 15;

const grid = (): number[] =>
  Array.from({ length: SCALAR_STEPS }, (_, i) => SCALAR_MIN * Math.pow(SCALAR_MAX / SCALAR_MIN, i / (SCALAR_STEPS - 1)));

/** History intervals as segments; C-rate is the throughput averaged over the whole interval (BLAST). */
export function historySegments(h: History, socMean = 0.5): HistorySegment[] {
  return h.points.slice(1).map((p, i) => {
    const prev = h.points[i]!;
    const dtDays = (p.t_s - prev.t_s) / 86400;
    const dEfc = Math.max(0, p.efc - prev.efc);
    return { dtDays, dEfc, dod: Math.min(1, p.dod), crate: dtDays > 0 ? (2 * dEfc) / (dtDays * 24) : 0, temp_degC: p.temp_degC, socMean };
  });
}

/** Weighted LS scale a minimising Σ (y − a·x)² over the usable rows, and its SSE. */
function scaleFit(y: (number | null)[], x: (number | null)[], use: boolean[]): { a: number; sse: number; n: number } {
  let sxy = 0, sxx = 0, n = 0;
  y.forEach((v, i) => {
    const m = x[i];
    if (!use[i] || v === null || m === null || m === undefined) return;
    sxy += v * m;
    sxx += m * m;
    n++;
  });
  const a = sxx > 0 ? sxy / sxx : 0;
  let sse = 0;
  y.forEach((v, i) => {
    const m = x[i];
    if (use[i] && v !== null && m !== null && m !== undefined) sse += (v - a * m) ** 2;
  });
  return { a, sse, n };
}

export function calibrateBlast(core: TwinCore, h: History, model: ModelName): Calibration {
  if (model === 'empirical') throw new TwinError('BAD_HISTORY', 'calibrateBlast needs a BLAST model');
  const keep = recoveryMask(h.points);
  const caps = h.points.map((p) => p.capacity_Ah);
  const used = keep.filter(Boolean).length;
  if (used < MIN_POINTS) throw new TwinError('BAD_HISTORY', `${h.source}: ${used} usable capacity measurements, need ${MIN_POINTS}`);
  const usage = recordedUsage(h);
  const segs = historySegments(h, usage.socMean);
  const results: { sCal: number; sCyc: number; a: number; sse: number; q: number[] }[] = [];
  for (const sCal of grid()) {
    for (const sCyc of grid()) {
      const { q } = replayBlast(core, model, segs, sCal, sCyc, 1);
      const f = scaleFit(caps, q, keep);
      results.push({ sCal, sCyc, a: f.a, sse: f.sse, q });
    }
  }
  results.sort((x, y) => x.sse - y.sse);
  const best = results[0]!;
  const limit = best.sse * (1 + 5.99 / Math.max(1, used - 3));
  const sets: FitSet[] = results.filter((r) => r.sse <= limit).map((r) => ({ kind: 'scalars', a: r.a, sCal: r.sCal, sCyc: r.sCyc }));

  // Resistance: scale R0 and one scalar on both resistance mechanisms, when the model has them.
  const res = h.points.map((p) => p.resistance_ohm);
  const resUse = res.map((r) => r !== null);
  const resPoints = resUse.filter(Boolean).length;
  let r0: number | null = null;
  let sR = 1;
  if (resPoints >= MIN_POINTS && replayBlast(core, model, [], 1, 1, 1).r[0] !== null) {
    let bestR = { sse: Infinity, a: 0, s: 1 };
    for (const s of grid()) {
      const { r } = replayBlast(core, model, segs, best.sCal, best.sCyc, s);
      const f = scaleFit(res, r, resUse);
      if (f.sse < bestR.sse) bestR = { sse: f.sse, a: f.a, s };
    }
    r0 = bestR.a;
    sR = bestR.s;
  }
  const firstR = h.points.find((p) => p.resistance_ohm !== null)?.resistance_ohm ?? null;
  const last = h.points[h.points.length - 1]!;
  replayBlast(core, model, segs, best.sCal, best.sCyc, sR);
  return {
    model,
    ratedCapacity_Ah: h.ratedCapacity_Ah,
    c0_Ah: best.a,
    k: Number.NaN,
    p: Number.NaN,
    x0_efc: Number.NaN,
    sigma_Ah: Math.sqrt(best.sse / Math.max(1, used - 3)),
    pointsUsed: used,
    pointsExcludedRecovery: h.points.filter((p) => p.capacity_Ah !== null).length - used,
    sets,
    calendarLossAtEnd: core.state(0),
    fitted_Ah: best.q.map((q) => q * best.a),
    r0_ohm: r0,
    rFirst_ohm: firstR,
    anchor_Ah: null,
    fitTemp_degC: h.points.reduce((a, p) => a + p.temp_degC, 0) / h.points.length,
    kr: 0,
    pr: 1,
    resistancePoints: resPoints,
    last,
    usage,
    segments: segs,
    sR,
    scalars: { calendar: best.sCal, cycling: best.sCyc, resistance: sR },
  };
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
