/**
 * bms-edge simulate: a virtual BMS. Either writes a recording (generic CSV with ground-truth
 * columns, as fast as the machine allows) or serves a wire protocol on a serial device / pty in
 * (scaled) real time, so `bms-edge monitor` talks to it as to a real unit.
 */
import { parseArgs } from 'node:util';
import { CliError, Exit } from '../exit-codes.ts';
import { SimError } from '../../sim/errors.ts';
import { GateError } from '../../gate/errors.ts';
import { parseParamOverrides } from '../../gate/params.ts';
import { parseFault, type Fault } from '../../sim/faults.ts';
import { makeProfile, parseSocWindow, PROFILE_NAMES, REFERENCE_DAYS_DEFAULT, type ProfileOptions } from '../../sim/profiles/index.ts';
import { scoreAtStart, type AtStartScore } from '../../sim/score.ts';
import { defaultConfig, Simulation, type ReferenceMeasurement, type SampleSink, type SimConfig } from '../../sim/simulation.ts';
import { ArraySink, csvHeader, CsvSink } from '../../sim/sinks.ts';
import { DEFAULT_SENSOR } from '../../sim/sensor.ts';
import { SerialBmsServer, SERVE_PROTOCOLS, type ServeProtocol } from '../../sim/wire/server.ts';
import { createPtyPair, type SimPty } from '../../sim/wire/pty.ts';

const HELP = `Usage: bms-edge simulate --out <file.csv|-> [options]          write a recording
       bms-edge simulate --score [--out <file.csv>] [options]        score the core against reference tests
       bms-edge simulate --serve <jbd|daly|jk-uart|slcan-pylon> (--pty | --port <path>) [options]   act as a BMS on a serial line

Pack:
  --chemistry <NMC|LFP>     cell chemistry (default NMC)
  --cells <N>               cells in series, 1..32 (default 16)
  --capacity-ah <Ah>        rated capacity (default 50)
  --seed <N>                PRNG seed; same seed and options = same recording, byte for byte (default 1)
  --initial-soc <0..1>      starting SOC (default 0.6)
  --ageing-scalar <x>       ageing acceleration over the published laws (default 1)
  --ambient-degC <T>        mean ambient temperature (default 22; +-3 daily, +-6 seasonal)
  --ideal-sensors           no noise, offset, jitter or dropouts
  --log-s <s>               logging interval at steady current (default 60; 1 s samples around steps)
  --fault <spec>            repeatable: overheat:cell=3,at=3600,W=20[,until=..]
                            overdischarge:cell=0,at=0,A=0.5   stuck:sensor=temperature|voltage|current,at=600
Profile:
  --profile <name>          ${PROFILE_NAMES.join(', ')} (default partial)
  --drive-file <path>       trace for the drive profile (e.g. fixtures/profiles/urban-highway.csv)
  --c-rate <x>              C-rate of the cc / cccv profiles (default 0.5)
  --soc-window <lo-hi>      SOC window of the window profile (default 0.2-0.8; never a full charge)
  --reference-days <N>      a reference capacity test every N days (full charge, discharge at
                            --reference-rate to the pack cut-off, measured_capacity_Ah on its last
                            row); default ${Object.entries(REFERENCE_DAYS_DEFAULT).map(([k, v]) => `${v} for ${k}`).join(', ')}, none for the others; 0 = none
  --reference-rate <C>      discharge rate of the reference tests (default 0.2 C, IEC 61960-3)
Recording:
  --out <file|->            write the generic CSV (t_s,voltage_V,current_A,temp_degC + true_soc,
                            true_capacity_Ah,true_resistance_ohm); '-' = stdout
  --days <N> | --duration-s <N>   simulated time to record (default 7 days)
  --core                    also run the WASM core inside the BMS and print its estimates vs truth
  --score                   replay the logged samples through a fresh core (the chemistry's preset)
                            and score the capacity it holds at the start of each reference test:
                            RMSE at start, persistence baseline, sigma coverage (needs reference tests)
  --param <name=value>      with --score: override one field of the core's parameter block
                            (repeatable, as replay --param), e.g. ocv_sigma_max=0.0001
  --speed <x>               pace the recording at x simulated seconds per wall second (a live log to
                            tail); default: as fast as the machine goes
Serving:
  --serve <protocol>        ${SERVE_PROTOCOLS.join(', ')} (the core runs inside the BMS for SOC/capacity)
  --pty                     create a socat pty pair and print the path to give the monitor
  --port <path>             serve on this existing serial device / pty end instead
  --speed <x>               simulated seconds per wall second (default 1)
  --duration-s <N>          stop after N wall seconds (default: until Ctrl-C)
  --json                    one JSON summary document on stdout (recording to a file only)
  -h, --help

Exit codes: 0 ok, 2 usage, 3 unreadable drive file, 4 port problem.`;

