// Thermal stress (algorithms.md 4.1, 4.3): Arrhenius-weighted equivalent time at 25 degC,
// time-at-temperature histograms per mode (rest / charge / discharge), a time-at-SOC histogram,
// and the Annex VII counters (time in, and time charging in, extreme temperatures).
// Times are exact integer milliseconds (i64); the equivalent time is fixed point with a carry.
// Each interval is attributed to the temperature, current and SOC of its closing sample.
import {
  THERMAL_BASE, Thermal_eq_time_q10, Thermal_eq_time_carry, Thermal_af_temp_degC, Thermal_af, Thermal_time_ms,
  Thermal_extreme_high_ms, Thermal_extreme_low_ms, Thermal_chg_extreme_high_ms, Thermal_chg_extreme_low_ms,
  Thermal_temp_hist_ms, Thermal_soc_hist_ms, Thermal_temp_max_degC, Thermal_temp_min_degC, TEMP_BINS, SOC_BINS,
  PARAMS_BASE, Params_th_ea_J_per_mol, Params_th_extreme_low_degC, Params_th_extreme_high_degC, Params_rest_current_A,
} from '../generated/layout';
import { getF32, setF32, getI64, setI64 } from '../util/mem';
import { addFixed, arrhenius, binIndex, Q10 } from '../util/num';

const H = THERMAL_BASE;
const P = PARAMS_BASE;
/** Histogram: bin 0 below HIST_MIN_DEGC, then 5 K bins, last bin at or above HIST_MIN + 16 * 5. */
const HIST_MIN_DEGC: f32 = -20;
const HIST_PER_K: f32 = 0.2; // 1 / (5 K bins)
/** The cached acceleration factor is reused while the temperature moves less than this, K. */
const AF_REUSE_K: f32 = 0.05;

export function thermalInit(): void {
  setF32(H + Thermal_af_temp_degC, 25);
  setF32(H + Thermal_af, 1);
  setF32(H + Thermal_temp_max_degC, -3.4e38);
  setF32(H + Thermal_temp_min_degC, 3.4e38);
}

@inline function addMs(off: u32, ms: i64): void { setI64(H + off, getI64(H + off) + ms); }

/** Records the extremes of every accepted sample, integrated or not. */
export function thermalSeen(temp_degC: f32): void {
  if (temp_degC > getF32(H + Thermal_temp_max_degC)) setF32(H + Thermal_temp_max_degC, temp_degC);
  if (temp_degC < getF32(H + Thermal_temp_min_degC)) setF32(H + Thermal_temp_min_degC, temp_degC);
}

/** Integrates one interval of ms milliseconds (dt_s the same in s, 0 < dt <= max_gap_s). */
export function thermalUpdate(ms: i64, dt_s: f32, temp_degC: f32, current_A: f32, soc: f32): void {
  if (Mathf.abs(temp_degC - getF32(H + Thermal_af_temp_degC)) > AF_REUSE_K) {
    setF32(H + Thermal_af_temp_degC, temp_degC);
    setF32(H + Thermal_af, arrhenius(getF32(P + Params_th_ea_J_per_mol), temp_degC));
  }
  addFixed(H + Thermal_eq_time_q10, H + Thermal_eq_time_carry, getF32(H + Thermal_af) * dt_s * Q10);

  addMs(Thermal_time_ms, ms);
  const rest = getF32(P + Params_rest_current_A);
  const charging = current_A <= -rest;
  const mode: u32 = charging ? 1 : current_A >= rest ? 2 : 0;
  const tBin = <u32>(binIndex((temp_degC - HIST_MIN_DEGC) * HIST_PER_K, -1, TEMP_BINS - 2) + 1);
  addMs(Thermal_temp_hist_ms + ((mode * TEMP_BINS + tBin) << 3), ms);
  const sBin = <u32>binIndex(soc * <f32>SOC_BINS, 0, SOC_BINS - 1);
  addMs(Thermal_soc_hist_ms + (sBin << 3), ms);
  if (temp_degC > getF32(P + Params_th_extreme_high_degC)) {
    addMs(Thermal_extreme_high_ms, ms);
    if (charging) addMs(Thermal_chg_extreme_high_ms, ms);
  } else if (temp_degC < getF32(P + Params_th_extreme_low_degC)) {
    addMs(Thermal_extreme_low_ms, ms);
    if (charging) addMs(Thermal_chg_extreme_low_ms, ms);
  }
}
