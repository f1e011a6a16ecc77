// State of charge: coulomb counting from the last anchor, scaled by the current capacity estimate,
// with a variance that grows with the charge moved and the time since the anchor (algorithms.md 1.1,
// 1.5). Anchors (1.2): end of a CV charge (full, z = 1), the discharge cutoff under load (empty,
// z = 0), and the OCV after a settled rest, fused by variance rather than overwritten. Every anchor
// is also offered to the capacity estimator as a measurement.
// Per sample: SOC = anchor SOC - (exact integer charge since the anchor) x SOC-per-unit, in f32.
import {
  SOC_BASE, Soc_anchor_z, Soc_anchor_sigma2, Soc_anchor_net_q20, Soc_anchor_t_s, Soc_z, Soc_z_per_q20, Soc_rest_s,
  Soc_rest_v0_V, Soc_rest_w_s, Soc_rest_dvdt, Soc_anchor_moved_q20, Soc_anchor_kind, Soc_anchors, Soc_charged_since_rest,
  Soc_ocv_used, Soc_move_z0, Soc_move_dir, Soc_branch,
  PARAMS_BASE, Params_ocv_hysteresis_V, Params_full_voltage_V, Params_full_taper_current_A, Params_empty_voltage_V, Params_rest_current_A,
  Params_rest_time_s, Params_rest_dvdt_V_per_s, Params_gap_dv_max_V, Params_sigma_voltage_V, Params_sigma_full,
  Params_sigma_empty, Params_ocv_sigma_max, Params_current_gain_error, Params_current_offset_A,
  Params_cap_temp_min_degC, Params_cap_temp_max_degC,
  FLAG_ANCHOR_FULL, FLAG_ANCHOR_EMPTY, FLAG_ANCHOR_OCV,
} from '../generated/layout';
import { getF64, setF64, getF32, setF32, getU32, setU32, getI64, setI64 } from '../util/mem';
import { socFromOcv, ocvSlope } from '../util/ocv';
import { INV_Q20, i64ToF32 } from '../util/num';
import { netQ20, movedQ20 } from './throughput';
import { capacityAh, capacitySigma2, capacityOnAnchor, capacityBreakPair, capacityPairIsFull, capacityRefreshPair } from './capacity';
import { IV_FIRST, IV_NORMAL, IV_REST_GAP, IV_BROKEN } from './guard';
import { raiseFlag } from '../flags';

export const ANCHOR_NONE: u32 = 0;
export const ANCHOR_FULL: u32 = 1;
export const ANCHOR_EMPTY: u32 = 2;
export const ANCHOR_OCV: u32 = 3;

/** SOC variance of "no idea" (uniform over 0..1 is 1/12; a little more, to be safe). */
const SIGMA2_UNKNOWN: f32 = 0.09;
/** An OCV is trusted after this long at rest even if dV/dt has not settled (TI: 5 h). */
const REST_MAX_S: f32 = 18000;
/** dV/dt is measured over windows of at least this length, s. */
const DVDT_WINDOW_S: f32 = 60;
/** Extra sigma of an unrelaxed OCV (first sample at power-up). */
const SIGMA_UNRELAXED: f32 = 0.05;
/** SOC a movement must cover before the rest voltage is on its hysteresis branch (algorithms.md 1.2 rule 6). */
const BRANCH_MOVE: f32 = 0.05;

const S = SOC_BASE;
const P = PARAMS_BASE;

/** Recomputes the SOC-per-charge factor after the capacity estimate changed. */
export function socRescale(): void { setF32(S + Soc_z_per_q20, <f32>(INV_Q20 / (3600 * capacityAh()))); }

export function socInit(): void {
  setF32(S + Soc_z, 0.5);
  setF32(S + Soc_anchor_z, 0.5);
  setF32(S + Soc_anchor_sigma2, SIGMA2_UNKNOWN);
  setF32(S + Soc_rest_dvdt, 1);
  socRescale();
}

export function socValue(): f32 { return getF32(S + Soc_z); }

/** SOC variance now (f64, off the per-sample path): anchor variance plus gain, offset and capacity growth. */
export function socSigma2(t_s: f64): f64 {
  const perQ20 = INV_Q20 / (3600 * capacityAh());
  const moved = <f64>(movedQ20() - getI64(S + Soc_anchor_moved_q20)) * perQ20;
  const gain = <f64>getF32(P + Params_current_gain_error) * moved;
  const off = <f64>getF32(P + Params_current_offset_A) * (t_s - getF64(S + Soc_anchor_t_s)) / (3600 * capacityAh());
  const dz = <f64>(netQ20() - getI64(S + Soc_anchor_net_q20)) * perQ20;
  const relQ2 = capacitySigma2() / (capacityAh() * capacityAh());
  return <f64>getF32(S + Soc_anchor_sigma2) + gain * gain + off * off + dz * dz * relQ2;
}

