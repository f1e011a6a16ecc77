/**
 * History and evidence from a recording replayed through the core (host/replay): the twin and the
 * grade see what the device itself estimated, plus ground truth where the recording carries it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openRecording } from '../readers/open.ts';
import { RecordingError, type Recording } from '../readers/recording.ts';
import { replayRecording, type ReplayResult } from '../replay/replay.ts';
import { recordingCellBuild, withCell, type CellBuild } from '../characterize/cell-file.ts';
import { TwinError } from './errors.ts';
import type { History, HistoryPoint } from './history.ts';
import { markAborted } from './usage.ts';

/** The recording up to (not including) the first sample at or after until_s: the device as it stood then. */
export function truncateRecording(rec: Recording, until_s: number): Recording {
  const n = rec.samples.length / 4;
  let end = 0;
  while (end < n && rec.samples[end * 4]! < until_s) end++;
  const cut = <T extends Float64Array | undefined>(a: T): T => (a ? (a.subarray(0, end) as T) : a);
  const truth = rec.truth ? { soc: cut(rec.truth.soc), capacity_Ah: cut(rec.truth.capacity_Ah), resistance_ohm: cut(rec.truth.resistance_ohm) } : undefined;
  return { ...rec, samples: rec.samples.subarray(0, end * 4), discharges: rec.discharges.filter((d) => d.endIndex < end), ...(truth ? { truth } : {}) };
}

/** The last few replays, keyed by path, file identity and cut: twin, grade, report and passport share one. */
const CACHE_SIZE = 4;
const cache = new Map<string, ReplayResult>();

function cacheKey(path: string, until_s: number | undefined, cell: CellBuild | undefined): string {
  const abs = resolve(path);
  const st = statSync(abs);
  // A NASA folder's samples live in life.csv.gz: its identity is the file's.
  const file = st.isDirectory() && existsSync(join(abs, 'life.csv.gz')) ? statSync(join(abs, 'life.csv.gz')) : st;
  return `${abs}|${file.size}|${file.mtimeMs}|${until_s ?? ''}|${cell ? JSON.stringify(cell) : ''}`;
}

/**
 * Replays `path` (up to until_s when given) with a cell file's parameters (--params, or the recording's
 * own `# params=`) when there is one; TwinError BAD_HISTORY when it is not a readable recording.
 * The result is shared (read-only) by the callers of one process: the replay is deterministic.
 */
export function replayPath(path: string, until_s?: number, cell?: CellBuild): ReplayResult {
  try {
    const key = existsSync(path) ? cacheKey(path, until_s, cell) : null;
    const hit = key ? cache.get(key) : undefined;
    if (hit) return hit;
    const rec = openRecording(path);
    const r = replayRecording(until_s === undefined ? rec : truncateRecording(rec, until_s), withCell({}, cell ?? recordingCellBuild(path, rec.paramsFile)));
    if (key) {
      cache.set(key, r);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return r;
  } catch (err) {
    if (err instanceof RecordingError) throw new TwinError('BAD_HISTORY', err.message, { cause: err });
    throw err;
  }
}

/**
 * One point per discharge. The device's view (estimatesOnly, the default of loadHistory): the core's
 * capacity estimate where this discharge brought a new capacity update (a repeated estimate is not a
 * new measurement), its R25 once it has one. The lab's view: measured capacity and resistance where
 * the recording has them, else the core's values as above.
 */
export function historyFromReplay(r: ReplayResult, source: string, estimatesOnly = false): History {
  let prevEfc = 0;
  let prevUpdates = 0;
  const points: HistoryPoint[] = r.cycles.map((c) => {
    const dod = Math.min(1, Math.max(0, c.efc - prevEfc));
    prevEfc = c.efc;
    const updated = c.capacity_updates > prevUpdates;
    prevUpdates = c.capacity_updates;
    return {
      cycle: c.cycle,
      t_s: c.t_s,
      efc: c.efc,
      capacity_Ah: (estimatesOnly ? null : c.measured_capacity_Ah) ?? (updated ? c.capacity_Ah : null),
      capacity_measured: !estimatesOnly && c.measured_capacity_Ah !== null,
      resistance_ohm: (estimatesOnly ? null : c.measured_resistance_ohm) ?? (c.resistance_ohm > 0 ? c.resistance_ohm : null),
      temp_degC: c.temp_mean_degC,
      dod,
    };
  });
  return { source, view: estimatesOnly ? 'device' : 'lab-truth', chemistry: r.chemistry, ratedCapacity_Ah: r.ratedCapacity_Ah, points: markAborted(points) };
}
