// Input guard: rejects non-finite and physically impossible samples, classifies the interval
// since the last accepted sample, and keeps the last accepted values for the estimators.
// Invariant: nothing downstream ever sees NaN, infinity, or a negative or oversized interval.
// Intervals are exact integer milliseconds (time stamps are rounded to the ms).
import {
  GUARD_BASE, Guard_t_last_s, Guard_t_last_ms, Guard_v_last_V, Guard_i_last_A, Guard_i_prev_A, Guard_temp_last_degC,
  Guard_samples, Guard_accepted, Guard_n_valid, Guard_rejected_nonfinite, Guard_rejected_range, Guard_clock_backwards,
  Guard_clock_duplicate, Guard_gaps,
  PARAMS_BASE, Params_plaus_v_max_V, Params_plaus_i_max_A, Params_plaus_t_min_degC,
  Params_plaus_t_max_degC, Params_max_gap_s, Params_rest_current_A,
  FLAG_REJECT_NONFINITE, FLAG_REJECT_RANGE, FLAG_CLOCK_BACKWARDS, FLAG_CLOCK_DUPLICATE, FLAG_GAP, LOGT_INPUT_FAULT,
} from '../generated/layout';
import { getF64, setF64, getF32, setF32, getU32, setU32, getI64, setI64 } from '../util/mem';
import { finite, toMs, i64ToF32, TIME_SAT_MS } from '../util/num';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';

/** How the interval before this sample may be used. */
export const IV_FIRST: i32 = 0; // first accepted sample: nothing to integrate
export const IV_NORMAL: i32 = 1; // 0 < dt <= max_gap_s: integrate
export const IV_REST_GAP: i32 = 2; // dt > max_gap_s, at rest on both sides: assume rest, do not integrate
export const IV_BROKEN: i32 = 3; // clock went backwards, or a gap under load: charge in between unknown
export const IV_REJECT: i32 = -1; // sample refused

const P = PARAMS_BASE;
const G = GUARD_BASE;

/**
 * The interval of the sample being classified, ms (valid after guardClassify for IV_NORMAL /
 * IV_REST_GAP). Transient within one sample, never state: persistence and digest need not see it.
 */
let intervalMs: i64 = 0;
export function guardIntervalMs(): i64 { return intervalMs; }

/**
 * True on a sample whose clock went backwards when that fault was logged (counts 1, 2, 4, ...):
 * the only samples on which the periodic summary may re-arm to the new time base, so that a clock
 * running backwards (or two interleaved clocks) writes O(log n) records, never one per sample.
 * Transient within one sample, never state.
 */
let clockRearm = false;
export function guardClockRearm(): bool { return clockRearm; }

/** Counts a fault, logs it on counts 1, 2, 4, 8, ... so a flood cannot evict the log; true when logged. */
function fault(counterOff: u32, bit: u32, t_s: f64): bool {
  const n = getU32(G + counterOff) + 1;
  setU32(G + counterOff, n);
  raiseFlag(bit);
  if ((n & (n - 1)) != 0) return false;
  logAppend(LOGT_INPUT_FAULT, bit, finite(t_s) ? t_s : getF64(G + Guard_t_last_s), <f32>bit, <f32>n, 0);
  return true;
}

/** Classifies a sample (cell voltage already divided by the series count); returns an IV_* code. */
export function guardClassify(t_s: f64, t_ms: i64, cell_V: f32, current_A: f32, temp_degC: f32): i32 {
  clockRearm = false;
  if (cell_V < 0 || cell_V > getF32(P + Params_plaus_v_max_V) || Mathf.abs(current_A) > getF32(P + Params_plaus_i_max_A)
    || temp_degC < getF32(P + Params_plaus_t_min_degC) || temp_degC > getF32(P + Params_plaus_t_max_degC)) {
    fault(Guard_rejected_range, FLAG_REJECT_RANGE, t_s);
    return IV_REJECT;
  }
  if (getU32(G + Guard_n_valid) == 0) return IV_FIRST;
  // no overflow: toMs saturates at +-2^61 ms, so the difference fits in i64; two time stamps both
  // beyond the saturation bound on the same side are ordered by their f64 values (a huge gap or back)
  let dt = t_ms - getI64(G + Guard_t_last_ms);
  if (dt == 0 && (t_ms == TIME_SAT_MS || t_ms == -TIME_SAT_MS)) {
    const d = t_s - getF64(G + Guard_t_last_s);
    dt = d > 0 ? TIME_SAT_MS : d < 0 ? -1 : 0;
  }
  intervalMs = dt;
  if (dt == 0) {
    fault(Guard_clock_duplicate, FLAG_CLOCK_DUPLICATE, t_s);
    return IV_REJECT;
  }
  if (dt < 0) {
    clockRearm = fault(Guard_clock_backwards, FLAG_CLOCK_BACKWARDS, t_s);
    return IV_BROKEN;
  }
  if (i64ToF32(dt) > getF32(P + Params_max_gap_s) * 1000) {
    setU32(G + Guard_gaps, getU32(G + Guard_gaps) + 1);
    raiseFlag(FLAG_GAP);
    const rest = getF32(P + Params_rest_current_A);
    return Mathf.abs(current_A) < rest && Mathf.abs(getF32(G + Guard_i_last_A)) < rest ? IV_REST_GAP : IV_BROKEN;
  }
  return IV_NORMAL;
}

/** Counts an offered sample and refuses non-finite ones; returns false when refused. */
export function guardFinite(t_s: f64, voltage_V: f64, current_A: f64, temp_degC: f64): bool {
  setI64(G + Guard_samples, getI64(G + Guard_samples) + 1);
  if (finite(t_s) && finite(voltage_V) && finite(current_A) && finite(temp_degC)) return true;
  fault(Guard_rejected_nonfinite, FLAG_REJECT_NONFINITE, t_s);
  return false;
}

export { toMs };

/** Records an accepted sample as the new "last" sample. */
export function guardAccept(t_s: f64, t_ms: i64, cell_V: f32, current_A: f32, temp_degC: f32): void {
  setI64(G + Guard_accepted, getI64(G + Guard_accepted) + 1);
  const n = getU32(G + Guard_n_valid);
  if (n < 0xffffffff) setU32(G + Guard_n_valid, n + 1);
  setF32(G + Guard_i_prev_A, getF32(G + Guard_i_last_A));
  setF64(G + Guard_t_last_s, t_s);
  setI64(G + Guard_t_last_ms, t_ms);
  setF32(G + Guard_v_last_V, cell_V);
  setF32(G + Guard_i_last_A, current_A);
  setF32(G + Guard_temp_last_degC, temp_degC);
}

/**
 * Offset to add to a clock that restarted (an uptime counter after a reboot) so that time continues
 * after the last accepted sample: the next sample lands more than max_gap_s later, a gap of unknown
 * length (kept as a rest gap when at rest on both sides), never a clock that went backwards.
 * 0 before the first accepted sample or for a non-finite clock reading.
 */
export function guardResumeOffset(now_s: f64): f64 {
  if (getU32(G + Guard_n_valid) == 0 || !finite(now_s)) return 0;
  return getF64(G + Guard_t_last_s) + <f64>getF32(P + Params_max_gap_s) + 1 - now_s;
}
