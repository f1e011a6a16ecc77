/**
 * How a parameter choice scores on a recording with measured truth, the way a user meets it: the
 * capacity estimate the core holds at the FIRST sample of each discharge (before the reference
 * measurement), the estimate at its last sample, and the resistance trend against EIS.
 *
 * The at-start estimate is read by replaying with one extra read-out mark at each discharge's first
 * sample (the same replay path, no look-ahead). The first sample of a discharge is the first sample
 * above C/50 after the last charging sample before its end: pulsed loads (a square wave) and a rest
 * between charge and discharge stay inside one discharge.
 */
import { ACCURACY_FROM_CYCLE, pearson } from '../replay/accuracy.ts';
import { replayRecording, type ReplayOptions } from '../replay/replay.ts';
import type { DischargeMark, Recording } from '../readers/recording.ts';

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

/** Index of the first sample of the discharge that ends at `d.endIndex` (see the file comment). */
export function dischargeStartIndex(samples: Float64Array, d: DischargeMark, threshold_A: number, notBefore = 0): number {
  let i = d.endIndex;
  while (i > notBefore && samples[(i - 1) * 4 + 2]! > -threshold_A) i--;
  while (i < d.endIndex && !(samples[i * 4 + 2]! > threshold_A)) i++;
  return i;
}

const rmse = (e: number[]): number | null => (e.length ? Math.sqrt(e.reduce((a, x) => a + x * x, 0) / e.length) : null);

export function scoreRecording(rec: Recording, opts: ReplayOptions = {}): CellScore {
  const rated = opts.ratedCapacity_Ah ?? rec.ratedCapacity_Ah ?? 1;
  const marks: DischargeMark[] = [];
  let prevEnd = 0;
  for (const d of rec.discharges) {
    const start = dischargeStartIndex(rec.samples, d, rated / 50, prevEnd);
    marks.push({ ...d, cycle: -d.cycle, endIndex: start }, d);
    prevEnd = d.endIndex + 1;
  }
  const result = replayRecording({ ...rec, discharges: marks }, opts);
  const startOf = new Map(result.cycles.filter((c) => c.cycle < 0).map((c) => [-c.cycle, c.capacity_Ah]));
  const ends = result.cycles.filter((c) => c.cycle > 0);
  const rows = ends
    .filter((c) => c.cycle >= ACCURACY_FROM_CYCLE && c.measured_capacity_Ah !== null)
    .map((c) => ({ cycle: c.cycle, measured_Ah: c.measured_capacity_Ah!, start_Ah: startOf.get(c.cycle)!, end_Ah: c.capacity_Ah }));
  const res = ends.filter((c) => c.measured_resistance_ohm !== null && c.resistance_ohm > 0);
  return {
    name: rec.name,
    n: rows.length,
    rmse_start_Ah: rmse(rows.map((r) => r.start_Ah - r.measured_Ah)),
    rmse_end_Ah: rmse(rows.map((r) => r.end_Ah - r.measured_Ah)),
    resistance_r: pearson(res.map((c) => c.resistance_ohm), res.map((c) => c.measured_resistance_ohm!)),
    rows,
  };
}
