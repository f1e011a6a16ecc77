/**
 * bms-edge replay: runs recordings through the core.
 *
 * One recording without gate options: prints the summary (per-discharge capacity / SOH beside measured
 * capacity, accuracy, resistance, thermal counters, cycles, events, digest).
 * Gate mode (--check, --write-golden, --junit, --jobs, several recordings, a folder or a glob): replays
 * them in parallel on worker threads and compares every reported value with a golden file under
 * per-field tolerances (host/gate/, documented in host/gate/README.md).
 */
import { parseCommand, positiveNumber } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { recordingCellBuild, withCell } from '../../characterize/cell-file.ts';
import { CharacterizeError } from '../../characterize/errors.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RecordingError } from '../../readers/recording.ts';
import { replayRecording, type ReplayResult } from '../../replay/replay.ts';
import { CHEMISTRIES, type ChemistryName } from '../../../layout/presets.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { EVENT_NAME } from '../../core/core.ts';
import { progressReporter } from '../progress.ts';
import { CoreError } from '../../core/core.ts';
import { GateError } from '../../gate/errors.ts';
import { expandInputs, type Expansion } from '../../gate/expand.ts';
import { runGate, type GateReport } from '../../gate/gate.ts';
import { readForGate, type JobOptions } from '../../gate/job.ts';
import { parseParamOverrides } from '../../gate/params.ts';
import { parseShard } from '../../gate/shard.ts';
import { defaultWorkers } from '../../gate/pool.ts';
import { gateProgress, progressMode } from '../../gate/progress.ts';
import { DEFAULT_TOLERANCE, defaultTolerances, loadTolerances, tolerancesJson } from '../../gate/tolerance.ts';
import { gateJson, gateJunit, gateText } from '../../gate/report.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge replay <recording | folder | glob>... [options]

  <recording>              a NASA cell folder (life.csv.gz + cycles.csv), a generic CSV file, a capture
                           written by 'bms-edge monitor --record', or a candump log of a Pylontech CAN bus
  <folder>                 every recording below it (NASA folders, .csv, .jsonl captures, .log candump)
  <glob>                   e.g. 'recordings/**/*.csv' (quoted: expanded by bms-edge)
  --chemistry <name>       parameter preset: ${CHEMISTRIES.join(', ')} (default: from the recording, else NMC)
  --rated-capacity <Ah>    rated capacity (default: from the recording or the preset)
  --series-cells <n>       cells in series (pack voltage / n = cell voltage)
