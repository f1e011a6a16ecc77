// Internal resistance from current steps (algorithms.md 3.1-3.3): R = -dV/dI between two samples
// no more than r_step_max_dt_s apart, when |dI| >= r_step_min_A, the current was stable before the
// step, and SOC is inside [r_soc_min, r_soc_max]. Each raw value is normalised to 25 degC with an
// Arrhenius factor, checked against [r_plaus_lo, r_plaus_hi] x R_BOL, and filtered by a scalar RLS
// with forgetting factor r_lambda, weighting each step by |dI|.
// Invariant: r25_ohm, p and r_bol_ohm stay finite and non-negative.
import {
  RESISTANCE_BASE, Resistance_r25_ohm, Resistance_p, Resistance_r_bol_ohm, Resistance_bol_sum_ohm,
  Resistance_last_raw_ohm, Resistance_last_t_s, Resistance_last_log_t_s, Resistance_updates, Resistance_rejected,
  Resistance_bol_n,
  PARAMS_BASE, Params_r_step_min_A, Params_r_step_max_dt_s, Params_r_stable_A, Params_r_soc_min, Params_r_soc_max,
  Params_r_lambda, Params_r_ea_J_per_mol, Params_r_bol_ohm, Params_r_bol_events, Params_r_plaus_lo, Params_r_plaus_hi,
  Params_log_summary_interval_s,
  FLAG_RESISTANCE_UPDATE, LOGT_RESISTANCE,
} from '../generated/layout';
import { getF64, setF64, getF32, getU32, setU32 } from '../util/mem';
import { arrhenius, finite } from '../util/num';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';

const R = RESISTANCE_BASE;
const P = PARAMS_BASE;
/** Absolute plausibility while R_BOL is still unknown, ohm (per cell). */
const R_ABS_MAX_OHM: f64 = 10;

export function resistanceInit(): void {
  setF64(R + Resistance_r_bol_ohm, <f64>getF32(P + Params_r_bol_ohm));
  setF64(R + Resistance_last_log_t_s, -1e300);
}

export function resistanceOhm(): f64 { return getF64(R + Resistance_r25_ohm); }
export function resistanceBolOhm(): f64 { return getF64(R + Resistance_r_bol_ohm); }

/**
 * Looks for a step between the last sample and this one (both per cell); dt_s > 0. The gates run in
 * f32 on every sample; the filter update (rare) runs in f64.
 */
export function resistanceUpdate(t_s: f64, dt_s: f32, vPrev_V: f32, iPrev_A: f32, iPrev2_A: f32,
  cell_V: f32, current_A: f32, temp_degC: f32, soc: f32): void {
  const dI32 = current_A - iPrev_A;
  if (Mathf.abs(dI32) < getF32(P + Params_r_step_min_A) || dt_s > getF32(P + Params_r_step_max_dt_s)) return;
  if (Mathf.abs(iPrev_A - iPrev2_A) > getF32(P + Params_r_stable_A)) return;
  if (soc < getF32(P + Params_r_soc_min) || soc > getF32(P + Params_r_soc_max)) return;
  const dI = <f64>dI32;
  const absDI = Math.abs(dI);
  const raw = -<f64>(cell_V - vPrev_V) / dI;
  // normalise to 25 degC: R(T) = R25 exp[(Ea/Rg)(1/T - 1/Tref)], so R25 = R(T) * arrhenius(Ea, T)
  const r25 = raw * <f64>arrhenius(getF32(P + Params_r_ea_J_per_mol), temp_degC);
  const bol = getF64(R + Resistance_r_bol_ohm);
  const lo = bol > 0 ? <f64>getF32(P + Params_r_plaus_lo) * bol : 0;
  const hi = bol > 0 ? <f64>getF32(P + Params_r_plaus_hi) * bol : R_ABS_MAX_OHM;
  if (!finite(r25) || !(r25 > lo) || r25 > hi) {
    setU32(R + Resistance_rejected, getU32(R + Resistance_rejected) + 1);
    return;
  }
  const n = getU32(R + Resistance_updates);
  const lambda = <f64>getF32(P + Params_r_lambda);
  if (n == 0) {
    setF64(R + Resistance_r25_ohm, r25);
    setF64(R + Resistance_p, 1 / (absDI * absDI));
  } else {
    // scalar RLS on y = r25 * |dI| with regressor |dI|
    const p = getF64(R + Resistance_p);
    const g = p * absDI / (lambda + absDI * absDI * p);
    const r = getF64(R + Resistance_r25_ohm);
    setF64(R + Resistance_r25_ohm, r + g * (r25 * absDI - absDI * r));
    setF64(R + Resistance_p, (p - g * absDI * p) / lambda);
  }
  setU32(R + Resistance_updates, n + 1);
  setF64(R + Resistance_last_raw_ohm, r25);
  setF64(R + Resistance_last_t_s, t_s);
  if (bol <= 0) {
    // learn R_BOL as the mean of the first r_bol_events accepted steps
    const bn = getU32(R + Resistance_bol_n) + 1;
    const sum = getF64(R + Resistance_bol_sum_ohm) + r25;
    setU32(R + Resistance_bol_n, bn);
    setF64(R + Resistance_bol_sum_ohm, sum);
    if (bn >= getU32(P + Params_r_bol_events)) setF64(R + Resistance_r_bol_ohm, sum / <f64>bn);
  }
  raiseFlag(FLAG_RESISTANCE_UPDATE);
  if (t_s - getF64(R + Resistance_last_log_t_s) >= <f64>getF32(P + Params_log_summary_interval_s)) {
    setF64(R + Resistance_last_log_t_s, t_s);
    const b = getF64(R + Resistance_r_bol_ohm);
    const r = getF64(R + Resistance_r25_ohm);
    logAppend(LOGT_RESISTANCE, FLAG_RESISTANCE_UPDATE, t_s, <f32>r, b > 0 ? <f32>(r / b) : 0, <f32>r25);
  }
}
