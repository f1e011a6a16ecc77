/**
 * History and evidence from a recording replayed through the core (host/replay): the twin and the
 * grade see what the device itself estimated, plus ground truth where the recording carries it.
 */
import { openRecording } from '../readers/open.ts';
import { RecordingError, type Recording } from '../readers/recording.ts';
import { replayRecording, type ReplayResult } from '../replay/replay.ts';
import { TwinError } from './errors.ts';
import type { History, HistoryPoint } from './history.ts';

/** The recording up to (not including) the first sample at or after until_s: the device as it stood then. */
export function truncateRecording(rec: Recording, until_s: number): Recording {
  const n = rec.samples.length / 4;
  let end = 0;
  while (end < n && rec.samples[end * 4]! < until_s) end++;
  const cut = <T extends Float64Array | undefined>(a: T): T => (a ? (a.subarray(0, end) as T) : a);
  const truth = rec.truth ? { soc: cut(rec.truth.soc), capacity_Ah: cut(rec.truth.capacity_Ah), resistance_ohm: cut(rec.truth.resistance_ohm) } : undefined;
  return { ...rec, samples: rec.samples.subarray(0, end * 4), discharges: rec.discharges.filter((d) => d.endIndex < end), ...(truth ? { truth } : {}) };
}

/** Replays `path` (up to until_s when given); TwinError BAD_HISTORY when it is not a readable recording. */
export function replayPath(path: string, until_s?: number): ReplayResult {
  try {
    const rec = openRecording(path);
    return replayRecording(until_s === undefined ? rec : truncateRecording(rec, until_s));
  } catch (err) {
    if (err instanceof RecordingError) throw new TwinError('BAD_HISTORY', err.message, { cause: err });
    throw err;
  }
}

/**
 * One point per discharge: measured capacity and resistance where the recording has them, else the
 * core's estimate after that discharge (only once the estimate has been updated at least once).
 * estimatesOnly: the core's estimates even where ground truth exists (what the device itself knows).
 */
export function historyFromReplay(r: ReplayResult, source: string, estimatesOnly = false): History {
  let prevEfc = 0;
  const points: HistoryPoint[] = r.cycles.map((c) => {
    const dod = Math.min(1, Math.max(0, c.efc - prevEfc));
    prevEfc = c.efc;
    return {
      cycle: c.cycle,
      t_s: c.t_s,
      efc: c.efc,
      capacity_Ah: (estimatesOnly ? null : c.measured_capacity_Ah) ?? (c.capacity_updates > 0 ? c.capacity_Ah : null),
      capacity_measured: !estimatesOnly && c.measured_capacity_Ah !== null,
      resistance_ohm: (estimatesOnly ? null : c.measured_resistance_ohm) ?? (c.resistance_ohm > 0 ? c.resistance_ohm : null),
      temp_degC: c.temp_mean_degC,
      dod,
    };
  });
  return { source, chemistry: r.chemistry, ratedCapacity_Ah: r.ratedCapacity_Ah, points };
}
