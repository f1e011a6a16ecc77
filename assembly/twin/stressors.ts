// Streaming stressor extraction for one simulation segment (algorithms.md §6.1, BLAST-Lite
// `_extract_stressors`), so a device can feed samples one at a time with no buffer:
//   Δt_days = (t_end − t_start)/86400
//   ΔEFC    = Σ|ΔSOC|/2 · q_current
//   DoD     = max(SOC) − min(SOC) over the segment (not rainflow)
//   Crate   = trapezoid time-average over the WHOLE segment (rest included) of the per-interval
//             |ΔSOC/Δt_h|, each zeroed below 0.01 C, then · q_current   [1/h]
//   factors = model-specific functions of (T, SOC, Ua) time-averaged by trapezoid; the models are
//             written so that every rate is (time-averaged factor) × f(DoD, Crate), which is exactly
//             BLAST's trapezoid average of the rate array because DoD and Crate are segment scalars.
// Samples with non-finite values, SOC outside [0, 1], temperature outside −60..120 °C or a time that
// does not increase are rejected and counted, never used.
import { ACC_PTR, FAC_PTR, SEG_PTR, getf, setf, fillf, ACC_SLOTS } from './memory';
import { modelFactors } from './models/index';
import { anodePotential_V, KELVIN } from './math';

@inline const T0_S: i32 = 0;
@inline const TLAST_S: i32 = 1;
@inline const SOC_LAST: i32 = 2;
@inline const SOC_MIN: i32 = 3;
@inline const SOC_MAX: i32 = 4;
@inline const SUM_ABS_DSOC: i32 = 5;
@inline const CRATE_INT: i32 = 6;
@inline const C_LAST: i32 = 7;
@inline const SOC_SUM: i32 = 8;
@inline const N_SAMPLES: i32 = 9;
@inline const TEMP_INT: i32 = 10;
@inline const REJECTED: i32 = 11;
@inline export const SEG_DT_DAYS: i32 = 12;
@inline export const SEG_DEFC: i32 = 13;
@inline export const SEG_DOD: i32 = 14;
@inline export const SEG_CRATE: i32 = 15;
@inline export const SEG_TEMP_MEAN_DEGC: i32 = 16;
@inline export const SEG_SOC_MEAN: i32 = 17;
@inline const TEMP_LAST: i32 = 18;

/** Longest segment accepted [days]: BLAST closes segments after a day; scenario periods reach ten. */
@inline export const MAX_SEGMENT_DAYS: f64 = 366;
/** Sample times beyond ±this [s] (about 31 700 years) are nonsense, not a clock. */
@inline const MAX_ABS_T_S: f64 = 1e12;

/** Instantaneous C-rates below this are storage noise and count as 0 [1/h]. */
@inline const CRATE_FLOOR_PER_H: f64 = 0.01;
/** Number of factor slots integrated (ACC[0..7]: integrals, then averages; ACC[8..15]: last sample). */
@inline const FACTORS: i32 = 8;

/** Starts a new segment (forgets the previous one's accumulators, keeps its stressors until segEnd). */
export function segBegin(): void {
  fillf(ACC_PTR, ACC_SLOTS, 0);
  for (let i = 0; i <= TEMP_LAST; i++) setf(SEG_PTR, i, 0);
  setf(SEG_PTR, SOC_MIN, Infinity);
  setf(SEG_PTR, SOC_MAX, -Infinity);
  setf(SEG_PTR, C_LAST, -1);
}