${PARAMS_HELP}
                           (a generic CSV may name one itself: # params=cell.json)
  --param <name=value>     override one field of the parameter block (repeatable), e.g. cap_sigma_w_Ah=0.001
  --all                    print every discharge (default: a sample of them; one recording only)
  --json                   one JSON document on stdout

Regression gate:
  --check <golden>         compare every estimate, counter and event with the golden file
  --tolerance <file>       per-field tolerances (JSON; default abs ${DEFAULT_TOLERANCE.abs}, rel ${DEFAULT_TOLERANCE.rel}: any change beyond float noise)
  --write-golden <golden>  write the golden file from this replay (after the check, when both are given)
  --junit <file>           write JUnit XML, one test case per recording
  --shard <k/n>            replay only part k of n (a stable split by name; one CI job per part, each
                           with its own --junit file; 'bms-edge gate merge' joins them)
  --jobs <n>               worker threads (default: every core, ${defaultWorkers()} here)
  -h, --help

Exit codes: 0 ok, 1 regression (value moved, recording new or missing), 2 usage,
3 unreadable recording or golden file.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      chemistry: { type: 'string' },
      ...PARAMS_OPTION,
      'rated-capacity': { type: 'string' },
      'series-cells': { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      check: { type: 'string' },
      tolerance: { type: 'string' },
      'write-golden': { type: 'string' },
      junit: { type: 'string' },
      jobs: { type: 'string' },
      shard: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

function gateError(err: unknown): never {
  if (err instanceof GateError) {
    const code = err.code === 'bad-param' || err.code === 'duplicate-key' || err.code === 'bad-shard' ? Exit.USAGE : Exit.BAD_INPUT;
    throw new CliError(err.message, code, { cause: err });
  }
  throw err;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length === 0) throw new CliError(`expected a recording, a folder or a glob\n${HELP}`, Exit.USAGE);
  const chem = values.chemistry as ChemistryName | undefined;
  if (chem !== undefined && !CHEMISTRIES.includes(chem)) throw new CliError(`unknown chemistry '${chem}' (one of ${CHEMISTRIES.join(', ')})`, Exit.USAGE);
  const job: JobOptions = { overrides: {} };
  if (chem) job.chemistry = chem;
  const rated = positiveNumber(values['rated-capacity'], '--rated-capacity');
  if (rated !== undefined) job.ratedCapacity_Ah = rated;
  const series = positiveNumber(values['series-cells'], '--series-cells');
  if (series !== undefined) job.seriesCells = Math.round(series);
  const jobs = positiveNumber(values.jobs, '--jobs');
  const cell = paramsOption(values.params, values.chemistry);
  let expansion: Expansion;
  try {
    job.overrides = parseParamOverrides(values.param as string[]);
    expansion = expandInputs(positionals);
  } catch (err) {
    gateError(err);
  }
  if (cell) Object.assign(job, withCell(job, cell));
  const gateMode = values.check !== undefined || values['write-golden'] !== undefined || values.junit !== undefined || values.tolerance !== undefined || values.shard !== undefined || jobs !== undefined || !expansion.single;
  if (!gateMode) return runOne(expansion.recordings[0]!.path, job, values.json, values.all);
  if (values.all) throw new CliError('--all applies to a single recording without gate options', Exit.USAGE);

  let report: GateReport;
  let tolerances = defaultTolerances();
  try {
    if (values.tolerance !== undefined) tolerances = loadTolerances(values.tolerance);
    const workers = Math.max(1, Math.round(jobs ?? defaultWorkers()));
    const gateRun: Parameters<typeof runGate>[0] = {
      recordings: expansion.recordings,
      options: job,
      tolerances,
      workers,
      progress: gateProgress(expansion.recordings.length, progressMode(values.json)),
    };
    if (values.check !== undefined) gateRun.check = values.check;
    if (values['write-golden'] !== undefined) gateRun.writeGolden = values['write-golden'];
    if (values.shard !== undefined) gateRun.shard = parseShard(values.shard);
    report = await runGate(gateRun);
  } catch (err) {
    gateError(err);
  }
  if (values.junit !== undefined) writeOutput(values.junit, gateJunit(report, new Date().toISOString().slice(0, 19)));
  if (values.json) console.log(JSON.stringify(gateJson(report, expansion.skipped, tolerancesJson(tolerances)), null, 2));
  else console.log(gateText(report, expansion.skipped));
  return report.exitCode;
}

/** Writes a report file, creating its folder (CI writes to reports/ that may not exist yet). */
function writeOutput(path: string, text: string): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as Error).message}`, Exit.BAD_INPUT, { cause: err });
  }
}

async function runOne(path: string, job: JobOptions, json: boolean, all: boolean): Promise<number> {
  let opts: Parameters<typeof replayRecording>[1] = {};
  if (job.chemistry) opts.chemistry = job.chemistry;
  if (job.ratedCapacity_Ah !== undefined) opts.ratedCapacity_Ah = job.ratedCapacity_Ah;
  if (job.seriesCells !== undefined) opts.seriesCells = job.seriesCells;
  if (Object.keys(job.overrides).length) opts.overrides = job.overrides;
  let result: ReplayResult;
  try {
    const { rec, seriesCells } = await readForGate(path, job);
    if (opts.seriesCells === undefined && seriesCells !== undefined) opts.seriesCells = seriesCells;
    if (job.chemistry === undefined) opts = withCell(opts, recordingCellBuild(path, rec.paramsFile)); // # params=cell.json
    const progress = progressReporter('replay', rec.samples.length / 4, json);
    opts.onProgress = progress.update;
    result = replayRecording(rec, opts);
    progress.stop();
  } catch (err) {
    if (err instanceof RecordingError || err instanceof CharacterizeError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    if (err instanceof CoreError) throw new CliError(err.message, err.code === 'wasm-missing' ? Exit.INTERNAL : Exit.USAGE, { cause: err });
    throw err;
  }
  if (json) console.log(JSON.stringify(toJson(result), null, 2));
  else console.log(toText(result, all));
  return Exit.OK;
}

export function toJson(r: ReplayResult): object {
  return {
    recording: r.recording,
    chemistry: r.chemistry,
    rated_capacity_Ah: r.ratedCapacity_Ah,
    cycles: r.cycles.map((c) => ({
      cycle: c.cycle,
      capacity_Ah: c.capacity_Ah,
      soh: c.soh,
      resistance_ohm: c.resistance_ohm,
      measured_capacity_Ah: c.measured_capacity_Ah,
      measured_resistance_ohm: c.measured_resistance_ohm,
      t_s: c.t_s,
      efc: c.efc,
    })),
    final: r.final,
    accuracy: r.accuracy,
    events: r.log.filter((l) => l.typeName === 'EVENT').map((l) => ({ seq: l.seq, t_s: l.t_s, event: EVENT_NAME[l.a] ?? String(l.a), value: l.b, count: l.c })),
    histograms: r.histograms,
    log: { records: r.log.length, lost: r.log_lost, crc_failures: r.log.filter((l) => !l.crcOk).length },
    digest: r.digest,
  };
}

const f = (x: number | null | undefined, d = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const hours = (s: number): string => `${(s / 3600).toFixed(1)} h`;

export function toText(r: ReplayResult, all: boolean): string {
  const s = r.final;
  const out: string[] = [];
  out.push(`${r.recording.name}: ${r.recording.format}, ${r.recording.samples} samples, ${r.recording.discharges} discharges; ${r.chemistry} preset, rated ${f(r.ratedCapacity_Ah, 3)} Ah`);
  if (r.recording.skipped_lines) out.push(`  ${r.recording.skipped_lines} malformed lines skipped`);
  if (r.cycles.length) {
    out.push('', ' cycle  capacity_Ah    SOH  measured_Ah   error_Ah  R25_ohm');
    const n = r.cycles.length;
    r.cycles.forEach((c, i) => {
      if (!all && !(i < 3 || i >= n - 3 || c.cycle % 20 === 0)) return;
      const err = c.measured_capacity_Ah === null ? null : c.capacity_Ah - c.measured_capacity_Ah;
      out.push(`${String(c.cycle).padStart(6)}  ${f(c.capacity_Ah).padStart(11)}  ${pct(c.soh).padStart(7)}  ${f(c.measured_capacity_Ah).padStart(11)}  ${f(err).padStart(9)}  ${f(c.resistance_ohm).padStart(7)}`);
    });
    if (!all) out.push('  (first, last and every 20th discharge; --all for every one)');
  }
  const a = r.accuracy;
  if (a.capacity_n) out.push('', `Capacity vs measured: RMSE ${f(a.capacity_rmse_Ah)} Ah, max |error| ${f(a.capacity_max_abs_err_Ah)} Ah over ${a.capacity_n} discharges (from cycle ${a.capacity_from_cycle})`);
  if (a.resistance_n) out.push(`Resistance vs measured (EIS Re + Rct): Pearson r = ${f(a.resistance_pearson, 3)} over ${a.resistance_n} discharges`);
  out.push(
    '',
    `SOC        ${pct(s.soc!)} +- ${pct(s.soc_sigma!)}`,
    `SOH        ${pct(s.soh!)}  (capacity ${f(s.capacity_Ah)} +- ${f(s.capacity_sigma_Ah)} Ah, ${s.capacity_updates} updates, ${s.capacity_gated} gated)`,
    `Resistance ${f(s.resistance_ohm)} ohm at 25 degC, ${f(s.resistance_ratio, 2)} x beginning of life (${f(s.resistance_bol_ohm)} ohm), ${s.resistance_updates} steps`,
    `Cycles     ${f(s.efc, 1)} equivalent full cycles; rainflow ${s.full_cycles} full + ${s.half_cycles} half (${f(s.efc_rainflow, 1)} EFC)`,
    `Throughput in ${f(s.chg_Ah, 2)} Ah / ${f(s.chg_Wh, 1)} Wh, out ${f(s.dis_Ah, 2)} Ah / ${f(s.dis_Wh, 1)} Wh`,
    `Thermal    ${hours(s.time_s!)} observed, ${hours(s.eq_time_25C_s!)} equivalent at 25 degC; ${f(s.temp_min_degC, 1)}..${f(s.temp_max_degC, 1)} degC; extreme high ${hours(s.extreme_high_s!)} (charging ${hours(s.chg_extreme_high_s!)}), low ${hours(s.extreme_low_s!)} (charging ${hours(s.chg_extreme_low_s!)})`,
  );
  const counts = new Map<string, number>();
  for (const l of r.log) if (l.typeName === 'EVENT') counts.set(EVENT_NAME[l.a] ?? '?', (counts.get(EVENT_NAME[l.a] ?? '?') ?? 0) + 1);
  out.push(`Events     ${s.events_total} negative events${counts.size ? ': ' + [...counts].map(([k, v]) => `${k} ${v}`).join(', ') : ''}`);
  out.push(`Input      ${s.accepted} accepted, ${s.rejected} rejected, ${s.gaps} gaps, ${s.clock_backwards} clock jumps back`);
  out.push(`Log        ${r.log.length} records read (${r.log_lost} lost, ${r.log.filter((l) => !l.crcOk).length} CRC failures)`);
  out.push(`Digest     ${r.digest}`);
  return out.join('\n');
}
