// Test-only entry (build/kernels.wasm, target "kernels"): exposes internal kernels that the ABI
// does not, so tests can drive them for billions of steps inside WASM. Not part of core.wasm.
import { addCompensated } from '../util/num';

const SUM: u32 = 1024;
const COMP: u32 = 1032;

/**
 * Adds current_A * dt_s, n times, with the core's compensated accumulator; returns the total A*s.
 * The current alternates by +-ripple_A every step, so the exact sum is n * current_A * dt_s for even n.
 */
export function accumulate(n: f64, current_A: f64, ripple_A: f64, dt_s: f64): f64 {
  store<f64>(<usize>SUM, 0);
  store<f64>(<usize>COMP, 0);
  let sign: f64 = 1;
  for (let k: f64 = 0; k < n; k++) {
    addCompensated(SUM, COMP, (current_A + sign * ripple_A) * dt_s);
    sign = -sign;
  }
  return load<f64>(<usize>SUM) + load<f64>(<usize>COMP);
}

/** The same with a plain f32 sum, to show the test can tell a drifting accumulator apart. */
export function accumulate_f32(n: f64, current_A: f64, ripple_A: f64, dt_s: f64): f64 {
  let s: f32 = 0;
  let sign: f64 = 1;
  for (let k: f64 = 0; k < n; k++) {
    s += <f32>((current_A + sign * ripple_A) * dt_s);
    sign = -sign;
  }
  return <f64>s;
}
