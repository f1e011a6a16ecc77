// Static memory of the twin (no allocation, ever). Every area is a fixed block of f64 slots
// reserved with memory.data at compile time; the host reads the exported pointers.
// Total ≈ 29 KiB, so the twin still fits one 64 KiB page beside the core's static data if both are
// ever linked into one module.
//
//  area        slots  meaning
//  STATE         8    loss/gain states y[i] of the active model (fractions; see models/slots.ts)
//  SCALAR        8    degradation_scalar per state slot (dimensionless, default 1)
//  RATE          8    rates of the active model for the current segment (model-specific units)
//  PARAM        16    parameters of the empirical model (models/empirical.ts)
//  ACC          16    running trapezoid integrals of the per-sample factors (factor·s)
//  FAC           8    per-sample factor scratch written by the model
//  SEG          24    segment accumulators and stressors (see stressors.ts)
//  CLOCK         4    simulated time [days], EFC, step count, unused
//  FITINFO       4    best weighted SSE, rows used, residual sigma, accepted parameter sets
//  THR          16    thresholds: [0..3] q levels, [4..7] days, [8..11] EFC, [12..15] steps (-1 = not reached)
//  TRAJ    384 x 4    projected trajectory rows (days, EFC, q, r)
//  HIST    256 x 6    fitting input rows (x, days, temp_degC, value, weight, calendar loss; see fit.ts)
//  FIT     128 x 4    accepted fitted parameter sets (p, x0_EFC, C0_Ah, k) of the empirical model

@inline export const STATE_SLOTS: i32 = 8;
@inline export const PARAM_SLOTS: i32 = 16;
@inline export const ACC_SLOTS: i32 = 16;
@inline export const TRAJ_ROWS: i32 = 384;
@inline export const HIST_ROWS: i32 = 256;
@inline export const HIST_COLS: i32 = 6;
@inline export const FIT_ROWS: i32 = 128;
@inline export const THRESHOLDS: i32 = 4;

export const STATE_PTR: usize = memory.data(8 * 8, 8);
export const SCALAR_PTR: usize = memory.data(8 * 8, 8);
export const RATE_PTR: usize = memory.data(8 * 8, 8);
export const PARAM_PTR: usize = memory.data(8 * 16, 8);
export const ACC_PTR: usize = memory.data(8 * 16, 8);
export const FAC_PTR: usize = memory.data(8 * 8, 8);
export const SEG_PTR: usize = memory.data(8 * 24, 8);
export const CLOCK_PTR: usize = memory.data(8 * 4, 8);
export const FITINFO_PTR: usize = memory.data(8 * 4, 8);
export const THR_PTR: usize = memory.data(8 * 16, 8);
export const TRAJ_PTR: usize = memory.data(8 * 4 * 384, 8);
export const HIST_PTR: usize = memory.data(8 * 6 * 256, 8);
export const FIT_PTR: usize = memory.data(8 * 4 * 128, 8);

/** Reads slot i of an f64 area. */
@inline export function getf(area: usize, i: i32): f64 {
  return load<f64>(area + (<usize>i << 3));
}

/** Writes slot i of an f64 area. */
@inline export function setf(area: usize, i: i32, v: f64): void {
  store<f64>(area + (<usize>i << 3), v);
}

/** Sets n slots of an area to v. */
export function fillf(area: usize, n: i32, v: f64): void {
  for (let i = 0; i < n; i++) setf(area, i, v);
}
