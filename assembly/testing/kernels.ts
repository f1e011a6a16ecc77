// Test-only entry (build/kernels.wasm, target "kernels"): exposes internal kernels that the ABI
// does not, so tests can drive them for billions of steps inside WASM. Not part of core.wasm.
import { addFixed, Q20, INV_Q20 } from '../util/num';

const ACC: u32 = 1024;
const CARRY: u32 = 1032;

/**
 * Accumulates current_A * dt_s charge increments, n times, exactly as the core's throughput does
 * (f32 increment, Q20 i64 accumulator, f32 carry); returns the total A*s. The current alternates
 * by +-ripple_A every step, so the exact sum is n * current_A * dt_s for even n.
 */
export function accumulate(n: f64, current_A: f64, ripple_A: f64, dt_s: f64): f64 {
  store<i64>(<usize>ACC, 0);
  store<f32>(<usize>CARRY, 0);
  let sign: f64 = 1;
  const dt = <f32>dt_s;
  for (let k: f64 = 0; k < n; k++) {
    addFixed(ACC, CARRY, <f32>(current_A + sign * ripple_A) * dt * Q20);
    sign = -sign;
  }
  return <f64>load<i64>(<usize>ACC) * INV_Q20;
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
