// State of charge: coulomb counting from the last anchor, scaled by the current capacity estimate,
// with a variance that grows with the charge moved and the time since the anchor (algorithms.md 1.1,
// 1.5). Anchors (1.2): end of a CV charge (full, z = 1), the discharge cutoff under load (empty,
// z = 0), and the OCV after a settled rest, fused by variance rather than overwritten. Every anchor
// is also offered to the capacity estimator as a measurement.
import {
  SOC_BASE, Soc_anchor_z, Soc_anchor_sigma2, Soc_anchor_net_As, Soc_anchor_t_s, Soc_z, Soc_inv_q_As, Soc_rest_s,
  Soc_rest_v0_V, Soc_rest_w_s, Soc_rest_dvdt, Soc_anchor_moved_As, Soc_anchor_kind, Soc_anchors, Soc_charged_since_rest,
  Soc_ocv_used,
  PARAMS_BASE, Params_full_voltage_V, Params_full_taper_current_A, Params_empty_voltage_V, Params_rest_current_A,
  Params_rest_time_s, Params_rest_dvdt_V_per_s, Params_gap_dv_max_V, Params_sigma_voltage_V, Params_sigma_full,
  Params_sigma_empty, Params_ocv_sigma_max, Params_current_gain_error, Params_current_offset_A,
  Params_cap_temp_min_degC, Params_cap_temp_max_degC,
  FLAG_ANCHOR_FULL, FLAG_ANCHOR_EMPTY, FLAG_ANCHOR_OCV,
} from '../generated/layout';
import { getF64, setF64, getF32, getU32, setU32 } from '../util/mem';
import { socFromOcv, ocvSlope } from '../util/ocv';
import { netAs, chgAs, disAs } from './throughput';
import { capacityAh, capacitySigma2, capacityOnAnchor, capacityBreakPair } from './capacity';
import { IV_FIRST, IV_NORMAL, IV_REST_GAP, IV_BROKEN } from './guard';
import { raiseFlag } from '../flags';

export const ANCHOR_NONE: u32 = 0;
export const ANCHOR_FULL: u32 = 1;
export const ANCHOR_EMPTY: u32 = 2;
export const ANCHOR_OCV: u32 = 3;

/** SOC variance of "no idea" (uniform over 0..1 is 1/12; a little more, to be safe). */
const SIGMA2_UNKNOWN: f64 = 0.09;
/** An OCV is trusted after this long at rest even if dV/dt has not settled (TI: 5 h). */
const REST_MAX_S: f64 = 18000;
/** dV/dt is measured over windows of at least this length, s. */
const DVDT_WINDOW_S: f64 = 60;
/** Extra sigma of an unrelaxed OCV (first sample at power-up). */
const SIGMA_UNRELAXED: f64 = 0.05;

const S = SOC_BASE;
const P = PARAMS_BASE;

/** Recomputes the SOC-per-A*s factor after the capacity estimate changed. */
export function socRescale(): void { setF64(S + Soc_inv_q_As, 1 / (3600 * capacityAh())); }

export function socInit(): void {
  setF64(S + Soc_z, 0.5);
  setF64(S + Soc_anchor_z, 0.5);
  setF64(S + Soc_anchor_sigma2, SIGMA2_UNKNOWN);
  setF64(S + Soc_rest_dvdt, 1);
  socRescale();
}

export function socValue(): f64 { return getF64(S + Soc_z); }

/** SOC variance now: anchor variance plus gain, offset and capacity-uncertainty growth. */
export function socSigma2(t_s: f64): f64 {
  const invQ = getF64(S + Soc_inv_q_As);
  const moved = (chgAs() + disAs() - getF64(S + Soc_anchor_moved_As)) * invQ;
  const gain = getF32(P + Params_current_gain_error) * moved;
  const off = getF32(P + Params_current_offset_A) * (t_s - getF64(S + Soc_anchor_t_s)) * invQ;
  const dz = (netAs() - getF64(S + Soc_anchor_net_As)) * invQ;
  const relQ2 = capacitySigma2() / (capacityAh() * capacityAh());
  return getF64(S + Soc_anchor_sigma2) + gain * gain + off * off + dz * dz * relQ2;
}

/** Restarts counting from SOC z with variance sigma2 at this sample. */
function setAnchor(kind: u32, z: f64, sigma2: f64, t_s: f64): void {
  setF64(S + Soc_anchor_z, z);
  setF64(S + Soc_anchor_sigma2, sigma2);
  setF64(S + Soc_anchor_net_As, netAs());
  setF64(S + Soc_anchor_moved_As, chgAs() + disAs());
  setF64(S + Soc_anchor_t_s, t_s);
  setF64(S + Soc_z, z);
  // count distinct anchors: a full anchor refreshed on every sample of a taper counts once
  if (kind != ANCHOR_NONE && (kind != getU32(S + Soc_anchor_kind) || kind == ANCHOR_OCV)) setU32(S + Soc_anchors, getU32(S + Soc_anchors) + 1);
  setU32(S + Soc_anchor_kind, kind);
}

/** Fuses a measurement into SOC by variance and offers it to the capacity estimator. */
function anchor(kind: u32, zMeas: f64, sigma2Meas: f64, t_s: f64, temp_degC: f64): void {
  const zcc = getF64(S + Soc_z);
  const scc = socSigma2(t_s);
  const k = scc / (scc + sigma2Meas);
  setAnchor(kind, zcc + k * (zMeas - zcc), (1 - k) * scc, t_s);
  capacityOnAnchor(kind, zMeas, sigma2Meas, netAs(), t_s, temp_degC);
  socRescale();
  setF64(S + Soc_z, getF64(S + Soc_anchor_z));
}

