// Numeric helpers that never trap: the MVP profile has no non-trapping float-to-int, so every
// conversion below range-checks first.

/** True when x is neither NaN nor infinite (exponent bits not all ones; integer ops only). */
@inline export function finite(x: f64): bool { return ((reinterpret<u64>(x) >> 52) & 0x7ff) != 0x7ff; }
@inline export function finite32(x: f32): bool { return ((reinterpret<u32>(x) >> 23) & 0xff) != 0xff; }

@inline export function clamp32(x: f32, lo: f32, hi: f32): f32 { return x < lo ? lo : x > hi ? hi : x; }
@inline export function clamp(x: f64, lo: f64, hi: f64): f64 { return x < lo ? lo : x > hi ? hi : x; }

/** floor(x) as i32, clamped to [lo, hi]; NaN gives lo. */
export function binIndex(x: f32, lo: i32, hi: i32): i32 {
  if (!(x >= <f32>lo)) return lo;
  if (x >= <f32>hi) return hi;
  return <i32>Mathf.floor(x);
}

/** Bound of toMs(): 2^61 ms. */
export const TIME_SAT_MS: i64 = 2305843009213693952;

/**
 * Time in whole ms for a finite t_s (rounded half away from zero, no libm floor); clamped to
 * +-2^61 so the conversion never traps and the difference of two results never overflows.
 */
export function toMs(t_s: f64): i64 {
  const ms = t_s * 1000;
  // saturates at +-2^61 ms (+-73 million years), so that the difference of any two results fits in i64
  if (!(ms > -2.3e18)) return -TIME_SAT_MS;
  if (ms > 2.3e18) return TIME_SAT_MS;
  return <i64>(ms >= 0 ? ms + 0.5 : ms - 0.5);
}

/**
 * i64 to f32 without the soft-float library call on 32-bit targets: small values go through the
 * hardware i32 conversion, large ones through two 32-bit halves (same value to f32 precision).
 */
export function i64ToF32(x: i64): f32 {
  if (x >= -2147483648 && x <= 2147483647) return <f32><i32>x;
  return <f32><i32>(x >> 32) * 4294967296.0 + <f32><u32>x;
}

/**
 * Adds x (in fixed-point units) to the i64 accumulator at `acc`, carrying the rounding remainder
 * (f32 at `carry`) into the next call: the accumulated total never drifts from the sum of the x.
 * |x| must stay below 2^62; callers bound it through the plausibility limits.
 */
export function addFixed(acc: u32, carry: u32, x: f32): void {
  const r = x + load<f32>(<usize>carry);
  let n: i64;
  if (r > -2.0e9 && r < 2.0e9) {
    const n32 = <i32>r; // truncation toward zero, hardware conversion
    store<f32>(<usize>carry, r - <f32>n32);
    n = <i64>n32;
  } else {
    if (!(r > -4.0e18 && r < 4.0e18)) return; // unreachable for plausible samples; never trap
    n = <i64>r;
    store<f32>(<usize>carry, r - i64ToF32(n));
  }
  store<i64>(<usize>acc, load<i64>(<usize>acc) + n);
}

/** Q20 and Q10 scale factors of the fixed-point accumulators. */
export const Q20: f32 = 1048576;
export const Q10: f32 = 1024;
export const INV_Q20: f64 = 1.0 / 1048576;
export const INV_Q10: f64 = 1.0 / 1024;

/** Kelvin offset. */
export const ZERO_DEGC_K: f32 = 273.15;
/** Gas constant, J/(mol K). */
export const RG_J_PER_MOL_K: f32 = 8.314;
/** Reference temperature for normalisation, K (25 degC). */
export const T_REF_K: f32 = 298.15;

/** Arrhenius factor exp[(Ea/Rg)(1/T_ref - 1/T)]: > 1 above 25 degC. Exponent clamped to stay finite. */
export function arrhenius(ea_J_per_mol: f32, temp_degC: f32): f32 {
  const tK = temp_degC + ZERO_DEGC_K;
  if (!(tK > 1)) return 1;
  return Mathf.exp(clamp32((ea_J_per_mol / RG_J_PER_MOL_K) * (<f32>1 / T_REF_K - <f32>1 / tK), -50, 50));
}
