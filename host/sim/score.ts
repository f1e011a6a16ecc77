/**
 * The score of issue 12 on a simulated pack, through the replay's own code path (replayRecording and
 * accuracy(), host/replay): every reference test becomes a discharge with its measured capacity; the
 * core's estimate and sigma at the first sample of each is compared with the measurement, beside the
 * persistence baseline (previous measurement), with the sigma coverage (share within 2 sigma, bar
 * >= 85 %; share beyond 4 sigma, bar <= 5 %). Every reference test that has a previous one is scored
 * (the first, a commissioning test, has no baseline).
 */
import type { CoreOptions } from '../core/core.ts';
import type { Recording } from '../readers/recording.ts';
import { accuracy } from '../replay/accuracy.ts';
import { replayRecording } from '../replay/replay.ts';
import type { ReferenceMeasurement, SimChemistry } from './simulation.ts';

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

/** The logged samples and reference tests as a recording the replay reads. */
export function referenceRecording(samples: Float64Array, refs: readonly ReferenceMeasurement[], chemistry: SimChemistry, rated_Ah: number, seriesCells: number): Recording {
  return {
    name: 'simulation', format: 'csv', samples, chemistry, ratedCapacity_Ah: rated_Ah, seriesCells, skipped: [],
    discharges: refs.map((r, k) => ({ cycle: k + 1, startIndex: r.startIndex, endIndex: r.endIndex, measured_capacity_Ah: r.measured_capacity_Ah, measured_resistance_ohm: null, temp_mean_degC: r.temp_mean_degC })),
  };
}

/**
 * Replays the interleaved samples [t_s, voltage_V, current_A, temp_degC] x n through a fresh core
 * (the chemistry's preset at this rated capacity and series count, with `overrides` of single
 * parameters when given: an experiment, never the acceptance) and scores it at every reference.
 */
export function scoreAtStart(samples: Float64Array, refs: readonly ReferenceMeasurement[], core: CoreOptions & { chemistry: SimChemistry; ratedCapacity_Ah: number; seriesCells: number }): AtStartScore {
  const rated = core.ratedCapacity_Ah;
  const result = replayRecording(referenceRecording(samples, refs, core.chemistry, rated, core.seriesCells), core.overrides ? { overrides: core.overrides } : {});
  const acc = accuracy(result.cycles, 1);
  const rows: AtStartRow[] = result.cycles.slice(1).map((c, k) => ({
    t_s: refs[k + 1]!.t_start_s, measured_Ah: c.measured_capacity_Ah!, estimate_Ah: c.capacity_at_start_Ah, sigma_Ah: c.capacity_sigma_at_start_Ah,
    previous_Ah: refs[k]!.measured_capacity_Ah, temp_degC: c.temp_mean_degC,
  }));
  const or = (x: number | null): number => x ?? NaN;
  return {
    n: acc.capacity_n, rated_Ah: rated,
    rmse_Ah: or(acc.capacity_rmse_at_start_Ah), rmse_frac: or(acc.capacity_rmse_at_start_Ah) / rated,
    baseline_rmse_Ah: or(acc.persistence_rmse_Ah), baseline_rmse_frac: or(acc.persistence_rmse_Ah) / rated,
    max_abs_err_Ah: or(acc.capacity_max_abs_err_at_start_Ah), within2sigma: or(acc.sigma_within_2_frac), beyond4sigma: or(acc.sigma_beyond_4_frac),
    first_measured_Ah: refs[0]?.measured_capacity_Ah ?? NaN, last_measured_Ah: refs[refs.length - 1]?.measured_capacity_Ah ?? NaN,
    rows,
  };
}
