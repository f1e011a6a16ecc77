/**
 * The simulation loop: asks the profile for commands, turns each into steps of the pack model
 * (1 s around every current change and just before every planned one, `cv_s` during a CV taper,
 * `base_s` otherwise), runs the sensors and the firmware after every step, and hands the samples
 * that survive jitter and dropouts to a sink together with the ground truth (pack.ts).
 *
 * Logging rule (as an event-driven BMS logger): a sample at least every `base_s`, and 1 s samples
 * from 2 s before to `fastWindow_s` after any current change, so a resistance step always has a
 * stable sample <= 2 s before it. Same config and seed => the same samples, bit for bit.
 */
import { ambientAt, type AmbientSpec } from './ambient.ts';
import { cellChemistry, type CellChemistry } from './chemistry.ts';
import { SimError } from './errors.ts';
import { activeAt, type Fault } from './faults.ts';
import { Firmware } from './firmware.ts';
import { Pack, type PackSpread } from './pack.ts';
import { Prng } from './prng.ts';
import type { CcCommand, CcCvCommand, Command, Profile, ProfileContext, TraceCommand } from './profiles/command.ts';
import { DEFAULT_SENSOR, Sensors, type Reading, type SensorSpec } from './sensor.ts';

export type SimChemistry = 'NMC' | 'LFP';

export interface SamplingSpec {
  base_s: number;
  fast_s: number;
  fastWindow_s: number;
  cv_s: number;
  /** Uniform jitter of each sample time, +- s (at most 20 % of the step). */
  jitter_s: number;
  /** Probability that one sample is lost. */
  dropout: number;
  /** Outages (logger down) per day, and their maximum length, s (uniform 5 min .. max). */
  outagesPerDay: number;
  outageMax_s: number;
}

export interface SimConfig {
  chemistry: SimChemistry;
  seriesCells: number;
  ratedCapacity_Ah: number;
  seed: number;
  capacityFactor: number;
  spread: PackSpread;
  initialSoc: number;
  ageingScalar: number;
  ambient: AmbientSpec;
  sensor: SensorSpec;
  sampling: SamplingSpec;
  faults: Fault[];
  balanceCurrent_C: number;
  /** Run the WASM core inside the simulated BMS. */
  core: boolean;
  /** Changes to the chemistry's cell model (e.g. { hystM_V: 0 } to switch hysteresis off). */
  cellOverrides?: Partial<CellChemistry>;
}

export function defaultConfig(over: Partial<SimConfig> = {}): SimConfig {
  return {
    chemistry: 'NMC',
    seriesCells: 16,
    ratedCapacity_Ah: 50,
    seed: 1,
    capacityFactor: 1.0,
    spread: { capacity: 0.01, resistance: 0.04, selfDischarge: 0.3, ageing: 0.1 },
    initialSoc: 0.6,
    ageingScalar: 1,
    ambient: { mean_degC: 22, dailyAmp_degC: 3, seasonalAmp_degC: 6 },
    sensor: DEFAULT_SENSOR,
    sampling: { base_s: 60, fast_s: 1, fastWindow_s: 5, cv_s: 10, jitter_s: 0.1, dropout: 0.001, outagesPerDay: 0.05, outageMax_s: 3600 },
    faults: [],
    balanceCurrent_C: 0.002,
    core: false,
    ...over,
  };
}

/** Receives every logged sample: the measurement and the ground truth at that instant. */
export interface SampleSink {
  sample(t_s: number, voltage_V: number, current_A: number, temp_degC: number, trueSoc: number, trueCapacity_Ah: number, trueResistance_ohm: number): void;
  /** A reference capacity test ended with the last logged sample. */
  reference?(m: ReferenceMeasurement): void;
}

/**
 * One reference capacity test (the ground truth of the score): a constant-current discharge from
 * full to the mean cell reaching the cut-off, its charge counted by the lab's exact meter (the true
 * current, not the BMS sensor) and interpolated to the instant the cut-off is crossed.
 */
