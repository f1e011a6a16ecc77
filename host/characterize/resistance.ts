/**
 * R0 and its temperature dependence from current steps, by the core's own step rule (a change of at
 * least `stepMin_A` between two samples at most `maxDt_s` apart, after a stable sample pair, inside
 * the rule's SOC window), so the
 * fitted value is the quantity the core's resistance estimator measures:
 *   R = -dV / dI,   ln R = ln R25 + (Ea / R_gas) (1/T - 1/298.15 K)   (Arrhenius, algorithms.md 3.3)
 * Ea is fitted by least squares only when the steps span at least 10 K; otherwise R25 uses the
 * preset's Ea and Ea is reported as not shown by the data. Outliers beyond 3 robust sigma of ln R
 * are dropped before the fit.
 */
import { madSigma, median, type Fitted } from './fitted.ts';
import type { CellSeries } from './series.ts';

const R_GAS = 8.314;
const T25_K = 298.15;

export interface StepRule {
  stepMin_A: number;
  maxDt_s: number;
  stable_A: number;
  /** SOC window of the core's rule (outside it the empty knee or full charge distort dV). */
  socMin: number;
  socMax: number;
}

export interface ResistanceFit {
  r25_ohm?: Fitted;
  ea_J_per_mol?: Fitted;
  steps: number;
  tempSpan_K: number;
}

export function stepResistances(s: CellSeries, soc: Float64Array, rule: StepRule): { r_ohm: number; temp_degC: number }[] {
  const out: { r_ohm: number; temp_degC: number }[] = [];
  for (let j = 2; j < s.n; j++) {
    const dI = s.i_A[j]! - s.i_A[j - 1]!;
    if (Math.abs(dI) < rule.stepMin_A || s.t_s[j]! - s.t_s[j - 1]! > rule.maxDt_s) continue;
    if (Math.abs(s.i_A[j - 1]! - s.i_A[j - 2]!) > rule.stable_A) continue;
    if (s.v_V[j]! > 5.5 || s.v_V[j - 1]! > 5.5) continue;
    const z = soc[j - 1]!;
    if (!(z >= rule.socMin && z <= rule.socMax)) continue;
    const r = -(s.v_V[j]! - s.v_V[j - 1]!) / dI;
    if (r > 0 && Number.isFinite(r)) out.push({ r_ohm: r, temp_degC: (s.temp_degC[j]! + s.temp_degC[j - 1]!) / 2 });
  }
  return out;
}

export function fitResistance(s: CellSeries, soc: Float64Array, rule: StepRule, presetEa_J_per_mol: number): ResistanceFit {
  const all = stepResistances(s, soc, rule);
  if (all.length < 3) return { steps: all.length, tempSpan_K: 0 };
  const ln = all.map((x) => Math.log(x.r_ohm));
  const m = median(ln), sd = madSigma(ln) || 1e-9;
  const kept = all.filter((_, k) => Math.abs(ln[k]! - m) <= 3 * sd);
  const x = kept.map((p) => 1 / (p.temp_degC + 273.15) - 1 / T25_K);
  const y = kept.map((p) => Math.log(p.r_ohm));
  const temps = kept.map((p) => p.temp_degC);
  const span = Math.max(...temps) - Math.min(...temps);
  const n = kept.length;
  let b = presetEa_J_per_mol / R_GAS, fittedEa = false;
  const mx = x.reduce((a, v) => a + v, 0) / n, my = y.reduce((a, v) => a + v, 0) / n;
  const sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0);
  if (span >= 10 && n >= 10 && sxx > 0) {
    b = x.reduce((a, v, k) => a + (v - mx) * (y[k]! - my), 0) / sxx;
    fittedEa = b > 0; // a resistance that falls with cold is not Arrhenius: keep the preset's
    if (!fittedEa) b = presetEa_J_per_mol / R_GAS;
  }
  const a = my - b * mx;
  const resid = y.map((v, k) => v - a - b * x[k]!);
  const s2 = resid.reduce((acc, r) => acc + r * r, 0) / Math.max(1, n - 2);
  const r25 = Math.exp(a);
  const out: ResistanceFit = {
    r25_ohm: { value: r25, sigma: r25 * Math.sqrt(s2 / n), evidence: n, method: `current steps (|dI| >= ${rule.stepMin_A.toFixed(3)} A within ${rule.maxDt_s} s), normalised to 25 degC by Arrhenius` },
    steps: n,
    tempSpan_K: span,
  };
  if (fittedEa) out.ea_J_per_mol = { value: b * R_GAS, sigma: R_GAS * Math.sqrt(s2 / sxx), evidence: n, method: `least squares of ln R against 1/T over ${span.toFixed(1)} K` };
  return out;
}
