// NREL BLAST-Lite Lfp_Gr_SonyMurata3Ah_Battery (algorithms.md §6.4; BLAST-Lite @ bae8c71).
// Capacity: calendar LLI (sigmoid in days), cycling LLI (power_B in EFC), lab break-in (sigmoid in EFC,
// only when more than 3 EFC/day). Resistance: linear calendar and cycling gains.
// Validity: cycling 20–40 °C (no temperature dependence of cycling fade), DoD 0.8–1.
import { FAC_PTR, RATE_PTR, STATE_PTR, SCALAR_PTR, getf, setf } from '../memory';
import { Q_T, Q_EFC, Q_X, R_T, R_EFC } from './slots';
import { dPowerB, dSigmoid } from '../laws';
import { skewNorm, sigmoidShape } from '../math';

@inline const Q2: f64 = 0.000130510034211874;
@inline const Q1_B0: f64 = 0.98968715129359;
@inline const Q1_B1: f64 = -2881067.56019324;
@inline const Q1_B2: f64 = 8742.06309157261;
@inline const Q3_B0: f64 = 0.000332850281062177;
@inline const Q3_B1: f64 = 734553185711.369;
@inline const Q3_B2: f64 = -2.8216157562078e-6;
@inline const Q3_B3: f64 = -3284991315.45121;
@inline const Q3_B4: f64 = 0.0012722759365729;
@inline const Q5_B0: f64 = -6.81260579372875e-6;
@inline const Q5_B1: f64 = 2.59615973160844e-5;
@inline const Q5_B2: f64 = 2.11559710307295e-6;
@inline const Q6: f64 = 1.12847759334355;
@inline const Q7_B0: f64 = 0.582258029148225;
@inline const Q7_SOC_SKEW: f64 = 0.0583128906965484;
@inline const Q7_SOC_WIDTH: f64 = 0.208738181522897;
@inline const Q7_DOD_SKEW: f64 = -3.80744333129564;
@inline const Q7_DOD_WIDTH: f64 = 1.1612626042821;
@inline const Q7_DOD_GROWTH: f64 = 25.4130804598602;
@inline const Q8: f64 = 0.00303553871631028;
@inline const Q9: f64 = 1.43752162947637;
@inline const K_REF_R_CAL: f64 = 3.4194e-10;
@inline const EA_R_CAL: f64 = 71827;
@inline const RG: f64 = 8.3144;
@inline const C_R_CAL: f64 = -3.3903;
@inline const D_R_CAL: f64 = 1.5604;
@inline const A_R_CYC: f64 = -0.002;
@inline const B_R_CYC: f64 = 0.0021;
@inline const C_R_CYC: f64 = 6.8477;
@inline const D_R_CYC: f64 = 0.91882;
/** Break-in runs only above this throughput rate [EFC/day] (accelerated lab cycling). */
@inline const BREAKIN_MIN_EFC_PER_DAY: f64 = 3;
/** Initial break-in state (BLAST starts it at 1e-10). */
@inline export const SONY_BREAKIN_INIT: f64 = 1e-10;

/** F0 = q1, F1 = q3 (calendar sigmoid amplitude and exponent), F2 = SN(SOC), F3, F4 = r_kcal factors. */
export function sonyFactors(tempK: f64, soc: f64, ua: f64): void {
  const ua2 = Math.sqrt(ua);
  const ua3 = Math.cbrt(ua);
  const ua4 = Math.sqrt(ua2);
  const t2 = tempK * tempK;
  const t3 = t2 * tempK;
  setf(FAC_PTR, 0, Math.abs(Q1_B0 * Math.exp((Q1_B1 / t2) * ua2) * Math.exp((Q1_B2 / tempK) * ua2)));
  setf(
    FAC_PTR,
    1,
    Math.abs(
      Q3_B0 *
        Math.exp((Q3_B1 / (t2 * t2)) * ua3) *
        Math.exp(Q3_B2 * t3 * ua4) *
        Math.exp((Q3_B3 / t3) * ua3) *
        Math.exp(Q3_B4 * t2 * ua4),
    ),
  );
  setf(FAC_PTR, 2, skewNorm(soc, Q7_SOC_SKEW, Q7_SOC_WIDTH));
  setf(FAC_PTR, 3, K_REF_R_CAL * Math.exp((-EA_R_CAL / RG) * (1.0 / tempK - 1.0 / 298.15)));
  const ds = soc - 0.5;
  setf(FAC_PTR, 4, C_R_CAL * ds * ds * ds + D_R_CAL);
}

/** R0 = q1, R1 = q3, R2 = q5, R3 = q7, R4 = r_kcal [1/s], R5 = r_kcyc [1/(100 EFC)]. */
export function sonyRates(avg: usize, dod: f64, crate: f64): void {
  setf(RATE_PTR, 0, getf(avg, 0));
  setf(RATE_PTR, 1, getf(avg, 1));
  setf(RATE_PTR, 2, Math.abs(Q5_B0 + Q5_B1 * dod + Q5_B2 * Math.exp(dod * dod * crate * crate * crate)));
  const q7 = Q7_B0 * getf(avg, 2) * skewNorm(dod, Q7_DOD_SKEW, Q7_DOD_WIDTH) * sigmoidShape(dod, 1.0, Q7_DOD_GROWTH, 1.0);
  setf(RATE_PTR, 3, Math.abs(q7));
  setf(RATE_PTR, 4, getf(avg, 3) * getf(avg, 4));
  const dd = dod - 0.5;
  setf(RATE_PTR, 5, (A_R_CYC * crate + B_R_CYC) * (C_R_CYC * dd * dd * dd + D_R_CYC));
}

export function sonyStep(dtDays: f64, dEfc: f64): void {
  const yt = getf(STATE_PTR, Q_T);
  const ye = getf(STATE_PTR, Q_EFC);
  const yb = getf(STATE_PTR, Q_X);
  setf(STATE_PTR, Q_T, yt + getf(SCALAR_PTR, Q_T) * dSigmoid(yt, dtDays, getf(RATE_PTR, 0), Q2, getf(RATE_PTR, 1)));
  setf(STATE_PTR, Q_EFC, ye + getf(SCALAR_PTR, Q_EFC) * dPowerB(ye, dEfc, getf(RATE_PTR, 2), Q6));
  if (dtDays > 0 && dEfc / dtDays > BREAKIN_MIN_EFC_PER_DAY) {
    setf(STATE_PTR, Q_X, yb + getf(SCALAR_PTR, Q_X) * dSigmoid(yb, dEfc, getf(RATE_PTR, 3), Q8, Q9));
  }
  if (dtDays > 0) setf(STATE_PTR, R_T, getf(STATE_PTR, R_T) + getf(SCALAR_PTR, R_T) * getf(RATE_PTR, 4) * dtDays * 86400.0);
  if (dEfc > 0) setf(STATE_PTR, R_EFC, getf(STATE_PTR, R_EFC) + (getf(SCALAR_PTR, R_EFC) * getf(RATE_PTR, 5) * dEfc) / 100.0);
}

export function sonyQ(): f64 {
  return 1.0 - getf(STATE_PTR, Q_T) - getf(STATE_PTR, Q_EFC) - getf(STATE_PTR, Q_X);
}

export function sonyR(): f64 {
  return 1.0 + getf(STATE_PTR, R_T) + getf(STATE_PTR, R_EFC);
}