export interface ReferenceMeasurement {
  /** Index of the first and the last logged sample of the discharge. */
  startIndex: number;
  endIndex: number;
  t_start_s: number;
  t_end_s: number;
  measured_capacity_Ah: number;
  rate_C: number;
  /** Mean cell temperature over the discharge, degC. */
  temp_mean_degC: number;
  /** The charge capacity of the pack then (true_capacity_Ah; the delivered one is smaller). */
  true_capacity_Ah: number;
}

/** Time a CC command ends this close before its end is approached with 1 s steps from here, s. */
const LEAD_S = 2;
/** Step length within 0.2 V of a voltage cut-off, s. */
const CUTOFF_STEP_S = 10;

export class Simulation {
  readonly pack: Pack;
  readonly sensors: Sensors;
  readonly firmware: Firmware;
  readonly chem: CellChemistry;
  t_s = 0;
  samples = 0;
  dropped = 0;
  steps = 0;
  /** The last measurement (also for samples that were dropped from the log). */
  reading: Reading;
  /** The current flowing now (after the FETs), A. */
  current_A = 0;
  sink: SampleSink | undefined;
  /** Completed reference tests, and those cut short (protection, time limit) and not counted. */
  readonly references: ReferenceMeasurement[] = [];
  referencesAborted = 0;
  /** The last CC-CV charge ended full: by its taper or the first cell's over-voltage (a reference test needs one). */
  private lastChargeFull = false;
  private readonly rng: Prng;
  private readonly profileRng: Prng;
  private readonly gen: Generator<void, void, void>;
  private fastUntil_s = -1;
  private outageUntil_s = -1;
  private lastI_A = 0;
  private readonly ctx: ProfileContext;

  constructor(readonly cfg: SimConfig, readonly profile: Profile) {
    if (!Number.isInteger(cfg.seriesCells) || cfg.seriesCells < 1 || cfg.seriesCells > 32) throw new SimError(`series cells must be 1..32, got ${cfg.seriesCells}`, 'bad-config');
    if (!(cfg.ratedCapacity_Ah > 0)) throw new SimError(`rated capacity must be > 0, got ${cfg.ratedCapacity_Ah}`, 'bad-config');
    if (!(cfg.sampling.base_s >= cfg.sampling.fast_s && cfg.sampling.fast_s > 0)) throw new SimError('sampling: need base_s >= fast_s > 0', 'bad-config');
    const root = new Prng(cfg.seed);
    this.chem = { ...cellChemistry(cfg.chemistry), ...cfg.cellOverrides };
    this.pack = new Pack({
      chem: this.chem, seriesCells: cfg.seriesCells, ratedCapacity_Ah: cfg.ratedCapacity_Ah, capacityFactor: cfg.capacityFactor,
      spread: cfg.spread, initialSoc: cfg.initialSoc, initialTemp_degC: ambientAt(cfg.ambient, 0), ageingScalar: cfg.ageingScalar,
    }, root.fork());
    this.sensors = new Sensors(cfg.sensor, cfg.seriesCells, cfg.ratedCapacity_Ah, root.fork());
    this.rng = root.fork();
    this.profileRng = root.fork();
    this.firmware = new Firmware(this.chem, cfg.seriesCells, cfg.ratedCapacity_Ah, {
      balanceCurrent_A: cfg.balanceCurrent_C * cfg.ratedCapacity_Ah, balanceDelta_V: 0.01, core: cfg.core, coreChemistry: cfg.chemistry,
    });
    this.ctx = { t_s: 0, soc: 0, rated_Ah: cfg.ratedCapacity_Ah, seriesCells: cfg.seriesCells, chargeVoltage_V: this.chem.chargeVoltage_V, taper_C: this.chem.taper_C, cellCutoff_V: this.chem.referenceCutoff_V, rng: this.profileRng };
    this.reading = this.sensors.read(this.pack, 0);
    this.gen = this.loop();
  }

  /** Runs until simulated time reaches `t_end_s` (the last step may pass it by up to base_s). */
  advanceTo(t_end_s: number): void {
    while (this.t_s < t_end_s) this.gen.next();
  }

