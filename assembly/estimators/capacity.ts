// Capacity (SOH) estimator: a scalar Kalman filter on capacity, fed by (delta SOC, delta Ah) pairs
// between trusted SOC anchors (algorithms.md 2.2-2.3). The errors-in-variables noise of delta SOC
// is folded into the measurement variance; pairs with |delta SOC| < cap_dz_min or outside the
// temperature band are refused (gated). Each update is clamped to cap_max_step_frac of rated and
// the estimate to (0.1, cap_max_frac] x rated.
import {
  CAPACITY_BASE, Capacity_q_Ah, Capacity_p_Ah2, Capacity_last_pair_Ah, Capacity_last_t_s, Capacity_temp_min_degC,
  Capacity_temp_max_degC, Capacity_pair_z, Capacity_pair_sigma2, Capacity_pair_net_q20, Capacity_pair_t_s,
  Capacity_updates, Capacity_gated, Capacity_pair_open, Capacity_pair_kind, Capacity_surprises,
  PARAMS_BASE, Params_rated_capacity_Ah, Params_cap_p0_frac, Params_cap_sigma_w_Ah, Params_cap_dz_min,
  Params_cap_max_step_frac, Params_cap_max_frac, Params_cap_temp_min_degC, Params_cap_temp_max_degC,
  Params_current_gain_error, Params_current_offset_A, Params_cap_charge_rel_sigma,
  FLAG_CAPACITY_UPDATE, FLAG_CAPACITY_GATED, LOGT_CAPACITY,
} from '../generated/layout';
import { getF64, setF64, getF32, setF32, getU32, setU32, getI64, setI64 } from '../util/mem';
import { clamp, INV_Q20 } from '../util/num';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';

const C = CAPACITY_BASE;
const P = PARAMS_BASE;

/** Square of the surprise threshold, in standard deviations (4 sigma). */
const INNOVATION_GATE2: f64 = 16;

/** A parameter widened to f64 (capacity updates are rare: f64 keeps the filter exact). */
@inline function p64(off: u32): f64 { return <f64>getF32(P + off); }

export function capacityInit(): void {
  const rated = p64(Params_rated_capacity_Ah);
  const s0 = p64(Params_cap_p0_frac) * rated;
  setF64(C + Capacity_q_Ah, rated);
  setF64(C + Capacity_p_Ah2, s0 * s0);
  setU32(C + Capacity_pair_open, 0);
}

export function capacityAh(): f64 { return getF64(C + Capacity_q_Ah); }
export function capacitySigma2(): f64 { return getF64(C + Capacity_p_Ah2); }

/** Tracks the temperature range of the open pair (called every accepted sample). */
export function capacityTrackTemp(temp_degC: f32): void {
  if (temp_degC < getF32(C + Capacity_temp_min_degC)) setF32(C + Capacity_temp_min_degC, temp_degC);
  if (temp_degC > getF32(C + Capacity_temp_max_degC)) setF32(C + Capacity_temp_max_degC, temp_degC);
}

/** True when the open pair was opened by a full anchor (kind 1). */
export function capacityPairIsFull(): bool {
  return getU32(C + Capacity_pair_open) != 0 && getU32(C + Capacity_pair_kind) == 1;
}

/** Moves the open pair's anchor to this sample, keeping its SOC and variance (a full anchor held). */
export function capacityRefreshPair(net_q20: i64, t_s: f64, temp_degC: f32): void {
  setI64(C + Capacity_pair_net_q20, net_q20);
  setF64(C + Capacity_pair_t_s, t_s);
  setF32(C + Capacity_temp_min_degC, temp_degC);
  setF32(C + Capacity_temp_max_degC, temp_degC);
}

/** Forgets the open pair: the charge since its anchor is not known (gap under load, clock jump). */
export function capacityBreakPair(): void { setU32(C + Capacity_pair_open, 0); }

/** Variance the open pair's anchor has gathered by now (current-sensor gain and offset terms). */
function pairGrowth(net_q20: i64, t_s: f64): f64 {
  const q_As = 3600 * getF64(C + Capacity_q_Ah);
  const gain = p64(Params_current_gain_error) * Math.abs(<f64>(net_q20 - getI64(C + Capacity_pair_net_q20)) * INV_Q20) / q_As;
  const off = p64(Params_current_offset_A) * (t_s - getF64(C + Capacity_pair_t_s)) / q_As;
  return gain * gain + off * off;
}

