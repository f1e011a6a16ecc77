/**
 * A record store: one file holding the merged record of one battery. An import decodes and checks
 * the new export completely and merges it in memory before anything is written; the store file is
 * then replaced atomically (write to a temporary file, fsync, rename). A bad import therefore
 * leaves the stored bytes exactly as they were.
 */
import { existsSync, openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { encodeRecord } from './codec.ts';
import { mergeRecords } from './merge.ts';
import { readRecordFile, parseRecordBytes } from './load.ts';
import { RecordError } from './errors.ts';
import type { BmsRecord } from './model.ts';

/** Writes bytes to `path` atomically (never a half-written file under that name). */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw new RecordError(`cannot write ${path}: ${(err as Error).message}`, 'io', { cause: err });
  }
}

/**
 * Imports an export (bytes of a .cbor or .json file, named by `where`) into the store at `storePath`
 * (created when absent). Returns the merged record. Throws a RecordError, having written nothing,
 * when the export or the store cannot be read or belong to different batteries.
 */
export function importIntoStore(storePath: string, bytes: Uint8Array, where: string, exportedAt: string): BmsRecord {
  const incoming = parseRecordBytes(bytes, where);
  const current = existsSync(storePath) ? [readRecordFile(storePath)] : [];
  const merged = mergeRecords([...current, incoming], exportedAt);
  writeAtomic(storePath, encodeRecord(merged));
  return merged;
}
