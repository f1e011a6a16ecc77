/**
 * Compares a replay with its golden record, value by value under per-field tolerances, and explains
 * what changed upstream (versions, parameter block, options) so a reviewer sees why numbers moved.
 */
import type { GoldenRecording, Scalar } from './golden.ts';
import { flatten } from './flatten.ts';
import { exceeds, toleranceFor, type Tolerance, type ToleranceSet } from './tolerance.ts';

export interface Change {
  path: string;
  field: string;
  /** moved: both present, beyond tolerance; missing: in the golden only; added: in the replay only. */
  kind: 'moved' | 'missing' | 'added';
  golden?: Scalar;
  actual?: Scalar;
  /** actual - golden, for two numbers. */
  delta?: number;
  /** delta / |golden|, for two numbers with golden != 0. */
  rel?: number;
  tolerance?: Tolerance;
}

export interface RecordingDiff {
  /** Values compared (ignored fields excluded). */
  compared: number;
  /** Values that differ but within their tolerance. */
  within: number;
  /** Values compared per field name (to say "163 of 168 rows"). */
  perField: Record<string, number>;
  regressions: Change[];
  /** Upstream changes that explain the regressions (never failures by themselves). */
  notes: string[];
}

/** Fields of the block that describe the block itself (its CRC changes whenever anything does). */
const PARAMS_SELF = new Set(['crc32', 'magic', 'size_bytes']);

/** float32 values of the block, shown at float32 precision (0.0010000000474974513 -> 0.001). */
const fmt = (v: unknown): string => (typeof v === 'number' ? String(Math.fround(v) === v ? Number(v.toPrecision(7)) : v) : JSON.stringify(v));
/** A parameter's change; full precision when float32 precision would show the same text twice. */
const change = (k: string, g: unknown, a: unknown): string => (fmt(g) === fmt(a) ? `${k} ${JSON.stringify(g)} -> ${JSON.stringify(a)}` : `${k} ${fmt(g)} -> ${fmt(a)}`);

function explain(golden: GoldenRecording, actual: GoldenRecording): string[] {
  const notes: string[] = [];
  if (golden.core_version !== actual.core_version) notes.push(`core version ${golden.core_version} -> ${actual.core_version}`);
  if (golden.core_wasm_digest !== actual.core_wasm_digest) notes.push(`core binary changed (core.wasm digest ${golden.core_wasm_digest} -> ${actual.core_wasm_digest})`);
  if (golden.layout_version !== actual.layout_version) notes.push(`layout version ${golden.layout_version} -> ${actual.layout_version}`);
  if (golden.params_version !== actual.params_version) notes.push(`parameter-block version ${golden.params_version} -> ${actual.params_version}`);
  if (golden.params_digest !== actual.params_digest) {
    const keys = [...new Set([...Object.keys(golden.params ?? {}), ...Object.keys(actual.params ?? {})])].filter((k) => !PARAMS_SELF.has(k)).sort();
    const moved: string[] = [];
    for (const k of keys) {
      const gv = golden.params?.[k], av = actual.params?.[k];
      if (Array.isArray(gv) && Array.isArray(av)) {
        for (let i = 0; i < Math.max(gv.length, av.length); i++) if (!Object.is(gv[i], av[i])) moved.push(change(`${k}[${i}]`, gv[i], av[i]));
      } else if (JSON.stringify(gv) !== JSON.stringify(av)) moved.push(change(k, gv, av));
    }
    notes.push(`parameter block changed (digest ${golden.params_digest} -> ${actual.params_digest}): ${moved.join(', ') || 'same values'}`);
  }
  const go = JSON.stringify(golden.options ?? {}), ao = JSON.stringify(actual.options ?? {});
  if (go !== ao) notes.push(`replay options ${go} -> ${ao}`);
  if (golden.digest !== actual.digest) notes.push(`state digest ${golden.digest} -> ${actual.digest}`);
  return notes;
}

export function diffRecording(golden: GoldenRecording, actual: GoldenRecording, tolerances: ToleranceSet): RecordingDiff {
  const g = flatten(golden);
  const a = flatten(actual);
  const out: RecordingDiff = { compared: 0, within: 0, perField: {}, regressions: [], notes: explain(golden, actual) };
  for (const [path, gl] of g) {
    const tol = toleranceFor(tolerances, gl.field);
    if (tol.ignore) continue;
    out.compared++;
    out.perField[gl.field] = (out.perField[gl.field] ?? 0) + 1;
    const al = a.get(path);
    if (!al) {
      out.regressions.push({ path, field: gl.field, kind: 'missing', golden: gl.value });
      continue;
    }
    const gv = gl.value, av = al.value;
    if (typeof gv === 'number' && typeof av === 'number') {
      if (exceeds(gv, av, tol)) {
        const c: Change = { path, field: gl.field, kind: 'moved', golden: gv, actual: av, tolerance: tol };
        if (Number.isFinite(gv) && Number.isFinite(av)) {
          c.delta = av - gv;
          if (gv !== 0) c.rel = (av - gv) / Math.abs(gv);
        }
        out.regressions.push(c);
      } else if (!Object.is(gv, av)) out.within++;
    } else if (gv !== av) {
      out.regressions.push({ path, field: gl.field, kind: 'moved', golden: gv, actual: av, tolerance: tol });
    }
  }
  for (const [path, al] of a) {
    if (g.has(path)) continue;
    if (toleranceFor(tolerances, al.field).ignore) continue;
    out.regressions.push({ path, field: al.field, kind: 'added', actual: al.value });
  }
  return out;
}
