/**
 * Turns the command line's inputs into the recordings to replay, each with the key it has in the
 * golden file.
 *
 * - a recording (NASA cell folder, or .csv file): key = its base name;
 * - a folder of recordings: every NASA cell folder, generic-CSV file, monitor capture (.jsonl,
 *   .capture with the capture header) and candump log (.log) below it (sorted, hidden
 *   entries skipped; .csv files whose header is not a recording's are listed in `skipped`, never
 *   silently dropped); key = the path relative to that folder;
 * - a glob (`*`, `?` within a name, `**` across folders; for shells that do not expand, or quoted):
 *   each match as a folder above, or a .csv file with a recording's header (other matches are listed
 *   in `skipped`); key = the path relative to the glob's fixed leading folders.
 * A file named directly is always replayed (its reader reports a wrong format).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isNasaFolder } from '../readers/nasa.ts';
import { isCandumpFile, isCaptureFile } from './capture-detect.ts';
import { GateError } from './errors.ts';

export interface Input {
  key: string;
  path: string;
}

export interface Expansion {
  recordings: Input[];
  /** Files looked at and left out, with the reason. */
  skipped: { path: string; reason: string }[];
  /** True when the only input was a single recording named directly (no folder, no glob). */
  single: boolean;
}

const GLOB_CHARS = /[*?[]/;
const REQUIRED_CSV = ['t_s', 'voltage_V', 'current_A', 'temp_degC'];
/** Bytes read to find a CSV's header (comment lines come first and are short). */
const HEAD_BYTES = 4096;
/** Folder depth bound of a folder walk or a `**` glob. */
const MAX_DEPTH = 8;

const toKey = (p: string): string => p.split(sep).join('/');

/** Whether a .csv file's header line names the generic-CSV columns. */
function looksLikeRecordingCsv(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    const header = buf.subarray(0, n).toString('utf8').split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#')) ?? '';
    const cols = header.split(',').map((c) => c.trim());
    return REQUIRED_CSV.every((c) => cols.includes(c));
  } finally {
    closeSync(fd);
  }
}

function isRecordingFile(path: string): boolean {
  return /\.csv$/i.test(path);
}

/** Monitor captures are JSON lines (`monitor --record pack.jsonl`); candump -l writes `.log` files. */
function isCaptureName(path: string): boolean {
  return /\.(jsonl|capture|log)$/i.test(path);
}

function isCaptureOrCandump(path: string): boolean {
  return isCaptureFile(path) || isCandumpFile(path);
}

function walk(dir: string, base: string, out: Expansion, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (isNasaFolder(p)) push(out, { key: toKey(relative(base, p)), path: p });
      else walk(p, base, out, depth + 1);
    } else if (isRecordingFile(p)) {
      if (looksLikeRecordingCsv(p)) push(out, { key: toKey(relative(base, p)), path: p });
      else out.skipped.push({ path: p, reason: `no ${REQUIRED_CSV.join(',')} header: not a recording` });
    } else if (isCaptureName(p)) {
      if (isCaptureOrCandump(p)) push(out, { key: toKey(relative(base, p)), path: p });
      else out.skipped.push({ path: p, reason: 'neither a bms-edge capture nor a candump log' });
    }
  }
}

function addPath(path: string, keyBase: string | null, out: Expansion): void {
  const st = statSync(path);
  const key = keyBase === null ? basename(path) : toKey(relative(keyBase, path)) || basename(path);
  if (st.isDirectory()) {
    if (isNasaFolder(path)) push(out, { key, path });
    else walk(path, keyBase ?? path, out, 0);
  } else {
    push(out, { key, path }); // named (or matched) directly: the reader reports a wrong format
  }
}

/** Adds a recording once: a glob like `recs/**` reaches the same one through several matches. */
const added = new WeakMap<Expansion, Set<string>>();
function push(out: Expansion, r: Input): void {
  const abs = resolve(r.path);
  const seen = added.get(out) ?? new Set<string>();
  added.set(out, seen);
  if (seen.has(abs)) return;
  seen.add(abs);
  out.recordings.push(r);
}

function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = seg.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + seg.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Paths matching a glob, sorted. */
export function globPaths(pattern: string): { base: string; matches: string[] } {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length && !GLOB_CHARS.test(parts[0]!)) fixed.push(parts.shift()!);
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  const matches = new Set<string>();
  const step = (dir: string, rest: string[], depth: number): void => {
    if (rest.length === 0) {
      matches.add(dir);
      return;
    }
    if (depth > MAX_DEPTH || !existsSync(dir) || !statSync(dir).isDirectory()) return;
    const [seg, ...tail] = rest as [string, ...string[]];
    if (seg === '**') {
      step(dir, tail, depth); // zero folders
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (!name.startsWith('.') && statSync(p).isDirectory()) step(p, rest, depth + 1);
      }
      return;
    }
    const re = segmentRegExp(seg);
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') && !seg.startsWith('.')) continue;
      if (re.test(name)) step(join(dir, name), tail, depth + 1);
    }
  };
  step(base, parts, 0);
  return { base, matches: [...matches].sort() };
}

export function expandInputs(inputs: string[]): Expansion {
  const out: Expansion = { recordings: [], skipped: [], single: false };
  for (const input of inputs) {
    if (existsSync(input)) {
      addPath(input, null, out);
    } else if (GLOB_CHARS.test(input)) {
      const { base, matches } = globPaths(input);
      const before = out.recordings.length;
      for (const m of matches) {
        if (statSync(m).isDirectory()) addPath(m, base, out);
        else if (isRecordingFile(m) && looksLikeRecordingCsv(m)) addPath(m, base, out);
        else if (isRecordingFile(m)) out.skipped.push({ path: m, reason: `no ${REQUIRED_CSV.join(',')} header: not a recording` });
        else if (isCaptureOrCandump(m)) addPath(m, base, out);
        else out.skipped.push({ path: m, reason: 'not a recording (neither a folder, a .csv file nor a capture)' });
      }
      if (out.recordings.length === before) throw new GateError(`${input}: the pattern matches no recording`, 'no-recordings');
    } else {
      throw new GateError(`${input}: no such file or folder`, 'not-found');
    }
  }
  if (out.recordings.length === 0) throw new GateError(`${inputs.join(' ')}: no recordings found (NASA cell folders or generic CSV files)`, 'no-recordings');
  out.single = inputs.length === 1 && out.recordings.length === 1 && out.recordings[0]!.path === inputs[0];
  const seen = new Map<string, string>();
  for (const r of out.recordings) {
    const other = seen.get(r.key);
    if (other !== undefined) throw new GateError(`two recordings would share the name '${r.key}' in the golden file: ${other} and ${r.path} (pass their common parent folder instead)`, 'duplicate-key');
    seen.set(r.key, r.path);
  }
  return out;
}
