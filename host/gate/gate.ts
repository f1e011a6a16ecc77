/**
 * The regression gate: replays recordings (in parallel), compares each with its golden record under
 * the tolerances, optionally writes a new golden file, and decides the exit code:
 *   0 every recording passed (or was only replayed / written),
 *   1 a regression: a value moved beyond tolerance, a recording has no golden record ('new'), or a
 *     golden record was not replayed ('missing': coverage must not shrink silently),
 *   3 a recording could not be read or replayed ('error'; no golden file is written then).
 */
import { performance } from 'node:perf_hooks';
import { Exit } from '../cli/exit-codes.ts';
import { diffRecording, type RecordingDiff } from './diff.ts';
import { goldenFile, readGolden, writeGolden, type GoldenFile, type GoldenRecording } from './golden.ts';
import type { Input } from './expand.ts';
import type { JobOptions } from './job.ts';
import { GateError } from './errors.ts';
import { replayAll } from './pool.ts';
import { shardLabel, shardNames, type Shard } from './shard.ts';
import type { GateProgress } from './progress.ts';
import type { ToleranceSet } from './tolerance.ts';

export type Status = 'pass' | 'fail' | 'new' | 'missing' | 'error' | 'ok';

export interface Outcome {
  key: string;
  path: string | null;
  status: Status;
  samples?: number;
  discharges?: number;
  elapsed_s?: number;
  diff?: RecordingDiff;
  error?: { name: string; code: string; message: string };
}

export interface GateRun {
  recordings: Input[];
  options: JobOptions;
  check?: string;
  writeGolden?: string;
  tolerances: ToleranceSet;
  workers: number;
  /** Replay only this part of the recordings and golden records (shard.ts). */
  shard?: Shard;
  progress?: GateProgress;
}

export interface GateReport {
  outcomes: Outcome[];
  golden: { path: string; core_version: string; layout_version: number; params_versions: number[] } | null;
  written: string | null;
  /** The part this run covered ('k/n'), null when unsharded. */
  shard: string | null;
  /** Why no golden file was written although asked. */
  notWritten: string | null;
  workers: number;
  elapsed_s: number;
  samples: number;
  counts: Record<Status, number>;
  exitCode: number;
}

function judge(key: string, g: GoldenRecording, golden: GoldenFile | null, tol: ToleranceSet): { status: Status; diff?: RecordingDiff } {
  if (!golden) return { status: 'ok' };
  const expected = golden.recordings[key];
  if (!expected) return { status: 'new' };
  const diff = diffRecording(expected, g, tol);
  return { status: diff.regressions.length ? 'fail' : 'pass', diff };
}

export async function runGate(run: GateRun): Promise<GateReport> {
  const t0 = performance.now();
  if (run.shard && run.writeGolden) throw new GateError('--write-golden writes the whole golden file: run it without --shard', 'bad-shard');
  const golden = run.check ? readGolden(run.check) : null;
  const inShard = run.shard ? shardNames([...run.recordings.map((r) => r.key), ...Object.keys(golden?.recordings ?? {})], run.shard) : null;
  const recordings = inShard ? run.recordings.filter((r) => inShard.has(r.key)) : run.recordings;
  const jobs = recordings.map((r) => ({ key: r.key, path: r.path, options: run.options }));
  const outcomes: Outcome[] = new Array(jobs.length);
  const index = new Map(jobs.map((j, i) => [j.key, i]));
  const goldens: Record<string, GoldenRecording> = {};
  await replayAll(jobs, {
    workers: run.workers,
    inline: run.workers === 1,
    onDone: (o, done, total) => {
      const i = index.get(o.key)!;
      if (!o.ok) {
        outcomes[i] = { key: o.key, path: o.path, status: 'error', error: o.error, elapsed_s: o.elapsed_s };
        run.progress?.done(o.key, 'error', o.error.message, done, total);
        return;
      }
      goldens[o.key] = o.golden;
      const { status, diff } = judge(o.key, o.golden, golden, run.tolerances);
      const out: Outcome = { key: o.key, path: o.path, status, samples: o.samples, discharges: o.golden.recording.discharges, elapsed_s: o.elapsed_s };
      if (diff) out.diff = diff;
      outcomes[i] = out;
      const detail = `${o.samples} samples, ${o.golden.recording.discharges} discharges, ${o.elapsed_s.toFixed(2)} s${diff?.regressions.length ? `, ${diff.regressions.length} value(s) moved` : ''}`;
      run.progress?.done(o.key, status, detail, done, total);
    },
  });
  run.progress?.stop();
  if (golden) {
    for (const key of Object.keys(golden.recordings).sort()) {
      if (!index.has(key) && (!inShard || inShard.has(key))) outcomes.push({ key, path: null, status: 'missing' });
    }
  }
  const counts: Record<Status, number> = { pass: 0, fail: 0, new: 0, missing: 0, error: 0, ok: 0 };
  for (const o of outcomes) counts[o.status]++;
  let written: string | null = null;
  let notWritten: string | null = null;
  if (run.writeGolden) {
    if (counts.error) notWritten = `${counts.error} recording(s) could not be replayed`;
    else {
      writeGolden(run.writeGolden, goldenFile(goldens));
      written = run.writeGolden;
    }
  }
  const exitCode = counts.error ? Exit.BAD_INPUT : counts.fail + counts.new + counts.missing ? Exit.CHECK_FAILED : Exit.OK;
  return {
    outcomes,
    golden: golden && run.check ? { path: run.check, core_version: golden.core_version, layout_version: golden.layout_version, params_versions: golden.params_versions } : null,
    written,
    shard: run.shard ? shardLabel(run.shard) : null,
    notWritten,
    workers: Math.min(run.workers, jobs.length),
    elapsed_s: (performance.now() - t0) / 1000,
    samples: outcomes.reduce((s, o) => s + (o.samples ?? 0), 0),
    counts,
    exitCode,
  };
}
