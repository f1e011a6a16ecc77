// Calibration of the empirical model to a recorded trajectory (HIST rows, one per measurement):
//   col 0 x [EFC], 1 days since the first row, 2 temp_degC, 3 value (capacity_Ah or resistance_ohm),
//   col 4 weight (0 = ignore), 5 calendar loss at the row (written by fitCalendar).
// Model per row: value = A·base + B·max(0, x − x0)^p, base = 1 − ycal (capacity) or 1 (resistance).
// For each (p, x0) on a grid the weighted least-squares A, B are closed form; B is constrained to the
// physical sign (capacity falls, resistance rises), else B = 0. The best grid point is FIT row 0;
// every grid point with SSE ≤ SSE_best·(1 + 5.99/(n − 4)) (a 95 % likelihood-ratio region for two
// nonlinear parameters, χ²₂ = 5.99) follows as rows 1.. (thinned to fit), the host projects them for the band.
// FIT row = (p, x0, A, k) with k = |B|/A (capacity: loss per EFC^p; resistance: gain per EFC^p).
import { HIST_PTR, FIT_PTR, FITINFO_PTR, SCALAR_PTR, getf, setf, HIST_COLS, HIST_ROWS, FIT_ROWS } from './memory';
import { kokamCalendarFactor, kokamQ1, kokamQ2 } from './models/kokam';
import { Q_T } from './models/slots';
import { dPower } from './laws';
import { anodePotential_V, KELVIN } from './math';

@inline function hist(row: i32, col: i32): f64 {
  return load<f64>(HIST_PTR + ((<usize>(row * HIST_COLS + col)) << 3));
}

@inline function setHist(row: i32, col: i32, v: f64): void {
  store<f64>(HIST_PTR + ((<usize>(row * HIST_COLS + col)) << 3), v);
}

/** Fills col 5 with the calendar loss of the Kokam law stepped through the rows' days and temperatures. */
export function fitCalendar(n: i32, socMean: f64): void {
  const rows = min(n, HIST_ROWS);
  const ua = anodePotential_V(socMean);
  let y: f64 = 0;
  for (let i = 0; i < rows; i++) {
    if (i > 0) {
      const dt = hist(i, 1) - hist(i - 1, 1);
      const k = kokamQ1(kokamCalendarFactor(hist(i, 2) + KELVIN, ua));
      y += getf(SCALAR_PTR, Q_T) * dPower(y, dt, k, kokamQ2());
    }
    setHist(i, 5, y);
  }
}

/** The model's level term of row i: 1 - calendar loss for capacity (sign < 0), 1 for resistance. */
@inline function levelBasis(i: i32, sign: f64): f64 {
  return sign < 0 ? 1.0 - hist(i, 5) : 1.0;
}

/** The model's growth term of row i: max(0, x - x0)^p. */
@inline function growthBasis(i: i32, p: f64, x0: f64): f64 {
  const dx = hist(i, 0) - x0;
  return dx > 0 ? Math.pow(dx, p) : 0.0;
}

// Scratch for one grid point's solution: A, B, SSE.
let solA: f64 = 0;
let solB: f64 = 0;
let solSse: f64 = 0;

function solve(n: i32, sign: f64, p: f64, x0: f64): void {
  let sbb: f64 = 0, sbg: f64 = 0, sgg: f64 = 0, sbv: f64 = 0, sgv: f64 = 0;
  for (let i = 0; i < n; i++) {
    const w = hist(i, 4);
    if (!(w > 0)) continue;
    const b = levelBasis(i, sign);
    const g = growthBasis(i, p, x0);
    const v = hist(i, 3);
    sbb += w * b * b;
    sbg += w * b * g;
    sgg += w * g * g;
    sbv += w * b * v;
    sgv += w * g * v;
  }
  const det = sbb * sgg - sbg * sbg;
  let a = sbb > 0 ? sbv / sbb : 0.0;
  let bb: f64 = 0;
  if (det > 1e-12 * sbb * sgg && det != 0) {
    const a2 = (sgg * sbv - sbg * sgv) / det;
    const b2 = (sbb * sgv - sbg * sbv) / det;
    if (b2 * sign >= 0 && a2 > 0) {
      a = a2;
      bb = b2;
    }
  }
  let sse: f64 = 0;
  for (let i = 0; i < n; i++) {
    const w = hist(i, 4);
    if (!(w > 0)) continue;
    const b = levelBasis(i, sign);
    const g = growthBasis(i, p, x0);
    const r = hist(i, 3) - a * b - bb * g;
    sse += w * r * r;
  }
  solA = a;
  solB = bb;
  solSse = sse;
}

