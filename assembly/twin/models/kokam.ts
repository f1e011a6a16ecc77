// NREL BLAST-Lite Nmc111_Gr_Kokam75Ah_Battery (algorithms.md §6.5; BLAST-Lite @ bae8c71).
// Capacity: LLI (time, EFC) and a LAM knee; resistance: LLI (time, EFC) and LAM.
// Validity: 0–45 °C, DoD 0.8–1, 1 C; no C-rate dependence.
import { FAC_PTR, RATE_PTR, STATE_PTR, SCALAR_PTR, getf, setf } from '../memory';
import { Q_T, Q_EFC, Q_X, R_T, R_EFC } from './slots';
import { dPower, dSigmoid } from '../laws';
import { KELVIN } from '../math';

@inline const T_NORM_K: f64 = 308.15;
@inline const UA_NORM_V: f64 = 0.123;
@inline const Q1_0: f64 = 2.66e7;
@inline const Q1_1: f64 = -17.8;
@inline const Q1_2: f64 = -5.21;
@inline const Q2: f64 = 0.357;
@inline const Q3_0: f64 = 3.8e3;
@inline const Q3_1: f64 = -18.4;
@inline const Q3_2: f64 = 1.04;
@inline const Q4: f64 = 0.778;
@inline const Q5_0: f64 = 1e4;
@inline const Q5_1: f64 = 153;
@inline const P_LAM: f64 = 10;
@inline const R1: f64 = 0.057;
@inline const R2: f64 = 1.25;
@inline const R3: f64 = 4.87;
@inline const R4: f64 = 0.712;
@inline const R5: f64 = -0.08;
@inline const R6: f64 = 1.09;
/** Initial LAM loss state (BLAST starts the sigmoid state at 1e-8). */
@inline export const KOKAM_LAM_INIT: f64 = 1e-8;

/** Calendar LLI factor exp(q1_1/TN)·exp(q1_2·UaN/TN) (without q1_0); shared with the empirical model. */
export function kokamCalendarFactor(tempK: f64, ua: f64): f64 {
  const tn = tempK / T_NORM_K;
  return Math.exp(Q1_1 / tn) * Math.exp((Q1_2 * (ua / UA_NORM_V)) / tn);
}

/** Calendar LLI rate q1 [1/day^0.357] from a time-averaged factor. */
export function kokamQ1(avgFactor: f64): f64 {
  return Q1_0 * avgFactor;
}

/** Calendar LLI exponent. */
export function kokamQ2(): f64 {
  return Q2;
}

/** Cycling LLI temperature factor exp(q3_1/TN); shared with the empirical model. */
export function kokamCycleTempFactor(tempK: f64): f64 {
  return Math.exp(Q3_1 / (tempK / T_NORM_K));
}

/** F0 calendar factor, F1 cycling temperature factor, F2 = T_C − 55. */
export function kokamFactors(tempK: f64, _soc: f64, ua: f64): void {
  setf(FAC_PTR, 0, kokamCalendarFactor(tempK, ua));
  setf(FAC_PTR, 1, kokamCycleTempFactor(tempK));
  setf(FAC_PTR, 2, tempK - KELVIN - 55.0);
}

/** R0 = q1, R1 = q3, R2 = q5 [EFC] (socMean is the plain sample mean, as BLAST's np.mean). */
export function kokamRates(avg: usize, dod: f64, socMean: f64): void {
  setf(RATE_PTR, 0, Q1_0 * getf(avg, 0));
  setf(RATE_PTR, 1, Q3_0 * getf(avg, 1) * Math.exp(Q3_2 * Math.exp(dod * dod)));
  setf(RATE_PTR, 2, Q5_0 + Q5_1 * getf(avg, 2) * dod * (socMean / 0.6));
}

export function kokamStep(dtDays: f64, dEfc: f64): void {
  const q1 = getf(RATE_PTR, 0);
  const q3 = getf(RATE_PTR, 1);
  const q5 = getf(RATE_PTR, 2);
  const yt = getf(STATE_PTR, Q_T);
  const ye = getf(STATE_PTR, Q_EFC);
  const yl = getf(STATE_PTR, Q_X);
  const rt = getf(STATE_PTR, R_T);
  const re = getf(STATE_PTR, R_EFC);
  setf(STATE_PTR, Q_T, yt + getf(SCALAR_PTR, Q_T) * dPower(yt, dtDays, q1, Q2));
  setf(STATE_PTR, Q_EFC, ye + getf(SCALAR_PTR, Q_EFC) * dPower(ye, dEfc, q3, Q4));
  if (q5 > 0) setf(STATE_PTR, Q_X, yl + getf(SCALAR_PTR, Q_X) * dSigmoid(yl, dEfc, 1.0, 1.0 / q5, P_LAM));
  setf(STATE_PTR, R_T, rt + getf(SCALAR_PTR, R_T) * dPower(rt, dtDays, R1 * q1, R2));
  setf(STATE_PTR, R_EFC, re + getf(SCALAR_PTR, R_EFC) * dPower(re, dEfc, R3 * q3, R4));
}

export function kokamQ(): f64 {
  const qLli = 1.0 - getf(STATE_PTR, Q_T) - getf(STATE_PTR, Q_EFC);
  const qLam = 1.01 - getf(STATE_PTR, Q_X);
  return Math.min(qLli, qLam);
}

export function kokamR(): f64 {
  const rLli = 1.0 + getf(STATE_PTR, R_T) + getf(STATE_PTR, R_EFC);
  const qLam = 1.01 - getf(STATE_PTR, Q_X);
  const rLam = qLam > 0 ? R5 + R6 / qLam : Infinity;
  return Math.max(rLli, rLam);
}
