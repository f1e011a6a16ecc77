/**
 * Opens what the commands accept: a recording (NASA cell folder or CSV: replayed through the core and
 * turned into a record) or a record (.cbor, signed or not, or the .json form). A signed record whose
 * signature does not verify is refused: its content cannot be trusted to build anything from.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { openRecording } from '../readers/open.ts';
import { recordingCellBuild, withCell, type CellBuild } from '../characterize/cell-file.ts';
import { replayRecording } from '../replay/replay.ts';
import { decodeRecord, jsonToRecord } from './codec.ts';
import { isSigned, openEnvelope } from './cose.ts';
import { RecordError } from './errors.ts';
import { recordFromReplay } from './build.ts';
import { nasaClockEpoch } from './clock.ts';
import type { IdentityConfig } from './identity.ts';
import type { BmsRecord } from './model.ts';
import { DEFAULT_LIMITS } from './cbor-scan.ts';

export function isRecordPath(path: string): boolean {
  return /\.(cbor|json)$/i.test(path);
}

/** Reads a record file (bounded read: the size is checked before the bytes are loaded). */
export function readRecordFile(path: string): BmsRecord {
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > DEFAULT_LIMITS.maxBytes) throw new RecordError(`${path}: ${size} bytes exceeds the limit of ${DEFAULT_LIMITS.maxBytes} bytes`, 'too-large');
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(`${path}: cannot read`, 'io', { cause: err });
  }
  return parseRecordBytes(bytes, path);
}

export function parseRecordBytes(bytes: Uint8Array, where: string): BmsRecord {
  try {
    if (/\.json$/i.test(where)) return jsonToRecord(Buffer.from(bytes).toString('utf8'));
    if (isSigned(bytes)) {
      const env = openEnvelope(bytes);
      if (!env.signatureValid) throw new RecordError('signature does not verify: the export was changed after signing', 'signature');
      return decodeRecord(env.payload);
    }
    return decodeRecord(bytes);
  } catch (err) {
    // prefix the file name in place: a second error object would capture a second stack
    if (err instanceof RecordError) err.message = `${where}: ${err.message}`;
    throw err;
  }
}

export interface LoadOptions {
  config?: IdentityConfig;
  exportedAt: string;
  /** A cell parameter file's build (--params), replacing the recording's preset. */
  cell?: CellBuild;
}

/** A record from a recording (replayed) or a record file. */
export function loadRecord(path: string, opts: LoadOptions): BmsRecord {
  if (isRecordPath(path)) return readRecordFile(path);
  const rec = openRecording(path);
  const rated = opts.config?.identity.rated_capacity_Ah;
  const result = replayRecording(rec, withCell(rated !== undefined ? { ratedCapacity_Ah: rated } : {}, opts.cell ?? recordingCellBuild(path, rec.paramsFile)));
  const ctx: Parameters<typeof recordFromReplay>[1] = { exportedAt: opts.exportedAt, sourceName: rec.name || basename(resolve(path)) };
  if (opts.config) ctx.config = opts.config;
  const clock = rec.format === 'nasa' ? nasaClockEpoch(path) : null;
  if (clock) ctx.clock = clock;
  return recordFromReplay(result, ctx);
}
