/**
 * The core's 32-B lifecycle-log record (layout/core-layout.ts LogRecord): checked and decoded on
 * the host. The flash log stores records verbatim, so a record read back from flash or a dump
 * decodes exactly as the core wrote it.
 */
import { LogRecord as LogRecordSpec, LogType, layoutStruct } from '../../layout/core-layout.ts';
import type { LogRecord } from '../core/core.ts';
import { crc32 } from '../../layout/crc32.ts';
import { RECORD_BYTES } from './log-format.ts';

const F = layoutStruct(LogRecordSpec).fields;
const CRC_AT = F.crc32!.offset;
const TYPE_NAME = Object.fromEntries(Object.entries(LogType).map(([k, v]) => [v, k])) as Record<number, string>;

if (layoutStruct(LogRecordSpec).size !== RECORD_BYTES) throw new Error(`LogRecord is ${layoutStruct(LogRecordSpec).size} B; the flash format assumes ${RECORD_BYTES} B`);

/** True when `bytes` (from `at`) hold a record whose CRC-32 over bytes 0..27 matches its crc32 field. */
export function recordCrcOk(bytes: Uint8Array, at = 0): boolean {
  const stored = new DataView(bytes.buffer, bytes.byteOffset + at + CRC_AT, 4).getUint32(0, true);
  return crc32(bytes, at, at + CRC_AT) === stored;
}

export function decodeLogRecord(bytes: Uint8Array, at = 0): LogRecord {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + at, RECORD_BYTES);
  const type = dv.getUint16(F.type!.offset, true);
  return {
    seq: dv.getUint32(F.seq!.offset, true),
    type,
    typeName: TYPE_NAME[type] ?? 'UNKNOWN',
    flags: dv.getUint16(F.flags!.offset, true),
    t_s: dv.getFloat64(F.t_s!.offset, true),
    a: dv.getFloat32(F.a!.offset, true),
    b: dv.getFloat32(F.b!.offset, true),
    c: dv.getFloat32(F.c!.offset, true),
    crcOk: recordCrcOk(bytes, at),
  };
}
