/**
 * Gathers the evidence for grading a recording or record: capacity and resistance from its history
 * (measured where the recording has ground truth, else the core's estimates), negative events from
 * the core's replay of the samples, and twin projections from the calibrated state under a grid and
 * a light-duty scenario.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TwinCore } from '../twin/wasm.ts';
import { loadHistory, historyUntil, openRecordFile, type History } from '../twin/history.ts';
import type { Calibration } from '../twin/calibrate.ts';
import { calibrateFor, defaultModel } from '../twin/select.ts';
import { bracketFromSoh } from '../twin/bracket.ts';
import type { ModelName } from '../twin/wasm.ts';
import { projectCalibrated } from '../twin/project.ts';
import { NAMED_SCENARIOS } from '../twin/scenarios.ts';
import { replayPath } from '../twin/replayed.ts';
import type { CellBuild } from '../characterize/cell-file.ts';
import { deviceViewFromRecord, type DeviceView } from '../twin/record.ts';
import { TwinError } from '../twin/errors.ts';
import { EventType } from '../../layout/core-layout.ts';
import { DEFAULT_GRADE_PARAMS, type GradeParams } from './params.ts';
import type { Evidence } from './evidence.ts';

/** Target scenarios of the two reuse grades (algorithms.md §6.6 profiles). */
export const GRID_SCENARIO = 'storage-25';
export const LIGHT_SCENARIO = 'ups-25';

export interface Assessment {
  evidence: Evidence;
  history: History;
  calibration: Calibration | null;
  /** The device's view: the core's replay of the recording, or the record's content. */
  replay: DeviceView | null;
}

/**
 * The device's own view up to until_s: the core's replay of a recording, or the content of a record
 * file; null for a History JSON (no device data).
 */
function deviceView(path: string, history: History, until_s?: number, cell?: CellBuild): DeviceView | null {
  const isNasa = statSync(path).isDirectory() && existsSync(join(path, 'life.csv.gz'));
  if (isNasa || /\.csv$/i.test(path)) return replayPath(path, until_s, cell);
  const isRecord = /\.cbor$/i.test(path) || (/\.json$/i.test(path) && !isHistoryFile(path));
  if (!isRecord) return null;
  const v = deviceViewFromRecord(openRecordFile(path));
  if (until_s === undefined) return v;
  return { ...v, log: v.log.filter((l) => l.t_s < until_s), cycles: v.cycles.filter((c) => c.t_s < until_s && c.cycle <= history.points.length) };
}

function isHistoryFile(path: string): boolean {
  try {
    const x = JSON.parse(readFileSync(path, 'utf8')) as { points?: unknown };
    return Array.isArray(x.points);
  } catch {
    return false;
  }
}

/**
 * Events of the given types whose worst value (log EVENT b) passes `keep`. The core's deep-discharge
 * limit is already its safety tier; over-voltage and over-temperature are counted at operating
 * limits, so only those beyond the MSL margin count here. Voltages outside the plausible window are
 * sensor glitches.
 */
function countEvents(r: DeviceView, types: number[], keep: (worst: number) => boolean): number {
  return r.log.filter((l) => l.typeName === 'EVENT' && types.includes(l.a) && keep(l.b)).length;
}

/**
 * Sensor glitches, counted apart from events: the core's GLITCH records (an unconfirmed excursion of
 * one or two samples at rest, assembly/estimators/events.ts) and voltage events whose worst reading
 * lies outside the plausible window.
 */
function sensorGlitches(r: DeviceView, p: GradeParams): number {
  const voltage: number[] = [EventType.OVER_VOLTAGE, EventType.UNDER_VOLTAGE, EventType.DEEP_DISCHARGE];
  const implausible = r.log.filter((l) => l.typeName === 'EVENT' && voltage.includes(l.a) && (l.b < p.glitchVoltageMin_V.value || l.b > p.glitchVoltageMax_V.value));
  return r.log.filter((l) => l.typeName === 'GLITCH').length + implausible.length;
}

function eventCounts(r: DeviceView, p: GradeParams) {
  const plausible = (v: number) => v >= p.glitchVoltageMin_V.value && v <= p.glitchVoltageMax_V.value;
  const vMax = Number(r.params.lim_v_max_V ?? 4.25);
  const tMax = Number(r.params.lim_t_max_degC ?? 60);
  return {
    deep: countEvents(r, [EventType.DEEP_DISCHARGE], plausible),
    overVoltage: countEvents(r, [EventType.OVER_VOLTAGE], (v) => plausible(v) && v >= vMax + p.overVoltageMslMargin_V.value),
    overTemperature: countEvents(r, [EventType.OVER_TEMPERATURE, EventType.CHARGE_OVER_TEMPERATURE], (t) => t >= tMax + p.overTemperatureMslMargin_degC.value),
  };
}

