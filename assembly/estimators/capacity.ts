// Capacity (SOH) estimator: scalar Kalman filters on the capacity the cell delivers, one per
// condition bin (capacity-bands.ts: temperature band x rate band), fed by (delta SOC, delta Ah)
// pairs between trusted SOC anchors (algorithms.md 2.2-2.3). The errors-in-variables noise of delta
// SOC is folded into the measurement variance; pairs with |delta SOC| < cap_dz_min are not used.
// - A pair with an empty anchor (the cutoff under load) measures the capacity delivered at that
//   anchor's rate; a pair between rested or full anchors measures the low-rate capacity (rate band 0).
//   Its temperature band is the one of its rested (non-empty) end, the temperature the cell lived at.
// - Innovation gate (Plett's EKF heuristics, algorithms.md 2.1): a pair more than 4 sigma from the
//   prediction of a learned bin is refused, counted and logged (surprises, gated, flag CAPACITY_GATED,
//   log CAPACITY_REFUSED with the pair's capacity, its distance in sigmas and the reason) and
//   held as pending. The next surprising pair of the same bin that confirms it (closer to the pending
//   capacity than to the estimate) is a real change: it is used, with the bin's variance grown to
//   cover the jump. No step toward a floor or ceiling on one piece of evidence.
// - Flat OCV: a pair whose SOC swing is within 4 of its own sigmas (anchors on a flat OCV segment)
//   is refused and counted (gated), whatever cap_dz_min says.
// - A pair whose capacity y/x is not in (0, cap_max_frac x rated] is physically impossible (charge
//   moved unseen, a mis-fired anchor) and is refused and counted (implausible, gated).
// - Process noise per bin is learned from the innovations (Mehra 1970, innovation-based adaptive
//   Kalman filtering): the spread of the measurements beyond what P and R explain, averaged over
//   QW_MEMORY updates, floored at cap_sigma_w_Ah^2. The reported sigma is the predictive one.
// - Physical bounds: a bin stays in [0, cap_max_frac x rated]; the reference capacity (25 degC,
//   rated rate) that scales SOC stays in [0.1, cap_max_frac] x rated.
import {
  CAPACITY_BASE, Capacity_q_Ah, Capacity_p_Ah2, Capacity_last_pair_Ah, Capacity_last_t_s,
  Capacity_pair_z, Capacity_pair_sigma2, Capacity_pair_net_q20, Capacity_pair_t_s,
  Capacity_updates, Capacity_gated, Capacity_pair_open, Capacity_pair_kind, Capacity_surprises,
  Capacity_bin_q_Ah, Capacity_bin_p_Ah2, Capacity_bin_qw_Ah2, Capacity_bin_updates, Capacity_rate_band,
  Capacity_pair_i_A, Capacity_pair_temp_degC, Capacity_refused, Capacity_closed_t_s, Capacity_pending_Ah, Capacity_pending_bin, Capacity_implausible, CAP_BINS, CAP_RATE_BANDS,
  PARAMS_BASE, Params_rated_capacity_Ah, Params_cap_p0_frac, Params_cap_sigma_w_Ah, Params_cap_dz_min,
  Params_cap_max_frac, Params_current_gain_error, Params_current_offset_A, Params_cap_charge_rel_sigma,
  FLAG_CAPACITY_UPDATE, FLAG_CAPACITY_GATED, LOGT_CAPACITY, LOGT_CAPACITY_REFUSED,
} from '../generated/layout';
import { getF64, setF64, getF32, setF32, getU32, setU32, getI64, setI64 } from '../util/mem';
import { clamp, INV_Q20 } from '../util/num';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';
import { tempBand, rateBand, binOf, answeringBin, wasBorrowed, REF_TEMP_BAND, REF_RATE_BAND } from './capacity-bands';

const C = CAPACITY_BASE;
const P = PARAMS_BASE;

