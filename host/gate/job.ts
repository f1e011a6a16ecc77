/**
 * One unit of gate work: read a recording (or a monitor capture), replay it through a fresh core, reduce the result to its
 * golden record. Runs the same in the CLI's thread and in a worker thread (the outcome is plain data,
 * structured-clone safe). Errors are returned, not thrown, so one bad recording fails only itself.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import type { ChemistryName } from '../../layout/presets.ts';
import { openRecording } from '../readers/open.ts';
import type { Recording } from '../readers/recording.ts';
import { isCandumpFile, isCaptureFile } from './capture-detect.ts';
import { replayRecording, type ReplayOptions } from '../replay/replay.ts';
import { recordingCellBuild, withCell } from '../characterize/cell-file.ts';
import { goldenRecording, type GoldenOptions, type GoldenRecording } from './golden.ts';

export interface JobOptions {
  chemistry?: ChemistryName;
  ratedCapacity_Ah?: number;
  seriesCells?: number;
  /** Parameter overrides (--param name=value). */
  overrides: Record<string, number>;
}

export interface ReplayJob {
  key: string;
  path: string;
  options: JobOptions;
}

export type JobOutcome =
  | { key: string; path: string; ok: true; golden: GoldenRecording; samples: number; elapsed_s: number; thread?: number }
  | { key: string; path: string; ok: false; error: { name: string; code: string; message: string }; elapsed_s: number; thread?: number };

export function goldenOptions(o: JobOptions): GoldenOptions {
  const g: GoldenOptions = { overrides: { ...o.overrides } };
  if (o.chemistry !== undefined) g.chemistry = o.chemistry;
  if (o.ratedCapacity_Ah !== undefined) g.rated_capacity_Ah = o.ratedCapacity_Ah;
  if (o.seriesCells !== undefined) g.series_cells = o.seriesCells;
  return g;
}

/**
 * Reads a recording of any format the gate knows: what openRecording reads (NASA folders, generic CSV),
 * monitor captures and candump logs (whose series cell count comes from the BMS unless given).
 */
export async function readForGate(path: string, o: JobOptions): Promise<{ rec: Recording; seriesCells?: number }> {
  const capture = isCaptureFile(path), candump = !capture && isCandumpFile(path);
  if (!capture && !candump) return { rec: openRecording(path) };
  const { readCaptureRecording, readCandumpRecording } = await import('./capture.ts'); // the protocol stack, on demand
  const capOpts: { chemistry?: ChemistryName; ratedCapacity_Ah?: number } = {};
  if (o.chemistry !== undefined) capOpts.chemistry = o.chemistry;
  if (o.ratedCapacity_Ah !== undefined) capOpts.ratedCapacity_Ah = o.ratedCapacity_Ah;
  const c = capture ? await readCaptureRecording(path, capOpts) : await readCandumpRecording(path, capOpts);
  return { rec: c.recording, seriesCells: c.seriesCells };
}

export async function runJob(job: ReplayJob): Promise<JobOutcome> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  try {
    const { rec, seriesCells } = await readForGate(job.path, job.options);
    let opts: ReplayOptions = {};
    if (job.options.chemistry !== undefined) opts.chemistry = job.options.chemistry;
    if (job.options.ratedCapacity_Ah !== undefined) opts.ratedCapacity_Ah = job.options.ratedCapacity_Ah;
    const series = job.options.seriesCells ?? seriesCells;
    if (series !== undefined) opts.seriesCells = series;
    if (Object.keys(job.options.overrides).length) opts.overrides = job.options.overrides;
    if (job.options.chemistry === undefined) opts = withCell(opts, recordingCellBuild(job.path, rec.paramsFile)); // # params=cell.json
    const result = replayRecording(rec, opts);
    return { key: job.key, path: job.path, ok: true, golden: goldenRecording(result, goldenOptions(job.options)), samples: result.recording.samples, elapsed_s: elapsed(), thread: threadId };
  } catch (err) {
    const e = err as Error & { code?: unknown };
    return { key: job.key, path: job.path, ok: false, error: { name: e?.name ?? 'Error', code: typeof e?.code === 'string' ? e.code : 'error', message: e?.message ?? String(err) }, elapsed_s: elapsed(), thread: threadId };
  }
}