/** Passes every sample and reference to each sink. */
class TeeSink implements SampleSink {
  constructor(private readonly sinks: SampleSink[]) {}
  sample(t: number, v: number, i: number, temp: number, soc: number, cap: number, r: number): void {
    for (const s of this.sinks) s.sample(t, v, i, temp, soc, cap, r);
  }
  reference(m: ReferenceMeasurement): void {
    for (const s of this.sinks) s.reference?.(m);
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        chemistry: { type: 'string' }, cells: { type: 'string' }, 'capacity-ah': { type: 'string' }, seed: { type: 'string' },
        'initial-soc': { type: 'string' }, 'ageing-scalar': { type: 'string' }, 'ambient-degC': { type: 'string' },
        'ideal-sensors': { type: 'boolean', default: false }, 'log-s': { type: 'string' }, fault: { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' }, 'drive-file': { type: 'string' }, 'c-rate': { type: 'string' },
        'soc-window': { type: 'string' }, 'reference-days': { type: 'string' }, 'reference-rate': { type: 'string' }, score: { type: 'boolean', default: false },
        param: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' }, days: { type: 'string' }, 'duration-s': { type: 'string' }, core: { type: 'boolean', default: false },
        serve: { type: 'string' }, pty: { type: 'boolean', default: false }, port: { type: 'string' }, speed: { type: 'string' },
        json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${HELP}`, Exit.USAGE, { cause: err });
  }
}

function num(v: string | undefined, name: string, lo: number, hi: number, int = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi || (int && !Number.isInteger(n))) throw new CliError(`--${name} must be ${int ? 'an integer' : 'a number'} in [${lo}, ${hi}], got '${v}'`, Exit.USAGE);
  return n;
}

function simError(err: unknown): never {
  if (err instanceof SimError) throw new CliError(err.message, err.code === 'io' ? Exit.BAD_INPUT : Exit.USAGE, { cause: err });
  throw err;
}

type Values = ReturnType<typeof parse>['values'];

function buildConfig(o: Values, core: boolean): SimConfig {
  const chem = (o.chemistry ?? 'NMC').toUpperCase();
  if (chem !== 'NMC' && chem !== 'LFP') throw new CliError(`--chemistry must be NMC or LFP, got '${o.chemistry}'`, Exit.USAGE);
  let faults: Fault[];
  try {
    faults = (o.fault as string[]).map(parseFault);
  } catch (err) {
    simError(err);
  }
  const cfg = defaultConfig({ chemistry: chem, faults, core });
  cfg.seriesCells = num(o.cells, 'cells', 1, 32, true) ?? cfg.seriesCells;
  cfg.ratedCapacity_Ah = num(o['capacity-ah'], 'capacity-ah', 0.1, 650) ?? cfg.ratedCapacity_Ah;
  cfg.seed = num(o.seed, 'seed', 0, 0xffffffff, true) ?? cfg.seed;
  cfg.initialSoc = num(o['initial-soc'], 'initial-soc', 0, 1) ?? cfg.initialSoc;
  cfg.ageingScalar = num(o['ageing-scalar'], 'ageing-scalar', 0, 100) ?? cfg.ageingScalar;
  cfg.ambient = { ...cfg.ambient, mean_degC: num(o['ambient-degC'], 'ambient-degC', -40, 60) ?? cfg.ambient.mean_degC };
  const log_s = num(o['log-s'], 'log-s', 1, 3600);
  if (log_s !== undefined) cfg.sampling = { ...cfg.sampling, base_s: log_s };
  if (o['ideal-sensors']) {
    cfg.sensor = { ...DEFAULT_SENSOR, cellNoise_V: 0, cellOffset_V: 0, currentGain: 0, currentOffset_C: 0, currentNoise_C: 0, tempNoise_degC: 0 };
    cfg.sampling = { ...cfg.sampling, jitter_s: 0, dropout: 0, outagesPerDay: 0 };
  }
  return cfg;
}

export async function run(args: string[]): Promise<number> {
  const { values: o } = parse(args);
  if (o.help) {
    console.log(HELP);
    return Exit.OK;
  }
  if ((o.out === undefined && !o.score) === (o.serve === undefined)) throw new CliError(`give exactly one of --out <file> / --score or --serve <protocol>\n${HELP}`, Exit.USAGE);
  const serving = o.serve !== undefined;
  const cfg = buildConfig(o, serving || o.core);
  let sim: Simulation;
  try {
    const opts: ProfileOptions = {};
    const cRate = num(o['c-rate'], 'c-rate', 0.01, 5);
    if (cRate !== undefined) opts.cRate = cRate;
    if (o['drive-file'] !== undefined) opts.driveFile = o['drive-file'];
    if (o['soc-window'] !== undefined) opts.socWindow = parseSocWindow(o['soc-window']);
    const refDays = num(o['reference-days'], 'reference-days', 0, 3650);
    if (refDays !== undefined) opts.referenceDays = refDays;
    const refRate = num(o['reference-rate'], 'reference-rate', 0.01, 3);
    if (refRate !== undefined) opts.referenceRate_C = refRate;
    const profile = makeProfile(o.profile ?? 'partial', opts);
    sim = new Simulation(cfg, profile);
  } catch (err) {
    simError(err);
  }
  if (serving) return serve(sim, o);
  return record(sim, cfg, o);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function record(sim: Simulation, cfg: SimConfig, o: Values): Promise<number> {
  const overrides = paramOverrides(o); // checked before the run, not after it
  const duration_s = num(o['duration-s'], 'duration-s', 1, 100 * 365 * 86400) ?? (num(o.days, 'days', 0.001, 36500) ?? 7) * 86400;
  if (o.out === '-' && o.json) throw new CliError('--json needs --out <file> (stdout carries the CSV)', Exit.USAGE);
  const header = csvHeader({
    chemistry: cfg.chemistry, rated_Ah: cfg.ratedCapacity_Ah, seriesCells: cfg.seriesCells,
    extra: { seed: cfg.seed, profile: sim.profile.name, ageing_scalar: cfg.ageingScalar, ambient_degC: cfg.ambient.mean_degC, faults: cfg.faults.length },
  });
  let sink: CsvSink | undefined;
  try {
    if (o.out !== undefined) sink = new CsvSink(o.out === '-' ? (c) => process.stdout.write(c) : o.out, header);
  } catch (err) {
    simError(err);
  }
  const kept = o.score ? new ArraySink() : undefined;
  sim.sink = kept && sink ? new TeeSink([sink, kept]) : (kept ?? sink);
  const speed = num(o.speed, 'speed', 1e-3, 1e9);
  const t0 = performance.now();
  const DAY = 86400;
  if (speed === undefined) {
    while (sim.t_s < duration_s) sim.advanceTo(Math.min(duration_s, sim.t_s + DAY));
  } else {
    // paced: advance to where the wall clock says, flush, sleep a little; the content does not depend on the pace
    while (sim.t_s < duration_s) {
      sim.advanceTo(Math.min(duration_s, ((performance.now() - t0) / 1000) * speed));
      sink?.flush();
      await sleep(100);
    }
  }
  sink?.close();
  let score: AtStartScore | undefined;
  if (kept) {
    if (sim.references.length < 2) throw new CliError(`--score needs at least 2 reference tests, got ${sim.references.length} (give --reference-days and enough --days)`, Exit.USAGE);
    score = scoreAtStart(kept.samples.subarray(0, 4 * kept.n), sim.references, { chemistry: cfg.chemistry, ratedCapacity_Ah: cfg.ratedCapacity_Ah, seriesCells: cfg.seriesCells, overrides });
  }
  const wall_s = (performance.now() - t0) / 1000;
  const p = sim.pack;
  const snap = sim.firmware.snapshot();
  const result = {
    out: o.out, simulated_s: Math.round(sim.t_s), samples: sim.samples, dropped: sim.dropped, wall_s: Number(wall_s.toFixed(3)),
    speedup: Math.round(sim.t_s / Math.max(wall_s, 1e-6)),
    truth: { soc: p.trueSoc(), capacity_Ah: p.trueCapacity_Ah(), resistance_ohm: p.trueResistance_ohm(), soh: p.trueCapacity_Ah() / cfg.ratedCapacity_Ah },
    protection_trips: sim.firmware.trips,
    reference_tests: sim.references.length, reference_tests_aborted: sim.referencesAborted,
    ...(score ? { score: { ...score, rows: score.rows } } : {}),
    ...(snap ? { core: { soc: snap.soc, capacity_Ah: snap.capacity_Ah, soh: snap.soh, resistance_ohm: snap.resistance_ohm, resistance_updates: snap.resistance_updates, capacity_updates: snap.capacity_updates } } : {}),
  };
  if (o.json) {
    console.log(JSON.stringify(result));
  } else if (o.out !== '-') {
    if (score) printScore(score, cfg);
    console.log(`simulated ${(sim.t_s / DAY).toFixed(1)} days of a ${cfg.seriesCells}s ${cfg.chemistry} ${cfg.ratedCapacity_Ah} Ah pack (${sim.profile.name}, seed ${cfg.seed}) in ${wall_s.toFixed(2)} s (x${result.speedup})`);
    console.log(`${sim.samples} samples${o.out ? ` to ${o.out}` : ''} (${sim.dropped} dropped), ${sim.firmware.trips} protection trips, ${sim.references.length} reference tests (${sim.referencesAborted} aborted)`);
    console.log(`truth at end: SOC ${(result.truth.soc * 100).toFixed(1)} %, capacity ${result.truth.capacity_Ah.toFixed(2)} Ah (SOH ${(result.truth.soh * 100).toFixed(1)} %), R ${(result.truth.resistance_ohm * 1000).toFixed(3)} mOhm per cell`);
    if (snap) console.log(`core in BMS:  SOC ${(snap.soc! * 100).toFixed(1)} %, capacity ${snap.capacity_Ah!.toFixed(2)} Ah (SOH ${(snap.soh! * 100).toFixed(1)} %), R ${(snap.resistance_ohm! * 1000).toFixed(3)} mOhm`);
  }
  return Exit.OK;
}

function paramOverrides(o: Values): Record<string, number> {
  try {
    return parseParamOverrides(o.param as string[]);
  } catch (err) {
    if (err instanceof GateError) throw new CliError(err.message, Exit.USAGE, { cause: err });
    throw err;
  }
}

function printScore(s: AtStartScore, cfg: SimConfig): void {
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  console.log(`capacity at the start of ${s.n} reference tests (${cfg.chemistry} preset, rated ${cfg.ratedCapacity_Ah} Ah):`);
  console.log(`  core RMSE ${s.rmse_Ah.toFixed(3)} Ah (${pct(s.rmse_frac)} of rated), max |error| ${s.max_abs_err_Ah.toFixed(3)} Ah`);
  console.log(`  persistence (previous reference) RMSE ${s.baseline_rmse_Ah.toFixed(3)} Ah (${pct(s.baseline_rmse_frac)})`);
  console.log(`  sigma coverage: ${pct(s.within2sigma)} within 2 sigma (bar >= 85 %), ${pct(s.beyond4sigma)} beyond 4 sigma (bar <= 5 %)`);
  console.log(`  measured capacity ${s.first_measured_Ah.toFixed(2)} -> ${s.last_measured_Ah.toFixed(2)} Ah`);
}

async function serve(sim: Simulation, o: Values): Promise<number> {
  const protocol = o.serve as ServeProtocol;
  if (!SERVE_PROTOCOLS.includes(protocol)) throw new CliError(`--serve must be one of ${SERVE_PROTOCOLS.join(', ')}, got '${o.serve}'`, Exit.USAGE);
  if (o.pty === (o.port !== undefined)) throw new CliError('with --serve give exactly one of --pty or --port <path>', Exit.USAGE);
  const speed = num(o.speed, 'speed', 1e-3, 1e7) ?? 1;
  const wall_s = num(o['duration-s'], 'duration-s', 0.1, 1e9);
  let pty: SimPty | undefined;
  let path = o.port as string | undefined;
  try {
    if (o.pty) {
      pty = await createPtyPair();
      path = pty.bms;
    }
    const server = new SerialBmsServer(sim, { path: path!, protocol, speed, onError: (e) => console.error(`bms-edge simulate: ${e.message}`) });
    await server.start();
    console.log(pty ? `serving ${protocol} as a ${sim.cfg.seriesCells}s ${sim.cfg.chemistry} pack; connect with:\n  bms-edge monitor --protocol ${protocol} --port ${pty.host}` : `serving ${protocol} on ${path}`);
    await new Promise<void>((resolve) => {
      const done = (): void => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      if (wall_s !== undefined) setTimeout(done, wall_s * 1000).unref();
    });
    await server.stop();
    console.log(`served ${server.requests} requests; simulated ${sim.t_s.toFixed(0)} s`);
  } catch (err) {
    if (err instanceof SimError) throw new CliError(err.message, Exit.DEVICE, { cause: err });
    throw err;
  } finally {
    await pty?.close();
  }
  return Exit.OK;
}
