/**
 * Accuracy against measured ground truth, scored the way a user meets the estimate.
 *
 * Scoring rule (the README accuracy table and test/host/replay use exactly this):
 * - A discharge is scored when it has a valid measurement (NASA: `capacity_valid = 1`), its number
 *   is >= `fromCycle` (the filter needs a few discharges to converge from its prior), and an earlier
 *   discharge has a valid measurement (so the persistence baseline exists).
 * - At start: the estimate the device held at the first sample of the discharge, before the
 *   measurement it is compared with. At end: the estimate at the discharge's last sample (after the
 *   device has seen the whole discharge: nearly the measurement itself when the cutoffs coincide).
 * - Persistence baseline: repeat the previous valid measurement (what a lab without any estimator
 *   would quote).
 * - Sigma coverage: the share of at-start errors within 2 sigma, and the share beyond 4 sigma,
 *   with sigma the estimator's own at-start standard deviation.
 * - Resistance: Pearson r of the per-discharge estimate (at end) with the measured resistance (NASA:
 *   EIS Re + Rct of the last EIS test before the discharge).
 */
export interface Accuracy {
  /** RMSE of the estimate at the end of each discharge, Ah. */
  capacity_rmse_Ah: number | null;
  capacity_max_abs_err_Ah: number | null;
  /** RMSE of the estimate at the start of each discharge (before the measurement), Ah. */
  capacity_rmse_at_start_Ah: number | null;
  capacity_max_abs_err_at_start_Ah: number | null;
  /** RMSE of the persistence baseline (previous valid measurement), Ah. */
  persistence_rmse_Ah: number | null;
  /** Share of at-start errors within 2 sigma, and share beyond 4 sigma. */
  sigma_within_2_frac: number | null;
  sigma_beyond_4_frac: number | null;
  capacity_n: number;
  capacity_from_cycle: number;
  resistance_pearson: number | null;
  resistance_n: number;
}

export const ACCURACY_FROM_CYCLE = 6;

interface Row {
  cycle: number;
  capacity_Ah: number;
  capacity_at_start_Ah: number;
  capacity_sigma_at_start_Ah: number;
  resistance_ohm: number;
  measured_capacity_Ah: number | null;
  measured_resistance_ohm: number | null;
}

export function pearson(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

const rms = (e: number[]): number | null => (e.length ? Math.sqrt(e.reduce((a, x) => a + x * x, 0) / e.length) : null);
const maxAbs = (e: number[]): number | null => (e.length ? Math.max(...e.map(Math.abs)) : null);
const share = (n: number, of: number): number | null => (of ? n / of : null);

export function accuracy(rows: Row[], fromCycle = ACCURACY_FROM_CYCLE): Accuracy {
  const end: number[] = [], start: number[] = [], persist: number[] = [];
  let within2 = 0, beyond4 = 0;
  let previous: number | null = null;
  for (const r of rows) {
    const m = r.measured_capacity_Ah;
    if (m === null) continue;
    if (r.cycle >= fromCycle && previous !== null) {
      end.push(r.capacity_Ah - m);
      const e = r.capacity_at_start_Ah - m;
      start.push(e);
      persist.push(previous - m);
      const z = Math.abs(e) / r.capacity_sigma_at_start_Ah;
      if (z <= 2) within2++;
      if (z > 4) beyond4++;
    }
    previous = m;
  }
  const res = rows.filter((r) => r.measured_resistance_ohm !== null && r.resistance_ohm > 0);
  return {
    capacity_rmse_Ah: rms(end),
    capacity_max_abs_err_Ah: maxAbs(end),
    capacity_rmse_at_start_Ah: rms(start),
    capacity_max_abs_err_at_start_Ah: maxAbs(start),
    persistence_rmse_Ah: rms(persist),
    sigma_within_2_frac: share(within2, start.length),
    sigma_beyond_4_frac: share(beyond4, start.length),
    capacity_n: start.length,
    capacity_from_cycle: fromCycle,
    resistance_pearson: pearson(res.map((r) => r.resistance_ohm), res.map((r) => r.measured_resistance_ohm!)),
    resistance_n: res.length,
  };
}

/**
 * Whether a measured resistance series shows a trend: the least-squares slope of the measurements
 * against their order is significant at the 1 % level (|t| >= 2.58, normal approximation), with at
 * least 5 measurements. Only a series with a trend can be tracked, so r is demanded only there.
 */
export function showsTrend(measured: number[]): boolean {
  const n = measured.length;
  if (n < 5) return false;
  const x = measured.map((_, i) => i);
  const r = pearson(x, measured);
  if (r === null || Math.abs(r) >= 1) return r !== null;
  const t = (r * Math.sqrt(n - 2)) / Math.sqrt(1 - r * r);
  return Math.abs(t) >= 2.58;
}