function writeFit(row: i32, p: f64, x0: f64): void {
  const base = FIT_PTR + (<usize>row << 5);
  store<f64>(base, p);
  store<f64>(base, x0, 8);
  store<f64>(base, solA, 16);
  store<f64>(base, solA > 0 ? Math.abs(solB) / solA : 0.0, 24);
}

@inline function gridValue(lo: f64, hi: f64, i: i32, steps: i32): f64 {
  return steps > 1 ? lo + ((hi - lo) * <f64>i) / <f64>(steps - 1) : lo;
}

/** Largest grid searched per axis (keeps one fit bounded in time). */
@inline const MAX_GRID: i32 = 64;

/**
 * Grid search over p in [pMin, pMax] (pSteps points) and x0 in [0, x0Max] (x0Steps points), each
 * axis at most MAX_GRID points; sign = −1 fits capacity (falling), +1 resistance (rising).
 * Returns the number of FIT rows written: the best set first, then the accepted sets (evenly
 * thinned to FIT_ROWS − 1 when more are accepted); 0 when fewer than 3 weighted rows exist.
 */
export function fitPowerLaw(n: i32, sign: f64, pMin: f64, pMax: f64, pSteps: i32, x0Max: f64, x0Steps: i32): i32 {
  const rows = min(n, HIST_ROWS);
  let used = 0;
  for (let i = 0; i < rows; i++) if (hist(i, 4) > 0) used++;
  setf(FITINFO_PTR, 1, <f64>used);
  if (used < 3 || pSteps < 1 || x0Steps < 1) return 0;
  const ps = min(pSteps, MAX_GRID);
  const xs = min(x0Steps, MAX_GRID);
  let best = Infinity;
  let bestP = pMin;
  let bestX = 0.0;
  for (let i = 0; i < ps; i++) {
    for (let j = 0; j < xs; j++) {
      const p = gridValue(pMin, pMax, i, ps);
      const x0 = gridValue(0, x0Max, j, xs);
      solve(rows, sign, p, x0);
      if (solSse < best) {
        best = solSse;
        bestP = p;
        bestX = x0;
      }
    }
  }
  const dof = max(1, used - 4);
  const limit = best * (1.0 + 5.99 / <f64>dof);
  let accepted = 0;
  for (let i = 0; i < ps; i++) {
    for (let j = 0; j < xs; j++) {
      solve(rows, sign, gridValue(pMin, pMax, i, ps), gridValue(0, x0Max, j, xs));
      if (solSse <= limit) accepted++;
    }
  }
  const stride = max(1, (accepted + FIT_ROWS - 2) / (FIT_ROWS - 1));
  let out = 1;
  let k = 0;
  for (let i = 0; i < ps; i++) {
    for (let j = 0; j < xs; j++) {
      const p = gridValue(pMin, pMax, i, ps);
      const x0 = gridValue(0, x0Max, j, xs);
      solve(rows, sign, p, x0);
      if (solSse <= limit) {
        if (k % stride == 0 && out < FIT_ROWS) writeFit(out++, p, x0);
        k++;
      }
    }
  }
  solve(rows, sign, bestP, bestX);
  writeFit(0, bestP, bestX);
  setf(FITINFO_PTR, 0, best);
  setf(FITINFO_PTR, 2, Math.sqrt(best / <f64>max(1, used - 4)));
  setf(FITINFO_PTR, 3, <f64>accepted);
  return out;
}