/** Square of the innovation gate, in standard deviations (4 sigma). */
const INNOVATION_GATE2: f64 = 16;
/** Updates over which the learned process variance is averaged. */
const QW_MEMORY: f64 = 8;
/** Anchor kinds (soc.ts). */
const KIND_FULL: u32 = 1;
const KIND_EMPTY: u32 = 2;

/** A parameter widened to f64 (capacity updates are rare: f64 keeps the filter exact). */
@inline function p64(off: u32): f64 { return <f64>getF32(P + off); }
@inline function binQ(b: u32): u32 { return C + Capacity_bin_q_Ah + (b << 3); }
@inline function binP(b: u32): u32 { return C + Capacity_bin_p_Ah2 + (b << 3); }
@inline function binW(b: u32): u32 { return C + Capacity_bin_qw_Ah2 + (b << 3); }
@inline function binN(b: u32): u32 { return C + Capacity_bin_updates + (b << 2); }

export function capacityInit(): void {
  const rated = p64(Params_rated_capacity_Ah);
  const s0 = p64(Params_cap_p0_frac) * rated;
  const sw = p64(Params_cap_sigma_w_Ah);
  for (let b: u32 = 0; b < CAP_BINS; b++) {
    setF64(binQ(b), rated);
    setF64(binP(b), s0 * s0);
    setF64(binW(b), sw * sw);
  }
  setF64(C + Capacity_q_Ah, rated);
  setF64(C + Capacity_p_Ah2, s0 * s0);
  setU32(C + Capacity_pair_open, 0);
  setF64(C + Capacity_closed_t_s, -1);
}

/** Reference capacity (25 degC band, rated-rate band, or the nearest learned): scales SOC, gives SOH. */
export function capacityAh(): f64 { return getF64(C + Capacity_q_Ah); }
export function capacitySigma2(): f64 { return getF64(C + Capacity_p_Ah2); }

/** Predictive variance of a bin, widened by the prior's variance when it is borrowed. */
function binSigma2(b: u32, borrowed: bool): f64 {
  const s0 = p64(Params_cap_p0_frac) * p64(Params_rated_capacity_Ah);
  return getF64(binP(b)) + getF64(binW(b)) + (borrowed ? s0 * s0 : 0);
}

/** Rate band of the recent load (bounded: a restored image cannot index outside the bins). */
@inline function recentRateBand(): u32 { return min<u32>(getU32(C + Capacity_rate_band), CAP_RATE_BANDS - 1); }

/** Capacity delivered under the present conditions: this temperature and the rate of the last discharge. */
export function capacityPresentAh(temp_degC: f32): f64 {
  return getF64(binQ(answeringBin(tempBand(temp_degC), recentRateBand())));
}
export function capacityPresentSigma2(temp_degC: f32): f64 {
  const b = answeringBin(tempBand(temp_degC), recentRateBand());
  return binSigma2(b, wasBorrowed());
}

function refreshReference(): void {
  const rated = p64(Params_rated_capacity_Ah);
  const b = answeringBin(REF_TEMP_BAND, REF_RATE_BAND);
  setF64(C + Capacity_q_Ah, clamp(getF64(binQ(b)), 0.1 * rated, p64(Params_cap_max_frac) * rated));
  setF64(C + Capacity_p_Ah2, binSigma2(b, wasBorrowed()));
}

/** True when the open pair was opened by a full anchor (kind 1). */
export function capacityPairIsFull(): bool {
  return getU32(C + Capacity_pair_open) != 0 && getU32(C + Capacity_pair_kind) == KIND_FULL;
}