/** Restarts counting from SOC z with variance sigma2 at this sample. */
function setAnchor(kind: u32, z: f32, sigma2: f32, t_s: f64): void {
  setF32(S + Soc_anchor_z, z);
  setF32(S + Soc_anchor_sigma2, sigma2);
  setI64(S + Soc_anchor_net_q20, netQ20());
  setI64(S + Soc_anchor_moved_q20, movedQ20());
  setF64(S + Soc_anchor_t_s, t_s);
  setF32(S + Soc_z, z);
  // count distinct anchors: a full anchor refreshed on every sample of a taper counts once
  if (kind != ANCHOR_NONE && (kind != getU32(S + Soc_anchor_kind) || kind == ANCHOR_OCV)) setU32(S + Soc_anchors, getU32(S + Soc_anchors) + 1);
  setU32(S + Soc_anchor_kind, kind);
}

/** Fuses a measurement into SOC by variance and offers it to the capacity estimator. */
function anchor(kind: u32, zMeas: f32, sigma2Meas: f32, t_s: f64, temp_degC: f32, current_A: f32): void {
  const zcc = <f64>getF32(S + Soc_z);
  const scc = socSigma2(t_s);
  const k = scc / (scc + <f64>sigma2Meas);
  setAnchor(kind, <f32>(zcc + k * (<f64>zMeas - zcc)), <f32>((1 - k) * scc), t_s);
  capacityOnAnchor(kind, zMeas, sigma2Meas, netQ20(), t_s, temp_degC, current_A);
  socRescale();
}

/** Tracks which hysteresis branch the rest voltage is on: the direction of the last move of >= 5 % SOC. */
function trackBranch(current_A: f32, restI: f32, z: f32): void {
  const dir: i32 = current_A <= -restI ? 1 : current_A >= restI ? -1 : 0;
  if (dir == 0) return;
  if (dir != load<i32>(<usize>(S + Soc_move_dir))) {
    store<i32>(<usize>(S + Soc_move_dir), dir);
    setF32(S + Soc_move_z0, z);
  } else if (Mathf.abs(z - getF32(S + Soc_move_z0)) >= BRANCH_MOVE) {
    store<i32>(<usize>(S + Soc_branch), dir);
  }
}

/**
 * SOC and its variance from a rested cell voltage: the voltage is moved onto the table's mean OCV
 * by the hysteresis half-width of the branch it is on; on an unknown branch the half-width is added
 * to the uncertainty instead. Returns the variance (or a negative value on a flat segment).
 */
function ocvMeasurement(cell_V: f32): f32 {
  const m = getF32(P + Params_ocv_hysteresis_V);
  const branch = load<i32>(<usize>(S + Soc_branch));
  const v = cell_V - <f32>branch * m;
  const slope = ocvSlope(v);
  if (!(slope > 0)) return -1;
  const sv = getF32(P + Params_sigma_voltage_V);
  const sz = (branch == 0 ? Mathf.sqrt(sv * sv + m * m) : sv) / slope;
  ocvZ = socFromOcv(v);
  return sz * sz;
}
/** Second result of ocvMeasurement (the SOC); transient within one call, never state. */
let ocvZ: f32 = 0;

/** Tracks rest time and the settled dV/dt; `rested_s` is the time to add (0 when not at rest). */
function trackRest(atRest: bool, rested_s: f32, cell_V: f32): void {
  if (!atRest) {
    setF32(S + Soc_rest_s, 0);
    setF32(S + Soc_rest_w_s, 0);
    setF32(S + Soc_rest_v0_V, cell_V);
    setF32(S + Soc_rest_dvdt, 1);
    setU32(S + Soc_ocv_used, 0);
    return;
  }
  setF32(S + Soc_rest_s, getF32(S + Soc_rest_s) + rested_s);
  const w = getF32(S + Soc_rest_w_s) + rested_s;
  if (w >= DVDT_WINDOW_S) {
    setF32(S + Soc_rest_dvdt, Mathf.abs(cell_V - getF32(S + Soc_rest_v0_V)) / w);
    setF32(S + Soc_rest_v0_V, cell_V);
    setF32(S + Soc_rest_w_s, 0);
  } else {
    setF32(S + Soc_rest_w_s, w);
  }
}

/**
 * Advances SOC for one accepted sample. `iv` is the guard's interval class, `dt_s` the interval,
 * `vPrev_V` the previous cell voltage (for rest gaps).
 */
