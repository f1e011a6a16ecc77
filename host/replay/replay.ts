/**
 * Replays a recording through the core: samples go in through the batch entry, the estimate is
 * read at the first and at the last sample of every discharge (what the device would have reported
 * then, no look-ahead),
 * and the lifecycle log is drained by cursor as the core runs, so nothing is lost to the ring.
 */
import { Core, type LogRecord, type Snapshot } from '../core/core.ts';
import type { ChemistryName, ParamValues } from '../../layout/presets.ts';
import type { Recording } from '../readers/recording.ts';
import { accuracy, type Accuracy } from './accuracy.ts';

export interface ReplayOptions {
  chemistry?: ChemistryName;
  ratedCapacity_Ah?: number;
  seriesCells?: number;
  /** Parameter overrides (tunings) applied on top of the preset. */
  overrides?: ParamValues;
  /** Called now and then with samples done and total. */
  onProgress?: (done: number, total: number) => void;
}

export interface CycleRow {
  cycle: number;
  t_s: number;
  /** Capacity estimate (delivered under present conditions) and its sigma at the first sample of this discharge, Ah. */
  capacity_at_start_Ah: number;
  capacity_sigma_at_start_Ah: number;
  /** The same at the last sample of this discharge, Ah. */
  capacity_Ah: number;
  soh: number;
  resistance_ohm: number;
  measured_capacity_Ah: number | null;
  measured_resistance_ohm: number | null;
  temp_mean_degC: number;
  efc: number;
  capacity_updates: number;
}

export interface ReplayResult {
  recording: { name: string; format: string; samples: number; discharges: number; skipped_lines: number };
  chemistry: ChemistryName;
  ratedCapacity_Ah: number;
  cycles: CycleRow[];
  final: Snapshot;
  digest: string;
  log: LogRecord[];
  /** Records the host missed because the ring overwrote them before a drain (should be 0). */
  log_lost: number;
  accuracy: Accuracy;
  params: ParamValues;
  histograms: { temp_hist_s: number[][]; soc_hist_s: number[]; dod_hist: number[][] };
}

/** Samples per batch between log drains; far fewer records than the ring holds are written per batch. */
const DRAIN_EVERY = 1024;

export function replayRecording(rec: Recording, opts: ReplayOptions = {}): ReplayResult {
  const chemistry = opts.chemistry ?? rec.chemistry ?? 'NMC';
  const rated = opts.ratedCapacity_Ah ?? rec.ratedCapacity_Ah;
  const buildOpts: Parameters<typeof Core.create>[0] = { chemistry };
  if (rated !== undefined) buildOpts.ratedCapacity_Ah = rated;
  const series = opts.seriesCells ?? rec.seriesCells;
  if (series !== undefined) buildOpts.seriesCells = series;
  if (opts.overrides) buildOpts.overrides = opts.overrides;
  const core = Core.create(buildOpts);

  const total = rec.samples.length / 4;
  const log: LogRecord[] = [];
  let nextSeq = 1;
  let lost = 0;
  const drain = (): void => {
    const recs = core.logRecords(nextSeq);
    if (recs.length && recs[0]!.seq > nextSeq) lost += recs[0]!.seq - nextSeq;
    for (const r of recs) log.push(r);
    if (recs.length) nextSeq = recs[recs.length - 1]!.seq + 1;
  };
  const runTo = (end: number, from: number): void => {
    for (let i = from; i < end; i += DRAIN_EVERY) {
      const stop = Math.min(end, i + DRAIN_EVERY);
      core.stepBatch(rec.samples.subarray(i * 4, stop * 4));
      drain();
      opts.onProgress?.(stop, total);
    }
  };

  const cycles: CycleRow[] = [];
  let done = 0;
  for (const d of rec.discharges) {
    runTo(d.startIndex + 1, done);
    const atStart = core.snapshot();
    runTo(d.endIndex + 1, d.startIndex + 1);
    done = d.endIndex + 1;
    const s = core.snapshot();
    cycles.push({
      cycle: d.cycle,
      t_s: s.t_s!,
      capacity_at_start_Ah: atStart.capacity_Ah!,
      capacity_sigma_at_start_Ah: atStart.capacity_sigma_Ah!,
      capacity_Ah: s.capacity_Ah!,
      soh: s.soh!,
      resistance_ohm: s.resistance_ohm!,
      measured_capacity_Ah: d.measured_capacity_Ah,
      measured_resistance_ohm: d.measured_resistance_ohm,
      temp_mean_degC: d.temp_mean_degC,
      efc: s.efc!,
      capacity_updates: s.capacity_updates!,
    });
  }
  runTo(total, done);
  const final = core.snapshot();
  const thermal = core.region('THERMAL');
  const rf = core.region('RAINFLOW');
  const tempHist = thermal.temp_hist_ms as number[];
  const dod = rf.dod_hist as number[];
  const params = core.params() as ParamValues;
  return {
    recording: { name: rec.name, format: rec.format, samples: total, discharges: rec.discharges.length, skipped_lines: rec.skipped.length },
    chemistry,
    ratedCapacity_Ah: params.rated_capacity_Ah!,
    cycles,
    final,
    digest: core.digest(),
    log,
    log_lost: lost,
    accuracy: accuracy(cycles),
    params,
    histograms: {
      temp_hist_s: [0, 1, 2].map((m) => tempHist.slice(m * 18, m * 18 + 18).map((ms) => ms / 1000)),
      soc_hist_s: (thermal.soc_hist_ms as number[]).map((ms) => ms / 1000),
      dod_hist: Array.from({ length: 10 }, (_, d) => dod.slice(d * 10, d * 10 + 10)),
    },
  };
}