/** Moves the open pair's anchor to this sample, keeping its SOC and variance (a full anchor held). */
export function capacityRefreshPair(net_q20: i64, t_s: f64, temp_degC: f32): void {
  setI64(C + Capacity_pair_net_q20, net_q20);
  setF64(C + Capacity_pair_t_s, t_s);
  setF32(C + Capacity_pair_temp_degC, temp_degC);
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

function openPair(kind: u32, z: f64, sigma2: f64, net_q20: i64, t_s: f64, temp_degC: f32, current_A: f32): void {
  setU32(C + Capacity_pair_open, 1);
  setU32(C + Capacity_pair_kind, kind);
  setF64(C + Capacity_pair_z, z);
  setF64(C + Capacity_pair_sigma2, sigma2);
  setI64(C + Capacity_pair_net_q20, net_q20);
  setF64(C + Capacity_pair_t_s, t_s);
  setF32(C + Capacity_pair_temp_degC, temp_degC);
  setF32(C + Capacity_pair_i_A, current_A);
}

/** Why a pair was refused (payload c of a CAPACITY_REFUSED log record). */
const REFUSED_INNOVATION: f32 = 1;
const REFUSED_IMPOSSIBLE: f32 = 2;
const REFUSED_UNRESOLVABLE: f32 = 3;

/** Counts a refused pair (gated, flag CAPACITY_GATED) and logs it with its capacity and reason. */
function refuse(t_s: f64, pair_Ah: f64, sigmas: f64, reason: f32): void {
  setU32(C + Capacity_refused, getU32(C + Capacity_refused) + 1);
  setU32(C + Capacity_gated, getU32(C + Capacity_gated) + 1);
  raiseFlag(FLAG_CAPACITY_GATED);
  logAppend(LOGT_CAPACITY_REFUSED, FLAG_CAPACITY_GATED, t_s, <f32>pair_Ah, <f32>sigmas, reason);
}

/** One Kalman update of bin b with x = delta SOC (discharge positive) and y = delta Ah. */
function kalmanUpdate(b: u32, x: f64, y: f64, sigmaX2: f64, dt_s: f64, t_s: f64): void {
  const rated = p64(Params_rated_capacity_Ah);
  const q = getF64(binQ(b));
  const p = getF64(binP(b));
  const qw = getF64(binW(b));
  const n = getU32(binN(b));
  let pPred = p + qw;
  const gain = p64(Params_current_gain_error) * y;
  const off = p64(Params_current_offset_A) * dt_s / 3600;
  let r = gain * gain + off * off + q * q * sigmaX2;
  if (x < 0) {
    const eta = p64(Params_cap_charge_rel_sigma) * y;
    r += eta * eta;
  }
  const innovation = y - x * q;
  let sInnov = x * x * pPred + r;
  const pair = y / x;
  if (!(pair > 0) || pair > p64(Params_cap_max_frac) * rated) {
    setU32(C + Capacity_implausible, getU32(C + Capacity_implausible) + 1);
    refuse(t_s, pair, 0, REFUSED_IMPOSSIBLE);
    return;
  }
  if (n > 0 && innovation * innovation > INNOVATION_GATE2 * sInnov) {
    const pending = getF64(C + Capacity_pending_Ah);
    const confirms = pending > 0 && getU32(C + Capacity_pending_bin) == b && Math.abs(pair - pending) < Math.abs(pair - q);
    if (!confirms) {
      setU32(C + Capacity_surprises, getU32(C + Capacity_surprises) + 1);
      setF64(C + Capacity_pending_Ah, pair);
      setU32(C + Capacity_pending_bin, b);
      refuse(t_s, pair, Math.sqrt(innovation * innovation / sInnov), REFUSED_INNOVATION);
      return;
    }
    // a confirmed change: the prior variance grows to cover the jump, so the pair is weighed fully
    pPred += innovation * innovation / (x * x);
    sInnov = x * x * pPred + r;
  }
  setF64(C + Capacity_pending_Ah, 0);
  const k = pPred * x / sInnov;
  const qNew = clamp(q + k * innovation, 0, p64(Params_cap_max_frac) * rated);
  const pNew = (1 - k * x) * pPred;
  setF64(binQ(b), qNew);
  setF64(binP(b), pNew);
  if (n > 0) {
    // innovation-based process variance: E[nu^2] = x^2 (P + Qw) + R
    const sw = p64(Params_cap_sigma_w_Ah);
    const s0 = p64(Params_cap_p0_frac) * rated;
    const obs = clamp((innovation * innovation - r) / (x * x) - p, sw * sw, s0 * s0);
    setF64(binW(b), qw + (obs - qw) / QW_MEMORY);
  }
  setU32(binN(b), n + 1);
  setF64(C + Capacity_last_pair_Ah, y / x);
  setF64(C + Capacity_last_t_s, t_s);
  setU32(C + Capacity_updates, getU32(C + Capacity_updates) + 1);
  refreshReference();
  raiseFlag(FLAG_CAPACITY_UPDATE);
  logAppend(LOGT_CAPACITY, 0, t_s, <f32>qNew, <f32>Math.sqrt(pNew + getF64(binW(b))), <f32>(y / x));
}

/**
 * A new SOC measurement (anchor) of `kind` with value z and variance sigma2 at net charge net_q20,
 * taken at current_A and temp_degC. Closes the open pair into a capacity update when |delta SOC| is
 * large enough, then decides which anchor opens the next pair: the new one, unless the open pair's
 * anchor is still the more precise one.
 */
export function capacityOnAnchor(kind: u32, z32: f32, sigma2_32: f32, net_q20: i64, t_s: f64, temp_degC: f32, current_A: f32): void {
  const z = <f64>z32;
  const sigma2 = <f64>sigma2_32;
  const open = getU32(C + Capacity_pair_open) != 0;
  // the cutoff of a discharge is where it was first reached: an empty anchor repeated in the same
  // discharge (the voltage still below the cutoff as the load falls away) neither moves the pair nor
  // changes the rate of the recent load
  if (kind == KIND_EMPTY && open && getU32(C + Capacity_pair_kind) == KIND_EMPTY && getF64(C + Capacity_pair_z) == z) return;
  if (kind == KIND_EMPTY) setU32(C + Capacity_rate_band, rateBand(current_A, getF32(P + Params_rated_capacity_Ah)));
  if (!open) {
    openPair(kind, z, sigma2, net_q20, t_s, temp_degC, current_A);
    return;
  }
  const x = getF64(C + Capacity_pair_z) - z;
  if (Math.abs(x) >= p64(Params_cap_dz_min)) {
    const openKind = getU32(C + Capacity_pair_kind);
    // the charge from an empty anchor back to full repeats the discharge pair that closed on that
    // anchor (the same Ah between the cutoff point and full): no independent evidence
    const repeat = openKind == KIND_EMPTY && kind == KIND_FULL && getF64(C + Capacity_closed_t_s) == getF64(C + Capacity_pair_t_s);
    // flat OCV: a swing the anchors cannot resolve (|x| below 4 of its own sigmas) teaches nothing
    const sigmaX2 = getF64(C + Capacity_pair_sigma2) + sigma2;
    const y = <f64>(net_q20 - getI64(C + Capacity_pair_net_q20)) * INV_Q20 / 3600;
    if (!repeat && x * x < INNOVATION_GATE2 * sigmaX2) {
      refuse(t_s, y / x, 0, REFUSED_UNRESOLVABLE);
    } else if (!repeat) {
      const rated = getF32(P + Params_rated_capacity_Ah);
      const rBand = kind == KIND_EMPTY ? rateBand(current_A, rated) : openKind == KIND_EMPTY ? rateBand(getF32(C + Capacity_pair_i_A), rated) : 0;
      const tRest = kind == KIND_EMPTY ? getF32(C + Capacity_pair_temp_degC) : temp_degC;
      kalmanUpdate(binOf(tempBand(tRest), rBand), x, y, sigmaX2, t_s - getF64(C + Capacity_pair_t_s), t_s);
    }
    setF64(C + Capacity_closed_t_s, t_s);
    openPair(kind, z, sigma2, net_q20, t_s, temp_degC, current_A);
    return;
  }
  if (sigma2 < getF64(C + Capacity_pair_sigma2) + pairGrowth(net_q20, t_s)) openPair(kind, z, sigma2, net_q20, t_s, temp_degC, current_A);
}