  private *loop(): Generator<void, void, void> {
    for (;;) {
      this.ctx.t_s = this.t_s;
      this.ctx.soc = this.pack.trueSoc();
      const cmd: Command = this.profile.next(this.ctx);
      const before = this.steps;
      if (cmd.kind === 'cc') yield* this.runCc(cmd);
      else if (cmd.kind === 'cccv') yield* this.runCcCv(cmd);
      else yield* this.runTrace(cmd);
      if (this.steps === before) {
        // the command ended before its first step (stop condition met, protection): rest one step
        this.doStep(this.cfg.sampling.base_s, 0);
        yield;
      }
    }
  }

  private meanCellV(): number {
    return this.pack.packVoltage_V() / this.pack.n;
  }

  private *runCc(cmd: CcCommand): Generator<void, void, void> {
    const s = this.cfg.sampling;
    let elapsed = 0;
    const i = cmd.current_A;
    const cutoff = cmd.stopCellVBelow;
    const startIndex = this.samples, t0 = this.t_s;
    const fromFull = this.lastChargeFull;
    let charge_Ah = 0, tempSum = 0, done = false;
    while (elapsed < cmd.max_s - 1e-6) {
      const soc = this.pack.trueSoc();
      if (cmd.stopSocBelow !== undefined && soc <= cmd.stopSocBelow) return;
      if (cmd.stopSocAbove !== undefined && soc >= cmd.stopSocAbove) return;
      if (i !== 0 && this.firmware.allow(i) === 0) break;
      let rem = cmd.max_s - elapsed;
      if (i > 0 && cmd.stopSocBelow !== undefined) rem = Math.min(rem, ((soc - cmd.stopSocBelow) * 3600 * this.pack.trueCapacity_Ah()) / i);
      if (i < 0 && cmd.stopSocAbove !== undefined) rem = Math.min(rem, ((cmd.stopSocAbove - soc) * 3600 * this.pack.trueCapacity_Ah()) / -i);
      let dt = this.t_s < this.fastUntil_s ? s.fast_s : s.base_s;
      if (rem <= dt + LEAD_S) dt = rem > LEAD_S + s.fast_s ? rem - LEAD_S : s.fast_s;
      dt = Math.min(dt, cmd.max_s - elapsed);
      const vBefore = this.meanCellV();
      // approach a voltage cut-off in short steps (the capacity is interpolated to the crossing)
      if (cutoff !== undefined && vBefore - cutoff < 0.2) dt = Math.min(dt, CUTOFF_STEP_S);
      const step = this.doStep(dt, i);
      elapsed += step;
      const stepAh = (this.current_A * step) / 3600;
      tempSum += this.pack.meanTemp() * step;
      const v = this.meanCellV();
      if (cutoff !== undefined && v <= cutoff) {
        charge_Ah += stepAh * Math.min(1, Math.max(0, (vBefore - cutoff) / Math.max(1e-9, vBefore - v)));
        done = true;
        yield;
        break;
      }
      charge_Ah += stepAh;
      yield;
    }
    if (!cmd.reference) return;
    if (!done || !fromFull || this.samples <= startIndex) {
      this.referencesAborted++;
      return;
    }
    const m: ReferenceMeasurement = {
      startIndex, endIndex: this.samples - 1, t_start_s: t0, t_end_s: this.t_s, measured_capacity_Ah: charge_Ah, rate_C: i / this.cfg.ratedCapacity_Ah,
      temp_mean_degC: tempSum / Math.max(1e-9, this.t_s - t0), true_capacity_Ah: this.pack.trueCapacity_Ah(),
    };
    this.references.push(m);
    this.sink?.reference?.(m);
  }

