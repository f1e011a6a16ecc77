/**
 * cell.json: the parameter file `bms-edge characterize` writes and `--params` reads.
 *
 *   { "format": "bms-edge-cell", "version": 1,
 *     "recording": { "name", "format", "from_s", "until_s", "samples" },   the data the fit used
 *     "chemistry_like": "NMC" | "LFP" | "NASA18650",   the preset for everything not fitted
 *     "nameplate_capacity_Ah": Ah,   the cell's size, to which the preset's current thresholds scale
 *     "series_cells": n,
 *     "fitted": { <block field>: { "value", "sigma", "evidence", "method" }, ... },
 *     "from_preset": { <block field>: value, ... },   what the data could not show, as taken
 *     "warnings": [ "..." ] }
 *
 * Fitted names are parameter-block fields (layout/core-layout.ts Params); `ocv_V` holds the whole
 * 21-point table (value, sigma and evidence per point). The block is the `chemistry_like` preset
 * scaled to the nameplate capacity (its current thresholds scale with it) with every fitted value,
 * the fitted rated capacity among them, written over it. `from_preset` documents the values at characterisation time; the block takes them from
 * the preset in force (a corrected preset reaches every cell file).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { CHEMISTRIES, presetValues, type ChemistryName, type ParamValues } from '../../layout/presets.ts';
import { OCV_POINTS } from '../../layout/core-layout.ts';
import { CharacterizeError } from './errors.ts';
import type { Fitted } from './fitted.ts';

export const CELL_FILE_FORMAT = 'bms-edge-cell';
export const CELL_FILE_VERSION = 1;

export interface CellFile {
  format: typeof CELL_FILE_FORMAT;
  version: typeof CELL_FILE_VERSION;
  recording: { name: string; format: string; from_s: number; until_s: number; samples: number };
  chemistry_like: ChemistryName;
  /** The cell's size: the preset's current thresholds are scaled to it (declared, the recording's, or the preset's). */
  nameplate_capacity_Ah: number;
  series_cells: number;
  fitted: Record<string, Fitted<number> | Fitted<number[]>>;
  from_preset: Record<string, number | number[]>;
  warnings: string[];
}

/** What a replay, a core or a block builder needs from a cell file. */
export interface CellBuild {
  chemistry: ChemistryName;
  ratedCapacity_Ah: number;
  seriesCells: number;
  overrides: ParamValues;
}

export function cellBuild(cell: CellFile): CellBuild {
  const overrides: ParamValues = {};
  for (const [name, f] of Object.entries(cell.fitted)) {
    if (Array.isArray(f.value)) f.value.forEach((v, i) => (overrides[`${name}.${i}`] = v));
    else overrides[name] = f.value;
  }
  return {
    chemistry: cell.chemistry_like,
    ratedCapacity_Ah: cell.nameplate_capacity_Ah,
    seriesCells: cell.series_cells,
    overrides,
  };
}

const bad = (where: string, msg: string): never => {
  throw new CharacterizeError(`${where}: ${msg}`, 'bad-cell-file');
};

/** Checks a parsed document is a cell file this version reads; returns it typed. */
export function parseCellFile(doc: unknown, where: string): CellFile {
  if (typeof doc !== 'object' || doc === null) return bad(where, 'not a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== CELL_FILE_FORMAT) bad(where, `not a bms-edge cell file (format '${String(d.format)}', expected '${CELL_FILE_FORMAT}')`);
  if (d.version !== CELL_FILE_VERSION) bad(where, `cell file version ${String(d.version)}; this bms-edge reads version ${CELL_FILE_VERSION}`);
  if (!CHEMISTRIES.includes(d.chemistry_like as ChemistryName)) bad(where, `chemistry_like '${String(d.chemistry_like)}' is not one of ${CHEMISTRIES.join(', ')}`);
  if (!(Number.isInteger(d.series_cells) && (d.series_cells as number) >= 1)) bad(where, 'series_cells must be a positive integer');
  if (!(typeof d.nameplate_capacity_Ah === 'number' && d.nameplate_capacity_Ah > 0)) bad(where, 'nameplate_capacity_Ah must be a positive number');
  if (typeof d.fitted !== 'object' || d.fitted === null) bad(where, 'no "fitted" object');
  const fields = new Set(Object.keys(presetValues('NMC')).map((k) => k.replace(/\.\d+$/, '')));
  for (const [name, f] of Object.entries(d.fitted as Record<string, unknown>)) {
    if (!fields.has(name)) bad(where, `fitted '${name}' is not a parameter-block field`);
    const v = (f as { value?: unknown })?.value;
    const ok = name === 'ocv_V' ? Array.isArray(v) && v.length === OCV_POINTS && v.every(Number.isFinite) : typeof v === 'number' && Number.isFinite(v);
    if (!ok) bad(where, `fitted '${name}' has no ${name === 'ocv_V' ? `${OCV_POINTS}-point` : 'finite'} value`);
  }
  return d as unknown as CellFile;
}

export function readCellFile(path: string): CellFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CharacterizeError(`cannot read cell file ${path}: ${(err as Error).message}`, 'bad-cell-file', { cause: err });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new CharacterizeError(`${path}: not JSON (${(err as Error).message})`, 'bad-cell-file', { cause: err });
  }
  return parseCellFile(doc, path);
}

/** The cell file a recording names in its metadata (`# params=...`), resolved beside the recording. */
export function recordingCellBuild(recordingPath: string, paramsFile: string | undefined): CellBuild | undefined {
  if (paramsFile === undefined) return undefined;
  return cellBuild(readCellFile(isAbsolute(paramsFile) ? paramsFile : join(dirname(recordingPath), paramsFile)));
}

/**
 * Replay or job options with a cell file applied: its chemistry, rated capacity and series count
 * where the options do not set them, its fitted values under any explicit overrides (--param wins).
 */
export function withCell<O extends { chemistry?: ChemistryName; ratedCapacity_Ah?: number; seriesCells?: number; overrides?: ParamValues }>(opts: O, cell: CellBuild | undefined): O {
  if (!cell) return opts;
  const fromCell = { ...cell.overrides };
  if (opts.ratedCapacity_Ah !== undefined) delete fromCell.rated_capacity_Ah; // a declared rated capacity wins
  return { ...opts, chemistry: cell.chemistry, ratedCapacity_Ah: opts.ratedCapacity_Ah ?? cell.ratedCapacity_Ah, seriesCells: opts.seriesCells ?? cell.seriesCells, overrides: { ...fromCell, ...(opts.overrides ?? {}) } };
}
