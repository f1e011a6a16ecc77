// NREL BLAST-Lite NMC_Gr_50Ah_B1 (algorithms.md §6.5 "alternatives"; BLAST-Lite @ bae8c71). Capacity only.
// TN = T/308.15 (reproduces every §6.6 row of this model; the normalisation is not printed in §6.5).
// Validity: 10–45 °C, DoD 0.8–1, ≤ 1.75 C.
import { FAC_PTR, RATE_PTR, STATE_PTR, SCALAR_PTR, getf, setf } from '../memory';
import { Q_T, Q_EFC } from './slots';
import { dPower } from '../laws';

@inline const T_NORM_K: f64 = 308.15;
@inline const UA_NORM_V: f64 = 0.123;
@inline const P1: f64 = 36.2;
@inline const P2: f64 = -4.4;
@inline const PCAL: f64 = 0.708;
@inline const P3: f64 = 0.844;
@inline const P4: f64 = 0.458;
@inline const PCYC: f64 = 0.467;
/** BLAST B1 expresses time in units of 1e4 days and throughput in units of 1e5 EFC. */
@inline const DAYS_UNIT: f64 = 1e4;
@inline const EFC_UNIT: f64 = 1e5;

/** F0 = exp(p2·UaN^(1/3)/TN³); F1 = TN^(3·p4) (the temperature part of kcyc, which is separable). */
export function b1Factors(tempK: f64, _soc: f64, ua: f64): void {
  const tn = tempK / T_NORM_K;
  setf(FAC_PTR, 0, Math.exp((P2 / (tn * tn * tn)) * Math.cbrt(ua / UA_NORM_V)));
  setf(FAC_PTR, 1, Math.pow(tn, 3.0 * P4));
}

/** R0 = kcal [per (days/1e4)^pcal]; R1 = kcyc = |p3·(DoD²·Crate^0.5)^p4|·avg(TN^(3p4)). */
export function b1Rates(avg: usize, dod: f64, crate: f64): void {
  setf(RATE_PTR, 0, P1 * getf(avg, 0));
  const base = dod * dod * Math.sqrt(Math.max(crate, 0));
  setf(RATE_PTR, 1, Math.abs(P3 * Math.pow(base, P4)) * getf(avg, 1));
}

export function b1Step(dtDays: f64, dEfc: f64): void {
  const yt = getf(STATE_PTR, Q_T);
  const ye = getf(STATE_PTR, Q_EFC);
  setf(STATE_PTR, Q_T, yt + getf(SCALAR_PTR, Q_T) * dPower(yt, dtDays / DAYS_UNIT, getf(RATE_PTR, 0), PCAL));
  setf(STATE_PTR, Q_EFC, ye + getf(SCALAR_PTR, Q_EFC) * dPower(ye, dEfc / EFC_UNIT, getf(RATE_PTR, 1), PCYC));
}

export function b1Q(): f64 {
  return 1.0 - getf(STATE_PTR, Q_T) - getf(STATE_PTR, Q_EFC);
}
