// Numeric helpers that never trap: the MVP profile has no non-trapping float-to-int, so every
// conversion below range-checks first.

/** True when x is neither NaN nor infinite. */
@inline export function finite(x: f64): bool { return x - x == 0; }

@inline export function clamp(x: f64, lo: f64, hi: f64): f64 { return x < lo ? lo : x > hi ? hi : x; }

/** floor(x) as i32, clamped to [lo, hi]; NaN gives lo. */
export function binIndex(x: f64, lo: i32, hi: i32): i32 {
  if (!(x >= <f64>lo)) return lo;
  if (x >= <f64>hi) return hi;
  return <i32>Math.floor(x);
}

/** Rounds a non-negative, finite value below 2^52 to i64; anything else gives 0. */
export function roundToI64(x: f64): i64 {
  if (!(x >= 0) || x > 4.5e15) return 0;
  return <i64>Math.floor(x + 0.5);
}

/**
 * Neumaier-compensated addition into the pair (sumAddr, compAddr); the value is sum + comp.
 * Error stays O(eps) relative however many terms are added (no drift over 10 years at 1 Hz).
 */
export function addCompensated(sumAddr: u32, compAddr: u32, x: f64): void {
  const s = load<f64>(<usize>sumAddr);
  const t = s + x;
  let c = load<f64>(<usize>compAddr);
  if (Math.abs(s) >= Math.abs(x)) c += (s - t) + x;
  else c += (x - t) + s;
  store<f64>(<usize>sumAddr, t);
  store<f64>(<usize>compAddr, c);
}

/** Kelvin offset. */
export const ZERO_DEGC_K: f64 = 273.15;
/** Gas constant, J/(mol K). */
export const RG_J_PER_MOL_K: f64 = 8.314;
/** Reference temperature for normalisation, K (25 degC). */
export const T_REF_K: f64 = 298.15;

/** Arrhenius factor exp[(Ea/Rg)(1/T_ref - 1/T)]: > 1 above 25 degC. Exponent clamped to stay finite. */
export function arrhenius(ea_J_per_mol: f64, temp_degC: f64): f64 {
  const tK = temp_degC + ZERO_DEGC_K;
  if (!(tK > 1)) return 1;
  return Math.exp(clamp((ea_J_per_mol / RG_J_PER_MOL_K) * (1 / T_REF_K - 1 / tK), -50, 50));
}
