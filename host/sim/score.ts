/**
 * The score of issue 12, as a user meets it: the capacity estimate (and its sigma) the core holds
 * at the first sample of each reference discharge, against the capacity that discharge measures,
 * beside the naive baseline that repeats the previous reference measurement (persistence).
 *
 * Rows: every reference test that has a previous one (the first, a commissioning test, has no
 * baseline and is not scored). Sigma coverage: the fraction of rows with |error| <= 2 sigma (a
 * calibrated Gaussian sigma gives 95 %, the bar is 85 %) and with |error| > 4 sigma (bar <= 5 %).
 */
import { Core, type CoreOptions } from '../core/core.ts';
import type { ReferenceMeasurement } from './simulation.ts';

export interface AtStartRow {
  t_s: number;
  measured_Ah: number;
  estimate_Ah: number;
  sigma_Ah: number;
  previous_Ah: number;
  temp_degC: number;
}

export interface AtStartScore {
  n: number;
  rated_Ah: number;
  /** RMSE of the at-start estimate, Ah and as a fraction of rated. */
  rmse_Ah: number;
  rmse_frac: number;
  /** RMSE of persistence (previous measurement), Ah and fraction of rated. */
  baseline_rmse_Ah: number;
  baseline_rmse_frac: number;
  max_abs_err_Ah: number;
  /** Fractions of rows with |error| <= 2 sigma and > 4 sigma. */
  within2sigma: number;
  beyond4sigma: number;
  /** Measured capacity at the first and the last reference test, Ah. */
  first_measured_Ah: number;
  last_measured_Ah: number;
  rows: AtStartRow[];
}

/**
 * Steps a fresh core (`core` options: chemistry preset, rated capacity, series cells) through the
 * interleaved samples [t_s, voltage_V, current_A, temp_degC] x n and scores it at every reference.
 */
export function scoreAtStart(samples: Float64Array, refs: readonly ReferenceMeasurement[], core: CoreOptions & { ratedCapacity_Ah: number }): AtStartScore {
  const c = Core.create(core);
  const rated = core.ratedCapacity_Ah;
  const rows: AtStartRow[] = [];
  let done = 0;
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k]!;
    c.stepBatch(samples.subarray(4 * done, 4 * (r.startIndex + 1)));
    done = r.startIndex + 1;
    const s = c.snapshot();
    if (k > 0) rows.push({ t_s: r.t_start_s, measured_Ah: r.measured_capacity_Ah, estimate_Ah: s.capacity_Ah!, sigma_Ah: s.capacity_sigma_Ah!, previous_Ah: refs[k - 1]!.measured_capacity_Ah, temp_degC: r.temp_mean_degC });
  }
  const n = rows.length;
  const rms = (f: (r: AtStartRow) => number): number => (n ? Math.sqrt(rows.reduce((a, r) => a + f(r) ** 2, 0) / n) : NaN);
  const err = (r: AtStartRow): number => r.estimate_Ah - r.measured_Ah;
  const rmse = rms(err), base = rms((r) => r.previous_Ah - r.measured_Ah);
  return {
    n, rated_Ah: rated, rmse_Ah: rmse, rmse_frac: rmse / rated, baseline_rmse_Ah: base, baseline_rmse_frac: base / rated,
    max_abs_err_Ah: rows.reduce((a, r) => Math.max(a, Math.abs(err(r))), 0),
    within2sigma: n ? rows.filter((r) => Math.abs(err(r)) <= 2 * r.sigma_Ah).length / n : NaN,
    beyond4sigma: n ? rows.filter((r) => Math.abs(err(r)) > 4 * r.sigma_Ah).length / n : NaN,
    first_measured_Ah: refs[0]?.measured_capacity_Ah ?? NaN, last_measured_Ah: refs[refs.length - 1]?.measured_capacity_Ah ?? NaN,
    rows,
  };
}