/** Tracks rest time and the settled dV/dt; `rested_s` is the time to add (0 when not at rest). */
function trackRest(atRest: bool, rested_s: f64, cell_V: f64): void {
  if (!atRest) {
    setF64(S + Soc_rest_s, 0);
    setF64(S + Soc_rest_w_s, 0);
    setF64(S + Soc_rest_v0_V, cell_V);
    setF64(S + Soc_rest_dvdt, 1);
    setU32(S + Soc_ocv_used, 0);
    return;
  }
  setF64(S + Soc_rest_s, getF64(S + Soc_rest_s) + rested_s);
  const w = getF64(S + Soc_rest_w_s) + rested_s;
  if (w >= DVDT_WINDOW_S) {
    setF64(S + Soc_rest_dvdt, Math.abs(cell_V - getF64(S + Soc_rest_v0_V)) / w);
    setF64(S + Soc_rest_v0_V, cell_V);
    setF64(S + Soc_rest_w_s, 0);
  } else {
    setF64(S + Soc_rest_w_s, w);
  }
}

/**
 * Advances SOC for one accepted sample. `iv` is the guard's interval class, `dt_s` the interval,
 * `vPrev_V` the previous cell voltage (for rest gaps).
 */
export function socUpdate(iv: i32, t_s: f64, dt_s: f64, cell_V: f64, vPrev_V: f64, current_A: f64, temp_degC: f64): void {
  const restI = getF32(P + Params_rest_current_A);
  const taper = getF32(P + Params_full_taper_current_A);
  const atRest = Math.abs(current_A) < restI;

  if (iv == IV_FIRST) {
    // power-up: an unrelaxed OCV guess when resting, otherwise unknown; it opens no capacity pair
    if (atRest) {
      const slope = ocvSlope(cell_V);
      const sv = slope > 0 ? getF32(P + Params_sigma_voltage_V) / slope : 1;
      setAnchor(ANCHOR_NONE, socFromOcv(cell_V), Math.min(sv * sv + SIGMA_UNRELAXED * SIGMA_UNRELAXED, SIGMA2_UNKNOWN), t_s);
    } else {
      setAnchor(ANCHOR_NONE, 0.5, SIGMA2_UNKNOWN, t_s);
    }
    trackRest(atRest, 0, cell_V);
    return;
  }

  setF64(S + Soc_z, getF64(S + Soc_anchor_z) - (netAs() - getF64(S + Soc_anchor_net_As)) * getF64(S + Soc_inv_q_As));

  const gapDv = iv == IV_REST_GAP ? cell_V - vPrev_V : 0;
  if (iv == IV_BROKEN || Math.abs(gapDv) > getF32(P + Params_gap_dv_max_V)) {
    // charge moved unseen (gap under load, clock jump, or an unrecorded step across a rest gap);
    // a rest voltage that rose across the gap proves an unrecorded charge (arms the full anchor)
    capacityBreakPair();
    setU32(S + Soc_charged_since_rest, gapDv > 0 ? 1 : 0);
    setAnchor(ANCHOR_NONE, getF64(S + Soc_z), SIGMA2_UNKNOWN, t_s);
    trackRest(false, 0, cell_V);
    trackRest(atRest, 0, cell_V);
  } else if (iv == IV_REST_GAP) {
    trackRest(true, dt_s, cell_V);
    setF64(S + Soc_rest_dvdt, Math.abs(cell_V - vPrev_V) / dt_s);
  } else if (iv == IV_NORMAL) {
    trackRest(atRest, atRest ? dt_s : 0, cell_V);
  }

  if (current_A < -taper) setU32(S + Soc_charged_since_rest, 1);
  else if (current_A > restI) setU32(S + Soc_charged_since_rest, 0);

  if (getU32(S + Soc_charged_since_rest) != 0 && cell_V >= getF32(P + Params_full_voltage_V) && Math.abs(current_A) <= taper) {
    const s = getF32(P + Params_sigma_full);
    anchor(ANCHOR_FULL, 1, s * s, t_s, temp_degC);
    raiseFlag(FLAG_ANCHOR_FULL);
    return;
  }
  if (current_A > restI && cell_V <= getF32(P + Params_empty_voltage_V)
    && (getU32(S + Soc_anchor_kind) != ANCHOR_EMPTY || getF64(S + Soc_z) >= 0.1)) {
    const s = getF32(P + Params_sigma_empty);
    anchor(ANCHOR_EMPTY, 0, s * s, t_s, temp_degC);
    raiseFlag(FLAG_ANCHOR_EMPTY);
    return;
  }
  const restS = getF64(S + Soc_rest_s);
  if (atRest && getU32(S + Soc_ocv_used) == 0 && restS >= getF32(P + Params_rest_time_s)
    && (getF64(S + Soc_rest_dvdt) <= getF32(P + Params_rest_dvdt_V_per_s) || restS >= REST_MAX_S)
    && temp_degC >= getF32(P + Params_cap_temp_min_degC) && temp_degC <= getF32(P + Params_cap_temp_max_degC)) {
    const slope = ocvSlope(cell_V);
    if (slope > 0) {
      const sz = getF32(P + Params_sigma_voltage_V) / slope;
      if (sz <= getF32(P + Params_ocv_sigma_max)) {
        anchor(ANCHOR_OCV, socFromOcv(cell_V), sz * sz, t_s, temp_degC);
        setU32(S + Soc_ocv_used, 1);
        raiseFlag(FLAG_ANCHOR_OCV);
      }
    }
  }
}