export function socUpdate(iv: i32, t_s: f64, dt_s: f32, cell_V: f32, vPrev_V: f32, current_A: f32, temp_degC: f32): void {
  const restI = getF32(P + Params_rest_current_A);
  const taper = getF32(P + Params_full_taper_current_A);
  const atRest = Mathf.abs(current_A) < restI;

  if (iv == IV_FIRST) {
    // power-up: an unrelaxed OCV guess when resting, otherwise unknown; it opens no capacity pair
    if (atRest) {
      const slope = ocvSlope(cell_V);
      const sv: f32 = slope > 0 ? getF32(P + Params_sigma_voltage_V) / slope : 1;
      setAnchor(ANCHOR_NONE, socFromOcv(cell_V), Mathf.min(sv * sv + SIGMA_UNRELAXED * SIGMA_UNRELAXED, SIGMA2_UNKNOWN), t_s);
    } else {
      setAnchor(ANCHOR_NONE, 0.5, SIGMA2_UNKNOWN, t_s);
    }
    trackRest(atRest, 0, cell_V);
    return;
  }

  setF32(S + Soc_z, getF32(S + Soc_anchor_z) - i64ToF32(netQ20() - getI64(S + Soc_anchor_net_q20)) * getF32(S + Soc_z_per_q20));

  const gapDv: f32 = iv == IV_REST_GAP ? cell_V - vPrev_V : 0;
  if (iv == IV_BROKEN || Mathf.abs(gapDv) > getF32(P + Params_gap_dv_max_V)) {
    // charge moved unseen (gap under load, clock jump, or an unrecorded step across a rest gap);
    // a rest voltage that rose across the gap proves an unrecorded charge (arms the full anchor)
    capacityBreakPair();
    // a voltage that rose across the break (also one that began under load) arms the full anchor,
    // which still needs a rest at or above the full voltage: only a full cell rests there
    setU32(S + Soc_charged_since_rest, cell_V > vPrev_V ? 1 : 0);
    setAnchor(ANCHOR_NONE, getF32(S + Soc_z), SIGMA2_UNKNOWN, t_s);
    trackRest(false, 0, cell_V);
    trackRest(atRest, 0, cell_V);
  } else if (iv == IV_REST_GAP) {
    trackRest(true, dt_s, cell_V);
    setF32(S + Soc_rest_dvdt, Mathf.abs(gapDv) / dt_s);
  } else if (iv == IV_NORMAL) {
    trackRest(atRest, atRest ? dt_s : 0, cell_V);
  }

  if (current_A < -taper) setU32(S + Soc_charged_since_rest, 1);
  else if (current_A > restI) setU32(S + Soc_charged_since_rest, 0);
  trackBranch(current_A, restI, getF32(S + Soc_z));

  if (getU32(S + Soc_charged_since_rest) != 0 && cell_V >= getF32(P + Params_full_voltage_V) && Mathf.abs(current_A) <= taper) {
    if (getU32(S + Soc_anchor_kind) == ANCHOR_FULL && capacityPairIsFull()) {
      // still full: move the anchor (and the pair it opened) to this sample; nothing to fuse
      setI64(S + Soc_anchor_net_q20, netQ20());
      setI64(S + Soc_anchor_moved_q20, movedQ20());
      setF64(S + Soc_anchor_t_s, t_s);
      setF32(S + Soc_z, 1);
      capacityRefreshPair(netQ20(), t_s, temp_degC);
    } else {
      const s = getF32(P + Params_sigma_full);
      anchor(ANCHOR_FULL, 1, s * s, t_s, temp_degC, current_A);
    }
    raiseFlag(FLAG_ANCHOR_FULL);
    return;
  }
  if (current_A > restI && cell_V <= getF32(P + Params_empty_voltage_V)
    && (getU32(S + Soc_anchor_kind) != ANCHOR_EMPTY || getF32(S + Soc_z) >= 0.1)) {
    const s = getF32(P + Params_sigma_empty);
    anchor(ANCHOR_EMPTY, 0, s * s, t_s, temp_degC, current_A);
    raiseFlag(FLAG_ANCHOR_EMPTY);
    return;
  }
  const restS = getF32(S + Soc_rest_s);
  if (atRest && getU32(S + Soc_ocv_used) == 0 && restS >= getF32(P + Params_rest_time_s)
    && (getF32(S + Soc_rest_dvdt) <= getF32(P + Params_rest_dvdt_V_per_s) || restS >= REST_MAX_S)
    && temp_degC >= getF32(P + Params_cap_temp_min_degC) && temp_degC <= getF32(P + Params_cap_temp_max_degC)) {
    const s2 = ocvMeasurement(cell_V);
    const maxS = getF32(P + Params_ocv_sigma_max);
    if (s2 >= 0 && s2 <= maxS * maxS) {
      anchor(ANCHOR_OCV, ocvZ, s2, t_s, temp_degC, current_A);
      setU32(S + Soc_ocv_used, 1);
      raiseFlag(FLAG_ANCHOR_OCV);
    }
  }
}
