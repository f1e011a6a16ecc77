/**
 * How a parameter choice scores on a recording with measured truth, the way a user meets it: the
 * capacity estimate the core holds at the FIRST sample of each discharge (the replay's
 * `capacity_at_start_Ah`, before the reference measurement), the estimate at its last sample, and the
 * resistance trend against EIS. Discharges from ACCURACY_FROM_CYCLE on with a measured capacity.
 */
import { ACCURACY_FROM_CYCLE, pearson } from '../replay/accuracy.ts';
import { replayRecording, type ReplayOptions } from '../replay/replay.ts';
import type { Recording } from '../readers/recording.ts';

export interface CellScore {
  name: string;
  /** Discharges scored (measured capacity present, cycle >= ACCURACY_FROM_CYCLE). */
  n: number;
  rmse_start_Ah: number | null;
  rmse_end_Ah: number | null;
  /** Pearson r of the resistance estimate (end of discharge) against EIS Re + Rct. */
  resistance_r: number | null;
  rows: { cycle: number; measured_Ah: number; start_Ah: number; end_Ah: number }[];
}

const rmse = (e: number[]): number | null => (e.length ? Math.sqrt(e.reduce((a, x) => a + x * x, 0) / e.length) : null);

export function scoreRecording(rec: Recording, opts: ReplayOptions = {}): CellScore {
  const result = replayRecording(rec, opts);
  const rows = result.cycles
    .filter((c) => c.cycle >= ACCURACY_FROM_CYCLE && c.measured_capacity_Ah !== null)
    .map((c) => ({ cycle: c.cycle, measured_Ah: c.measured_capacity_Ah!, start_Ah: c.capacity_at_start_Ah, end_Ah: c.capacity_Ah }));
  const res = result.cycles.filter((c) => c.measured_resistance_ohm !== null && c.resistance_ohm > 0);
  return {
    name: rec.name,
    n: rows.length,
    rmse_start_Ah: rmse(rows.map((r) => r.start_Ah - r.measured_Ah)),
    rmse_end_Ah: rmse(rows.map((r) => r.end_Ah - r.measured_Ah)),
    resistance_r: pearson(res.map((c) => c.resistance_ohm), res.map((c) => c.measured_resistance_ohm!)),
    rows,
  };
}
