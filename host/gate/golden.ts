/**
 * Golden files: what a replay reported, per recording, as stable sorted JSON (see stable-json.ts).
 *
 * Gated (compared field by field under tolerances, see diff.ts): the per-discharge rows, the final
 * snapshot (every estimate and counter), the event list, log counts, accuracy, histograms and the
 * recording's size. Informational (shown in a diff to explain why numbers moved, never gated): the
 * core, layout and parameter-block versions, the parameter block itself with its digest, the replay
 * options and the state digest.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CORE_VERSION, LAYOUT_VERSION } from '../../layout/core-layout.ts';
import { CORE_WASM_PATH, EVENT_NAME } from '../core/core.ts';
import type { ReplayResult } from '../replay/replay.ts';
import { GateError } from './errors.ts';
import { decodeNonFinite, stableStringify } from './stable-json.ts';

/** Format tag and version of the golden file itself (bumped only when its shape changes). */
export const GOLDEN_FORMAT = 'bms-edge-golden';
export const GOLDEN_FORMAT_VERSION = 1;

export type Scalar = number | string | null;

/** The replay options a golden recording was produced with (as the command line gave them). */
export interface GoldenOptions {
  chemistry?: string;
  rated_capacity_Ah?: number;
  series_cells?: number;
  /** --param overrides applied on top of the preset. */
  overrides: Record<string, number>;
}

export interface GoldenRecording {
  // informational
  core_version: string;
  /** First 16 hex digits of SHA-256 over build/core.wasm: names a rebuilt core whose version did not change. */
  core_wasm_digest: string;
  layout_version: number;
  params_version: number;
  params_digest: string;
  /** The parameter block in force (header and body; ocv_V as an array). */
  params: Record<string, number | number[]>;
  options: GoldenOptions;
  digest: string;
  // gated
  recording: { format: string; samples: number; discharges: number; skipped_lines: number };
  chemistry: string;
  rated_capacity_Ah: number;
  cycles: Record<string, Scalar>[];
  final: Record<string, number>;
  events: { t_s: number; event: string; value: number; count: number; flags: number }[];
  log: Record<string, number>;
  accuracy: Record<string, Scalar>;
  histograms: Record<string, unknown>;
}

export interface GoldenFile {
  format: typeof GOLDEN_FORMAT;
  format_version: number;
  core_version: string;
  layout_version: number;
  /** Distinct parameter-block versions over the recordings, ascending. */
  params_versions: number[];
  recordings: Record<string, GoldenRecording>;
}

/** CORE_VERSION (major << 16 | minor << 8 | patch) as "major.minor.patch". */
export function coreVersionString(code = CORE_VERSION): string {
  return `${code >>> 16}.${(code >>> 8) & 0xff}.${code & 0xff}`;
}

/** First 16 hex digits of SHA-256 over the stable JSON of the parameter values. */
export function paramsDigest(params: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(params)).digest('hex').slice(0, 16);
}

let wasmDigest: string | undefined;
/** Digest of the core binary in use (read once per process; replays in one run share one binary). */
export function coreWasmDigest(): string {
  wasmDigest ??= existsSync(CORE_WASM_PATH) ? createHash('sha256').update(readFileSync(CORE_WASM_PATH)).digest('hex').slice(0, 16) : 'none';
  return wasmDigest;
}

/** The golden record of one replay. */
export function goldenRecording(r: ReplayResult, options: GoldenOptions): GoldenRecording {
  const byType: Record<string, number> = {};
  for (const l of r.log) byType[l.typeName] = (byType[l.typeName] ?? 0) + 1;
  return {
    core_version: coreVersionString(),
    core_wasm_digest: coreWasmDigest(),
    layout_version: LAYOUT_VERSION,
    params_version: r.final.params_version ?? 0,
    params_digest: paramsDigest(r.params),
    params: { ...(r.params as Record<string, number | number[]>) },
    options,
    digest: r.digest,
    recording: { format: r.recording.format, samples: r.recording.samples, discharges: r.recording.discharges, skipped_lines: r.recording.skipped_lines },
    chemistry: r.chemistry,
    rated_capacity_Ah: r.ratedCapacity_Ah,
    cycles: r.cycles.map((c) => ({ ...c })),
    final: { ...r.final },
    events: r.log
      .filter((l) => l.typeName === 'EVENT')
      .map((l) => ({ t_s: l.t_s, event: EVENT_NAME[l.a] ?? String(l.a), value: l.b, count: l.c, flags: l.flags })),
    log: { records: r.log.length, lost: r.log_lost, crc_failures: r.log.filter((l) => !l.crcOk).length, ...Object.fromEntries(Object.entries(byType).map(([k, v]) => [`type_${k}`, v])) },
    accuracy: { ...r.accuracy },
    histograms: r.histograms,
  };
}

export function goldenFile(recordings: Record<string, GoldenRecording>): GoldenFile {
  const versions = [...new Set(Object.values(recordings).map((g) => g.params_version))].sort((a, b) => a - b);
  return { format: GOLDEN_FORMAT, format_version: GOLDEN_FORMAT_VERSION, core_version: coreVersionString(), layout_version: LAYOUT_VERSION, params_versions: versions, recordings };
}

/** Writes the golden file (creating its folder). */
export function writeGolden(path: string, file: GoldenFile): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, stableStringify(file));
  } catch (err) {
    throw new GateError(`cannot write golden file ${path}: ${(err as Error).message}`, 'write-failed', { cause: err });
  }
}

export function readGolden(path: string): GoldenFile {
  if (!existsSync(path)) throw new GateError(`golden file ${path} not found (write it with --write-golden ${path})`, 'not-found');
  let doc: unknown;
  try {
    doc = decodeNonFinite(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new GateError(`golden file ${path} is not valid JSON: ${(err as Error).message}`, 'bad-golden', { cause: err });
  }
  const d = doc as Partial<GoldenFile>;
  if (d === null || typeof d !== 'object' || d.format !== GOLDEN_FORMAT) throw new GateError(`${path} is not a bms-edge golden file (no "format": "${GOLDEN_FORMAT}")`, 'bad-golden');
  if (d.format_version !== GOLDEN_FORMAT_VERSION) throw new GateError(`${path}: golden format version ${d.format_version}, this build reads ${GOLDEN_FORMAT_VERSION}`, 'bad-golden');
  if (d.recordings === null || typeof d.recordings !== 'object') throw new GateError(`${path}: no "recordings" object`, 'bad-golden');
  return d as GoldenFile;
}
