// Empirical calibrated model for cells without a BLAST fit of their own (e.g. the NASA 18650s):
//   calendar loss: Kokam LLI calendar law (power 0.357 in days, Arrhenius/Ua dependence of §6.5),
//   cycling loss:  y = k·(EFC − x0)^p after an onset of x0 EFC, with k, p, x0 fitted (fit.ts);
//                  k holds at the history's temperature and scales with Kokam's cycling
//                  temperature factor relative to it,
//   resistance:    r = 1 + kr·EFC^pr (fitted, pr fixed by the host).
// Parameters (PARAM slots): 0 k [1/EFC^p at the reference temperature], 1 p, 2 x0 [EFC],
// 3 kr [1/EFC^pr], 4 pr, 5 reference temperature [K] (the history's mean; 0 = 298.15 K).
// Every state advances by exact re-evaluation y = k·(x_eq + Δx)^p (§6.2 tip).
import { PARAM_PTR, FAC_PTR, RATE_PTR, STATE_PTR, SCALAR_PTR, getf, setf } from '../memory';
import { Q_T, Q_EFC, R_EFC, ONSET_USED } from './slots';
import { kokamCalendarFactor, kokamCycleTempFactor, kokamQ1, kokamQ2 } from './kokam';

@inline export const EMP_K: i32 = 0;
@inline export const EMP_P: i32 = 1;
@inline export const EMP_X0: i32 = 2;
@inline export const EMP_KR: i32 = 3;
@inline export const EMP_PR: i32 = 4;
@inline export const EMP_TREF_K: i32 = 5;
@inline const T_REF_DEFAULT_K: f64 = 298.15;

export function empiricalFactors(tempK: f64, _soc: f64, ua: f64): void {
  setf(FAC_PTR, 0, kokamCalendarFactor(tempK, ua));
  const ref = getf(PARAM_PTR, EMP_TREF_K);
  setf(FAC_PTR, 1, kokamCycleTempFactor(tempK) / kokamCycleTempFactor(ref > 200 && ref < 400 ? ref : T_REF_DEFAULT_K));
}

/** R0 = calendar rate [1/day^0.357], R1 = cycling rate k·f(T) [1/EFC^p]. */
export function empiricalRates(avg: usize): void {
  setf(RATE_PTR, 0, kokamQ1(getf(avg, 0)));
  setf(RATE_PTR, 1, getf(PARAM_PTR, EMP_K) * getf(avg, 1));
}

/** y ← y + s·(k·(x_eq + dx)^p − y), x_eq = (y/k)^(1/p): exact advance of a power law. */
function advancePower(slot: i32, dx: f64, k: f64, p: f64): void {
  if (!(dx > 0) || !(k > 0) || !(p > 0)) return;
  const y = getf(STATE_PTR, slot);
  const xEq = y > 0 ? Math.pow(y / k, 1.0 / p) : 0.0;
  const next = k * Math.pow(xEq + dx, p);
  if (isFinite(next)) setf(STATE_PTR, slot, y + getf(SCALAR_PTR, slot) * (next - y));
}

export function empiricalStep(dtDays: f64, dEfc: f64): void {
  // Exact advance here too: a scenario hotter or fuller than the history multiplies k, and BLAST's
  // Euler step k·p·x_eq^(p−1)·Δx overshoots badly when x_eq ≪ Δx (p = 0.357, weekly steps).
  advancePower(Q_T, dtDays, getf(RATE_PTR, 0), kokamQ2());
  const onsetLeft = Math.max(0.0, getf(PARAM_PTR, EMP_X0) - getf(STATE_PTR, ONSET_USED));
  const used = Math.min(onsetLeft, Math.max(dEfc, 0.0));
  setf(STATE_PTR, ONSET_USED, getf(STATE_PTR, ONSET_USED) + used);
  advancePower(Q_EFC, dEfc - used, getf(RATE_PTR, 1), getf(PARAM_PTR, EMP_P));
  advancePower(R_EFC, dEfc, getf(PARAM_PTR, EMP_KR), getf(PARAM_PTR, EMP_PR));
}

export function empiricalQ(): f64 {
  return 1.0 - getf(STATE_PTR, Q_T) - getf(STATE_PTR, Q_EFC);
}

export function empiricalR(): f64 {
  return 1.0 + getf(STATE_PTR, R_EFC);
}