/** Evidence from `path`, optionally as it stood at discharge `untilCycle` (history and events cut there). */
/** BLAST model for a bracket: the chemistry's default, NMC B1 for cells without one. */
function bracketModel(chemistry: string): ModelName {
  const m = defaultModel(chemistry);
  return m === 'empirical' ? 'nmcB1' : m;
}

export interface AssessOptions {
  /** Grade on the lab's measurements the input carries instead of the device's own estimates. */
  labTruth?: boolean;
  /** A cell file's parameters for the replay (--params). */
  cell?: CellBuild;
}

export function assess(path: string, params: GradeParams = DEFAULT_GRADE_PARAMS, untilCycle?: number, opts: AssessOptions = {}): Assessment {
  const full = loadHistory(path, { labTruth: opts.labTruth === true, ...(opts.cell ? { cell: opts.cell } : {}) });
  const history = historyUntil(full, untilCycle);
  // The device as it stood when the next discharge of the full history began.
  const cutoff_s = full.points[history.points.length]?.t_s;
  const replay = deviceView(path, history, cutoff_s, opts.cell);
  const rated = history.ratedCapacity_Ah;
  const caps = history.points.filter((p) => p.capacity_Ah !== null);
  const last = caps[caps.length - 1];
  const measured = last?.capacity_measured === true;
  const res = history.points.filter((p) => p.resistance_ohm !== null);
  const core = new TwinCore();
  let calibration: Calibration | null = null;
  try {
    calibration = calibrateFor(core, history);
  } catch (err) {
    if (!(err instanceof TwinError && err.code === 'BAD_HISTORY')) throw err;
  }
  const sohNow = last ? last.capacity_Ah! / rated : null;
  const project = (name: string) => {
    const s = NAMED_SCENARIOS[name]!;
    if (!calibration) {
      // No usable history: bracket the split of today's loss between calendar and cycling (§6.6 (2)).
      if (sohNow === null || !(sohNow > 0 && sohNow <= 1)) return null;
      const model = bracketModel(history.chemistry);
      const b = bracketFromSoh(model, sohNow, s, [params.projectionSoh.value]);
      const efcs = [b.allCalendar[0]!.efc, b.allCycling[0]!.efc];
      const efc = efcs.some((e) => e === null) ? (efcs.find((e) => e !== null) ?? null) : Math.min(efcs[0]!, efcs[1]!);
      return { scenario: `${name} (${model}, calendar/cycling split bracket, earliest)`, years: b.years[0]![0], efc };
    }
    const t = projectCalibrated(core, calibration, { kind: 'scenario', scenario: s }, [params.projectionSoh.value], 60, history.points).thresholds[0]!;
    // Conservative: the earliest crossing inside the 95 % fit band (a repurposer's guarantee, not a median).
    const years = t.years_band ? t.years_band[0] : t.years;
    const efc = t.efc_band ? t.efc_band[0] : t.efc;
    return { scenario: `${name} (95 % band, earliest)`, years, efc };
  };
  let sigma: number | null = null;
  if (measured && calibration) sigma = calibration.sigma_Ah / rated;
  else if (replay) sigma = replay.final.capacity_sigma_Ah! / rated;
  const events = replay ? eventCounts(replay, params) : null;
  const evidence: Evidence = {
    soh: sohNow,
    soh_source: last ? (measured ? 'measured' : 'estimated') : 'none',
    soh_sigma: sigma,
    capacityUpdates: measured ? caps.length : (replay?.cycles[replay.cycles.length - 1]?.capacity_updates ?? caps.length),
    capacityCycle: last?.cycle ?? null,
    historyDischarges: history.points.length,
    sensorGlitches: replay ? sensorGlitches(replay, params) : null,
    resistanceRatio: res.length >= 1 ? res[res.length - 1]!.resistance_ohm! / res[0]!.resistance_ohm! : null,
    resistanceUpdates: res.length,
    deepDischargeEvents: events?.deep ?? null,
    overVoltageEvents: events?.overVoltage ?? null,
    overTemperatureEvents: events?.overTemperature ?? null,
    selfDischargeRatio: null,
    moduleSpread: null,
    gridProjection: project(GRID_SCENARIO),
    lightProjection: project(LIGHT_SCENARIO),
  };
  return { evidence, history, calibration, replay };
}