  private *runCcCv(cmd: CcCvCommand): Generator<void, void, void> {
    const s = this.cfg.sampling;
    const target = cmd.cellVoltage_V * this.pack.n;
    let elapsed = 0;
    let inCv = false;
    this.lastChargeFull = false;
    while (elapsed < cmd.max_s - 1e-6) {
      if (cmd.stopSocAbove !== undefined && this.pack.trueSoc() >= cmd.stopSocAbove) return;
      if (!this.firmware.chargeAllowed) {
        // a BMS ends a pack's charge when its first cell reaches the over-voltage limit: full too
        this.lastChargeFull = this.firmware.active.size === 1 && this.firmware.active.has('cell_overvoltage');
        return;
      }
      let dt = this.t_s < this.fastUntil_s ? s.fast_s : inCv ? s.cv_s : s.base_s;
      // short steps near the top (a numerical choice: the end of an OCV curve can be steep, LFP's is)
      if (this.pack.maxSoc() > 0.97 || this.pack.packVoltage_V() > target - 0.05 * this.pack.n) dt = Math.min(dt, s.cv_s);
      dt = Math.min(dt, cmd.max_s - elapsed);
      const iCv = this.pack.cvCurrent(dt, target);
      inCv = iCv > -cmd.chargeCurrent_A;
      const i = Math.max(-cmd.chargeCurrent_A, Math.min(0, iCv));
      if (inCv && -i < cmd.taper_A) {
        this.lastChargeFull = true;
        return;
      }
      elapsed += this.doStep(dt, i);
      yield;
    }
  }

  private *runTrace(cmd: TraceCommand): Generator<void, void, void> {
    for (let k = 0; k < cmd.current_A.length; k++) {
      if (cmd.stopSocBelow !== undefined && this.pack.trueSoc() <= cmd.stopSocBelow) return;
      const i = cmd.current_A[k]!;
      if (i !== 0 && this.firmware.allow(i) === 0) return;
      this.doStep(cmd.dt_s, i);
      yield;
    }
  }

  private applyFaults(): void {
    const p = this.pack;
    p.heat_W.fill(0);
    this.sensors.stuck.clear();
    for (const f of this.cfg.faults) {
      if (!activeAt(f, this.t_s)) continue;
      if (f.kind === 'overheat') p.heat_W[f.cell % p.n] = f.power_W;
      else if (f.kind === 'overdischarge') p.bleed_A[f.cell % p.n] = p.bleed_A[f.cell % p.n]! + f.leak_A;
      else this.sensors.stuck.add(f.sensor);
    }
  }

  /** One step of nominal length dt_s with requested current; returns the actual step length. */
  private doStep(dtNominal_s: number, requested_A: number): number {
    const s = this.cfg.sampling;
    const i = this.firmware.allow(requested_A);
    // a current change is logged 1 s after the last sample (the logger samples on change)
    if (Math.abs(i - this.lastI_A) > 0.02 * this.cfg.ratedCapacity_Ah) dtNominal_s = Math.min(dtNominal_s, s.fast_s);
    const j = Math.min(s.jitter_s, 0.2 * dtNominal_s);
    const dt = j > 0 ? dtNominal_s + j * (2 * this.rng.uniform() - 1) : dtNominal_s;
    if (this.cfg.faults.length) this.applyFaults();
    this.pack.step(dt, i, ambientAt(this.cfg.ambient, this.t_s + dt / 2));
    this.t_s += dt;
    this.steps++;
    this.current_A = i;
    const r = this.sensors.read(this.pack, i);
    this.reading = r;
    this.firmware.update(this.t_s, r, this.pack.bleed_A);
    if (Math.abs(i - this.lastI_A) > 0.02 * this.cfg.ratedCapacity_Ah) this.fastUntil_s = this.t_s + s.fastWindow_s;
    this.lastI_A = i;
    this.log(dt, r);
    return dt;
  }

  private log(dt_s: number, r: Reading): void {
    const s = this.cfg.sampling;
    if (this.t_s < this.outageUntil_s) { this.dropped++; return; }
    if (s.outagesPerDay > 0 && this.rng.uniform() < (s.outagesPerDay * dt_s) / 86400) {
      this.outageUntil_s = this.t_s + this.rng.range(300, Math.max(300, s.outageMax_s));
      this.dropped++;
      return;
    }
    if (s.dropout > 0 && this.rng.uniform() < s.dropout) { this.dropped++; return; }
    this.samples++;
    const p = this.pack;
    this.sink?.sample(this.t_s, r.pack_V, r.current_A, r.temp_degC, p.trueSoc(), p.trueCapacity_Ah(), p.trueResistance_ohm());
  }
}