/** Adds one sample; returns 1 if it was used, 0 if rejected (counted in REJECTED). */
export function segPush(model: i32, t_s: f64, soc: f64, temp_degC: f64): i32 {
  const n = getf(SEG_PTR, N_SAMPLES);
  const ok =
    isFinite(t_s) && Math.abs(t_s) < MAX_ABS_T_S && isFinite(soc) && isFinite(temp_degC) && soc >= 0 && soc <= 1 && temp_degC > -60 && temp_degC < 120 &&
    (n == 0 || t_s > getf(SEG_PTR, TLAST_S));
  if (!ok) {
    setf(SEG_PTR, REJECTED, getf(SEG_PTR, REJECTED) + 1);
    return 0;
  }
  const tempK = temp_degC + KELVIN;
  modelFactors(model, tempK, soc, anodePotential_V(soc));
  if (n == 0) {
    setf(SEG_PTR, T0_S, t_s);
  } else {
    const dt = t_s - getf(SEG_PTR, TLAST_S);
    for (let i = 0; i < FACTORS; i++) {
      setf(ACC_PTR, i, getf(ACC_PTR, i) + 0.5 * (getf(ACC_PTR, FACTORS + i) + getf(FAC_PTR, i)) * dt);
    }
    setf(SEG_PTR, TEMP_INT, getf(SEG_PTR, TEMP_INT) + 0.5 * (getf(SEG_PTR, TEMP_LAST) + temp_degC) * dt);
    const dsoc = Math.abs(soc - getf(SEG_PTR, SOC_LAST));
    setf(SEG_PTR, SUM_ABS_DSOC, getf(SEG_PTR, SUM_ABS_DSOC) + dsoc);
    let c = dsoc / (dt / 3600.0);
    if (c < CRATE_FLOOR_PER_H) c = 0;
    const cLast = getf(SEG_PTR, C_LAST);
    if (cLast >= 0) setf(SEG_PTR, CRATE_INT, getf(SEG_PTR, CRATE_INT) + 0.5 * (cLast + c) * dt);
    setf(SEG_PTR, C_LAST, c);
  }
  for (let i = 0; i < FACTORS; i++) setf(ACC_PTR, FACTORS + i, getf(FAC_PTR, i));
  setf(SEG_PTR, TLAST_S, t_s);
  setf(SEG_PTR, SOC_LAST, soc);
  setf(SEG_PTR, TEMP_LAST, temp_degC);
  setf(SEG_PTR, SOC_MIN, Math.min(getf(SEG_PTR, SOC_MIN), soc));
  setf(SEG_PTR, SOC_MAX, Math.max(getf(SEG_PTR, SOC_MAX), soc));
  setf(SEG_PTR, SOC_SUM, getf(SEG_PTR, SOC_SUM) + soc);
  setf(SEG_PTR, N_SAMPLES, n + 1);
  return 1;
}

/**
 * Closes the segment: turns the integrals into averages (ACC[0..7]) and writes the stressors.
 * Returns 0, or 1 when the segment has fewer than 2 accepted samples or spans more than
 * MAX_SEGMENT_DAYS (stressors left untouched).
 */
export function segEnd(qNow: f64): i32 {
  if (getf(SEG_PTR, N_SAMPLES) < 2) return 1;
  const span_s = getf(SEG_PTR, TLAST_S) - getf(SEG_PTR, T0_S);
  if (!(span_s > 0 && span_s <= MAX_SEGMENT_DAYS * 86400.0)) return 1;
  for (let i = 0; i < FACTORS; i++) setf(ACC_PTR, i, getf(ACC_PTR, i) / span_s);
  const q = qNow > 0 && qNow <= 1.5 ? qNow : 1.0;
  setf(SEG_PTR, SEG_DT_DAYS, span_s / 86400.0);
  setf(SEG_PTR, SEG_DEFC, (getf(SEG_PTR, SUM_ABS_DSOC) / 2.0) * q);
  setf(SEG_PTR, SEG_DOD, getf(SEG_PTR, SOC_MAX) - getf(SEG_PTR, SOC_MIN));
  setf(SEG_PTR, SEG_CRATE, (getf(SEG_PTR, CRATE_INT) / span_s) * q);
  setf(SEG_PTR, SEG_TEMP_MEAN_DEGC, getf(SEG_PTR, TEMP_INT) / span_s);
  setf(SEG_PTR, SEG_SOC_MEAN, getf(SEG_PTR, SOC_SUM) / getf(SEG_PTR, N_SAMPLES));
  return 0;
}

/**
 * Sets a segment from summary stressors instead of samples: the factors are evaluated once at
 * (temp_degC, socMean) — exact for constant temperature and SOC, a first-order approximation
 * otherwise. Used for recorded cycles summarised by the host and for parametric scenarios.
 */
export function segSummary(model: i32, dtDays: f64, dEfc: f64, dod: f64, crate: f64, temp_degC: f64, socMean: f64): i32 {
  if (!(dtDays > 0 && dtDays <= MAX_SEGMENT_DAYS) || !(dEfc >= 0 && dEfc <= 100 * dtDays) || !(dod >= 0 && dod <= 1)) return 1;
  if (!(crate >= 0 && crate <= 100) || !(socMean >= 0 && socMean <= 1)) return 1;
  if (!(temp_degC > -60 && temp_degC < 120)) return 1;
  modelFactors(model, temp_degC + KELVIN, socMean, anodePotential_V(socMean));
  for (let i = 0; i < FACTORS; i++) setf(ACC_PTR, i, getf(FAC_PTR, i));
  setf(SEG_PTR, SEG_DT_DAYS, dtDays);
  setf(SEG_PTR, SEG_DEFC, dEfc);
  setf(SEG_PTR, SEG_DOD, dod);
  setf(SEG_PTR, SEG_CRATE, crate);
  setf(SEG_PTR, SEG_TEMP_MEAN_DEGC, temp_degC);
  setf(SEG_PTR, SEG_SOC_MEAN, socMean);
  return 0;
}

/** Rejected-sample count of the current segment. */
export function segRejected(): f64 {
  return getf(SEG_PTR, REJECTED);
}
