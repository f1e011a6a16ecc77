/**
 * Accuracy against measured ground truth: RMSE of the per-discharge capacity estimate against the
 * measured capacity, and Pearson correlation of the resistance estimate with measured resistance.
 * Capacity rows count from `fromCycle` on (the filter needs a few discharges to converge from its prior).
 */
export interface Accuracy {
  capacity_rmse_Ah: number | null;
  capacity_max_abs_err_Ah: number | null;
  capacity_n: number;
  capacity_from_cycle: number;
  resistance_pearson: number | null;
  resistance_n: number;
}

export const ACCURACY_FROM_CYCLE = 6;

interface Row {
  cycle: number;
  capacity_Ah: number;
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

export function accuracy(rows: Row[], fromCycle = ACCURACY_FROM_CYCLE): Accuracy {
  const cap = rows.filter((r) => r.cycle >= fromCycle && r.measured_capacity_Ah !== null);
  const errs = cap.map((r) => r.capacity_Ah - r.measured_capacity_Ah!);
  const res = rows.filter((r) => r.measured_resistance_ohm !== null && r.resistance_ohm > 0);
  return {
    capacity_rmse_Ah: errs.length ? Math.sqrt(errs.reduce((a, e) => a + e * e, 0) / errs.length) : null,
    capacity_max_abs_err_Ah: errs.length ? Math.max(...errs.map(Math.abs)) : null,
    capacity_n: errs.length,
    capacity_from_cycle: fromCycle,
    resistance_pearson: pearson(res.map((r) => r.resistance_ohm), res.map((r) => r.measured_resistance_ohm!)),
    resistance_n: res.length,
  };
}
