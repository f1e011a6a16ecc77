/**
 * A pack's recorded history as the twin needs it: one point per discharge with the cumulative EFC,
 * the time, the measured capacity (when known) and the resistance. Read from a NASA PCoE cell folder
 * (`cycles.csv`, see fixtures/nasa-pcoe-battery/DATA-README.md) or from a JSON file holding a `History` (for instance a
 * record export converted by its producer).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TwinError } from './errors.ts';
import { historyFromReplay, replayPath } from './replayed.ts';
import type { CellBuild } from '../characterize/cell-file.ts';
import { historyFromRecord } from './record.ts';
import { readRecordFile } from '../record/load.ts';
import { RecordError } from '../record/errors.ts';
import type { BmsRecord } from '../record/model.ts';
import { markAborted } from './usage.ts';

export interface HistoryPoint {
  /** Discharge number, 1-based, in time order. */
  cycle: number;
  /** Start of the discharge [s since the first record]. */
  t_s: number;
  /** Equivalent full cycles [nominal] discharged before the end of this discharge. */
  efc: number;
  /** Measured (ground truth or qualified estimate) capacity [Ah], null when not measured this cycle. */
  capacity_Ah: number | null;
  /** True when capacity_Ah is a measurement (ground truth), false for the core's estimate. */
  capacity_measured?: boolean;
  /** DC or low-frequency resistance [ohm], null when not measured this cycle. */
  resistance_ohm: number | null;
  /** Mean temperature of the environment or cell over the cycle [degC]. */
  temp_degC: number;
  /** Depth of discharge of this cycle [fraction of rated]. */
  dod: number;
  /**
   * True when this run does not represent the pack's use: aborted (delivered far less than the
   * history's typical discharge, usage.ts ABORTED_SHARE) or flagged anomalous by its source.
   */
  unrepresentative?: boolean;
}

export interface History {
  source: string;
  /** Whose numbers these are: the device's own estimates and log, or the lab's measurements. */
  view?: 'device' | 'lab-truth';
  chemistry: string;
  ratedCapacity_Ah: number;
  points: HistoryPoint[];
}

/** Minimal CSV: header row, comma-separated, no quoting (the shared data files use none). */
function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const head = lines[0]?.split(',') ?? [];
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

const num = (s: string | undefined): number | null => (s === undefined || s === '' || !Number.isFinite(Number(s)) ? null : Number(s));

/**
 * NASA PCoE cell folder: rated 2.0 Ah (README). Resistance = Re + Rct of the last EIS before the
 * discharge (the sum approximates the DC resistance a step measurement sees). EFC = cumulative
 * discharged Ah / rated. Temperature = the chamber's ambient set point (the cell rests there between
 * tests; its 2 A self-heating lasts about an hour per cycle).
 */
export function loadNasaCycles(dir: string, ratedCapacity_Ah = 2.0): History {
  const path = join(dir, 'cycles.csv');
  const rows = readCsv(path);
  if (rows.length === 0) throw new TwinError('BAD_HISTORY', `${path}: no discharges`);
  let dischargedAh = 0;
  const points: HistoryPoint[] = rows.map((r, i) => {
    const discharged = num(r.discharged_ah) ?? 0;
    dischargedAh += discharged;
    const re = num(r.re_ohm);
    const rct = num(r.rct_ohm);
    const valid = r.capacity_valid === '1';
    const flag = r.flag ?? 'ok';
    return {
      cycle: num(r.cycle) ?? i + 1,
      t_s: num(r.t_start_s) ?? 0,
      efc: dischargedAh / ratedCapacity_Ah,
      capacity_Ah: valid ? num(r.measured_capacity_ah) : null,
      capacity_measured: valid,
      resistance_ohm: re !== null && rct !== null ? re + rct : null,
      temp_degC: num(r.ambient_temp_c) ?? 24,
      dod: Math.min(1, discharged / ratedCapacity_Ah),
      unrepresentative: flag !== 'ok' && flag !== '',
    };
  });
  return { source: dir, view: 'lab-truth', chemistry: 'nasa18650', ratedCapacity_Ah, points: markAborted(points) };
}

function isHistory(x: unknown): x is History {
  const h = x as History;
  return typeof h === 'object' && h !== null && Array.isArray(h.points) && typeof h.ratedCapacity_Ah === 'number';
}

/**
 * Loads a history. By default the device's view: the core's own per-discharge estimates (a recording
 * or NASA folder replayed through the core, host/twin/replayed.ts) or a record's capacity updates.
 * labTruth: the lab's measurements where the input carries them (a NASA folder's cycles.csv, a
 * recording's truth columns); a record or History JSON has only one view.
 */
export function loadHistory(path: string, opts: { labTruth?: boolean; cell?: CellBuild } = {}): History {
  if (!existsSync(path)) throw new TwinError('BAD_HISTORY', `${path}: no such file or folder`);
  const folder = statSync(path).isDirectory();
  if (opts.labTruth && folder && existsSync(join(path, 'cycles.csv'))) return loadNasaCycles(path);
  if (/\.cbor$/i.test(path)) return historyFromRecord(openRecordFile(path), path);
  if (!/\.json$/i.test(path)) return historyFromReplay(replayPath(path, undefined, opts.cell), path, !opts.labTruth);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new TwinError('BAD_HISTORY', `${path}: not JSON`, { cause: err });
  }
  if (isHistory(parsed)) return { ...parsed, source: parsed.source ?? basename(path) };
  return historyFromRecord(openRecordFile(path), path);
}

/** A record file (.cbor, signed or not, or its .json form); TwinError BAD_HISTORY when unreadable. */
export function openRecordFile(path: string): BmsRecord {
  try {
    return readRecordFile(path);
  } catch (err) {
    if (err instanceof RecordError) throw new TwinError('BAD_HISTORY', `${path}: neither a history nor a record (${err.message})`, { cause: err });
    throw err;
  }
}

/** The points up to and including discharge `untilCycle` (all when undefined). */
export function historyUntil(h: History, untilCycle?: number): History {
  if (untilCycle === undefined) return h;
  return { ...h, points: h.points.filter((p) => p.cycle <= untilCycle) };
}
