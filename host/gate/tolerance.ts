/**
 * Per-field tolerances of the gate.
 *
 * A field is named by its path without indices: `final.capacity_Ah`, `cycles.soh`, `events.value`,
 * `histograms.temp_hist_s`, `accuracy.capacity_rmse_Ah`, `log.type_EVENT`, `recording.samples`.
 * A number passes when |actual - golden| <= max(abs, rel * |golden|). Strings and nulls must be equal.
 *
 * Tolerance file (JSON):
 *   {
 *     "default": { "abs": 1e-12, "rel": 1e-9 },          // optional, replaces DEFAULT_TOLERANCE
 *     "fields": {
 *       "cycles.capacity_Ah": { "abs": 0.002 },         // exact field name
 *       "*.soh": { "abs": 0.001, "rel": 0 },            // '*' matches any run of characters
 *       "final.t_s": { "ignore": true }                 // not compared at all
 *     }
 *   }
 * In an entry a missing `abs` or `rel` is 0. An exact name beats a pattern; among matching patterns
 * the one with the most literal characters wins (ties: the one listed first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { GateError } from './errors.ts';

export interface Tolerance {
  abs: number;
  rel: number;
  ignore?: boolean;
}

/**
 * The default catches every change beyond floating-point noise: the core is deterministic WASM, so
 * the same core, parameters and recording reproduce every value bit for bit. Integer counters are
 * therefore exact (a step of 1 exceeds 1e-9 relative below 1e9). Loosen per field in a tolerance file.
 */
export const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-12, rel: 1e-9 };

export interface ToleranceSet {
  default: Tolerance;
  exact: Map<string, Tolerance>;
  patterns: { pattern: string; re: RegExp; literal: number; tol: Tolerance }[];
}

export function defaultTolerances(): ToleranceSet {
  return { default: { ...DEFAULT_TOLERANCE }, exact: new Map(), patterns: [] };
}

function parseEntry(where: string, v: unknown): Tolerance {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new GateError(`${where}: expected an object like { "abs": 0.001, "rel": 0.01 }`, 'bad-tolerance');
  const e = v as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!['abs', 'rel', 'ignore'].includes(k)) throw new GateError(`${where}: unknown key '${k}' (abs, rel, ignore)`, 'bad-tolerance');
  const num = (k: 'abs' | 'rel'): number => {
    if (e[k] === undefined) return 0;
    const n = e[k];
    if (typeof n !== 'number' || !(n >= 0) || !Number.isFinite(n)) throw new GateError(`${where}.${k}: expected a finite number >= 0, got ${JSON.stringify(n)}`, 'bad-tolerance');
    return n;
  };
  const tol: Tolerance = { abs: num('abs'), rel: num('rel') };
  if (e.ignore !== undefined) {
    if (typeof e.ignore !== 'boolean') throw new GateError(`${where}.ignore: expected true or false`, 'bad-tolerance');
    tol.ignore = e.ignore;
  }
  return tol;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/** Builds a tolerance set from the parsed JSON of a tolerance file (`where` names it in errors). */
export function parseTolerances(doc: unknown, where: string): ToleranceSet {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new GateError(`${where}: expected a JSON object with "default" and/or "fields"`, 'bad-tolerance');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['default', 'fields', '$comment'].includes(k)) throw new GateError(`${where}: unknown key '${k}' (default, fields)`, 'bad-tolerance');
  const set = defaultTolerances();
  if (d.default !== undefined) set.default = parseEntry(`${where}: default`, d.default);
  if (d.fields !== undefined) {
    if (d.fields === null || typeof d.fields !== 'object' || Array.isArray(d.fields)) throw new GateError(`${where}: "fields" must be an object of field name -> tolerance`, 'bad-tolerance');
    for (const [name, entry] of Object.entries(d.fields)) {
      const tol = parseEntry(`${where}: fields["${name}"]`, entry);
      if (name.includes('*')) set.patterns.push({ pattern: name, re: globToRegExp(name), literal: name.replace(/\*/g, '').length, tol });
      else set.exact.set(name, tol);
    }
  }
  return set;
}

export function loadTolerances(path: string): ToleranceSet {
  if (!existsSync(path)) throw new GateError(`tolerance file ${path} not found`, 'not-found');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new GateError(`tolerance file ${path} is not valid JSON: ${(err as Error).message}`, 'bad-tolerance', { cause: err });
  }
  return parseTolerances(doc, path);
}

/** The tolerance that applies to a field (its path without indices). */
export function toleranceFor(set: ToleranceSet, field: string): Tolerance {
  const exact = set.exact.get(field);
  if (exact) return exact;
  let best: ToleranceSet['patterns'][number] | undefined;
  for (const p of set.patterns) if (p.re.test(field) && (!best || p.literal > best.literal)) best = p;
  return best ? best.tol : set.default;
}

/** Whether a number moved beyond its tolerance (NaN equals NaN; equal infinities are equal). */
export function exceeds(golden: number, actual: number, tol: Tolerance): boolean {
  if (Object.is(golden, actual) || golden === actual) return false;
  if (Number.isNaN(golden) || Number.isNaN(actual)) return true;
  if (!Number.isFinite(golden) || !Number.isFinite(actual)) return true;
  return Math.abs(actual - golden) > Math.max(tol.abs, tol.rel * Math.abs(golden));
}

/** The tolerance set as plain JSON (for --json output and reports). */
export function tolerancesJson(set: ToleranceSet): object {
  const fields: Record<string, Tolerance> = {};
  for (const [k, v] of set.exact) fields[k] = v;
  for (const p of set.patterns) fields[p.pattern] = p.tol;
  return { default: set.default, fields };
}