function openPair(kind: u32, z: f64, sigma2: f64, net_q20: i64, t_s: f64, temp_degC: f32): void {
  setU32(C + Capacity_pair_open, 1);
  setU32(C + Capacity_pair_kind, kind);
  setF64(C + Capacity_pair_z, z);
  setF64(C + Capacity_pair_sigma2, sigma2);
  setI64(C + Capacity_pair_net_q20, net_q20);
  setF64(C + Capacity_pair_t_s, t_s);
  setF32(C + Capacity_temp_min_degC, temp_degC);
  setF32(C + Capacity_temp_max_degC, temp_degC);
}

/** One Kalman update with x = delta SOC (discharge positive) and y = delta Ah. */
function kalmanUpdate(x: f64, y: f64, sigmaX2: f64, dt_s: f64, t_s: f64, flags: u32): void {
  const rated = p64(Params_rated_capacity_Ah);
  const q = getF64(C + Capacity_q_Ah);
  const sw = p64(Params_cap_sigma_w_Ah);
  const pPred = getF64(C + Capacity_p_Ah2) + sw * sw;
  const gain = p64(Params_current_gain_error) * y;
  const off = p64(Params_current_offset_A) * dt_s / 3600;
  let r = gain * gain + off * off + q * q * sigmaX2;
  if (x < 0) {
    const eta = p64(Params_cap_charge_rel_sigma) * y;
    r += eta * eta;
  }
  const innovation = y - x * q;
  const sInnov = x * x * pPred + r;
  // a pair far outside the prediction (capacity recovery after a long rest, a knee) counts and is
  // used: refusing it would hide real change; the count lets a reviewer see how often it happens
  if (getU32(C + Capacity_updates) > 0 && innovation * innovation > INNOVATION_GATE2 * sInnov) {
    setU32(C + Capacity_surprises, getU32(C + Capacity_surprises) + 1);
  }
  const k = pPred * x / sInnov;
  // the step clamp (TI Qmax Delta) applies once the prior has been replaced by a first measurement
  const maxStep = getU32(C + Capacity_updates) == 0 ? rated : p64(Params_cap_max_step_frac) * rated;
  const qNew = clamp(q + clamp(k * innovation, -maxStep, maxStep), 0.1 * rated, p64(Params_cap_max_frac) * rated);
  setF64(C + Capacity_q_Ah, qNew);
  setF64(C + Capacity_p_Ah2, (1 - k * x) * pPred);
  setF64(C + Capacity_last_pair_Ah, y / x);
  setF64(C + Capacity_last_t_s, t_s);
  setU32(C + Capacity_updates, getU32(C + Capacity_updates) + 1);
  raiseFlag(FLAG_CAPACITY_UPDATE);
  logAppend(LOGT_CAPACITY, flags, t_s, <f32>qNew, <f32>Math.sqrt((1 - k * x) * pPred), <f32>(y / x));
}

/**
 * A new SOC measurement (anchor) of `kind` with value z and variance sigma2 at net charge net_As.
 * Closes the open pair into a capacity update when the gates pass, then decides which anchor opens
 * the next pair: the new one, unless the open pair's anchor is still the more precise one.
 */
export function capacityOnAnchor(kind: u32, z32: f32, sigma2_32: f32, net_q20: i64, t_s: f64, temp_degC: f32): void {
  const z = <f64>z32;
  const sigma2 = <f64>sigma2_32;
  if (getU32(C + Capacity_pair_open) == 0) {
    openPair(kind, z, sigma2, net_q20, t_s, temp_degC);
    return;
  }
  const x = getF64(C + Capacity_pair_z) - z;
  if (Math.abs(x) >= p64(Params_cap_dz_min)) {
    const inBand = getF32(C + Capacity_temp_min_degC) >= getF32(P + Params_cap_temp_min_degC)
      && getF32(C + Capacity_temp_max_degC) <= getF32(P + Params_cap_temp_max_degC);
    if (inBand) {
      const y = <f64>(net_q20 - getI64(C + Capacity_pair_net_q20)) * INV_Q20 / 3600;
      kalmanUpdate(x, y, getF64(C + Capacity_pair_sigma2) + sigma2, t_s - getF64(C + Capacity_pair_t_s), t_s, 0);
    } else {
      setU32(C + Capacity_gated, getU32(C + Capacity_gated) + 1);
      raiseFlag(FLAG_CAPACITY_GATED);
    }
    openPair(kind, z, sigma2, net_q20, t_s, temp_degC);
    return;
  }
  if (sigma2 < getF64(C + Capacity_pair_sigma2) + pairGrowth(net_q20, t_s)) openPair(kind, z, sigma2, net_q20, t_s, temp_degC);
}
