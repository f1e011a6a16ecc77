// NREL BLAST-Lite Lfp_Gr_250AhPrismatic (algorithms.md §6.3; BLAST-Lite @ bae8c71, BSD-3-Clause).
// Capacity only: q = 1 − qLoss_t − qLoss_EFC. Validity: cycling 10–45 °C, DoD 0.8–1.
import { FAC_PTR, RATE_PTR, STATE_PTR, SCALAR_PTR, getf, setf } from '../memory';
import { Q_T, Q_EFC } from './slots';
import { dPower } from '../laws';

@inline const P1: f64 = 8.37e4;
@inline const P2: f64 = -5.21e3;
@inline const P3: f64 = -3.56e3;
@inline const PCAL: f64 = 0.526;
@inline const P4: f64 = 4.38e-8;
@inline const P5: f64 = 1.55e-8;
@inline const P6: f64 = 1.68e-7;
@inline const P7: f64 = 2.19e3;
@inline const P8: f64 = 1.55e5;
@inline const PCYC: f64 = 0.828;

/** Per-sample factors: F0 = exp(p2/T)·exp(p3·Ua/T), F1 = exp(p7/T) + exp(−p8/T). */
export function lfp250Factors(tempK: f64, _soc: f64, ua: f64): void {
  setf(FAC_PTR, 0, Math.exp(P2 / tempK) * Math.exp((P3 * ua) / tempK));
  setf(FAC_PTR, 1, Math.exp(P7 / tempK) + Math.exp(-P8 / tempK));
}

/** Rates from time-averaged factors: R0 = kcal [1/day^pcal], R1 = kcyc [1/EFC^pcyc]. */
export function lfp250Rates(avg: usize, dod: f64, crate: f64): void {
  setf(RATE_PTR, 0, Math.abs(P1) * getf(avg, 0));
  setf(RATE_PTR, 1, (P4 + P5 * dod + P6 * crate) * getf(avg, 1));
}

export function lfp250Step(dtDays: f64, dEfc: f64): void {
  const yt = getf(STATE_PTR, Q_T);
  const ye = getf(STATE_PTR, Q_EFC);
  setf(STATE_PTR, Q_T, yt + getf(SCALAR_PTR, Q_T) * dPower(yt, dtDays, getf(RATE_PTR, 0), PCAL));
  setf(STATE_PTR, Q_EFC, ye + getf(SCALAR_PTR, Q_EFC) * dPower(ye, dEfc, getf(RATE_PTR, 1), PCYC));
}

export function lfp250Q(): f64 {
  return 1.0 - getf(STATE_PTR, Q_T) - getf(STATE_PTR, Q_EFC);
}
