/**
 * The device's own binary forms the record carries or checks: the 28 CRC-covered bytes of a log
 * record and the parameter block. Offsets come from layout/core-layout.ts, never restated here.
 */
import { LogRecord as LogRecordSpec, Params, PARAMS_BODY_OFFSET, MAGIC_PARAMS, layoutStruct, type Scalar, LogType } from '../../layout/core-layout.ts';
import type { LogEntry } from './model.ts';
import { crc32 } from '../../layout/crc32.ts';
import { readScalar } from '../core/layout.ts';
import type { LogRecord } from '../core/core.ts';

const LOG_LAYOUT = layoutStruct(LogRecordSpec);
const PARAMS_LAYOUT = layoutStruct(Params);
const LOG_CRC_BYTES = LOG_LAYOUT.fields.crc32!.offset;
const PARAMS_FIELDS = Object.values(PARAMS_LAYOUT.fields);

function put(dv: DataView, at: number, type: Scalar, v: number): void {
  switch (type) {
    case 'f64': return dv.setFloat64(at, v, true);
    case 'f32': return dv.setFloat32(at, v, true);
    case 'i64': return dv.setBigInt64(at, BigInt(Math.trunc(v)), true);
    case 'u32': return dv.setUint32(at, v >>> 0, true);
    case 'i32': return dv.setInt32(at, v | 0, true);
    case 'u16': return dv.setUint16(at, v & 0xffff, true);
  }
}

const take = readScalar;

/** CRC-32 of a log record as the device computes it (over its bytes before the crc32 field). */
export function logCrc(e: Omit<LogEntry, 'crc32'>): number {
  const bytes = new Uint8Array(LOG_CRC_BYTES);
  const dv = new DataView(bytes.buffer);
  const values: Record<string, number> = { seq: e.seq, type: e.type, flags: e.flags, t_s: e.t_s, a: e.a, b: e.b, c: e.c };
  for (const f of Object.values(LOG_LAYOUT.fields)) if (f.offset < LOG_CRC_BYTES) put(dv, f.offset, f.type, values[f.name] ?? 0);
  return crc32(bytes);
}

/** True when every field survives the device's storage types (u32, u16, f64, f32) unchanged. */
export function logFieldsExact(e: LogEntry): boolean {
  const u = (x: number, max: number): boolean => Number.isInteger(x) && x >= 0 && x <= max;
  const f32 = (x: number): boolean => Object.is(Math.fround(x), x) || Number.isNaN(x);
  return u(e.seq, 0xffffffff) && u(e.type, 0xffff) && u(e.flags, 0xffff) && f32(e.a) && f32(e.b) && f32(e.c);
}

export { crc32 };

const LOG_TYPE_NAME = Object.fromEntries(Object.entries(LogType).map(([k, v]) => [v, k])) as Record<number, string>;

/** Core log record -> record entry (crc32 null when the device already saw a bad CRC). */
export function toEntry(r: LogRecord): LogEntry {
  const e = { seq: r.seq, type: r.type, flags: r.flags, t_s: r.t_s, a: r.a, b: r.b, c: r.c };
  return { ...e, crc32: r.crcOk ? logCrc(e) : null };
}

/** Record entry -> the core's log record shape, CRC checked. */
export function fromEntry(e: LogEntry): LogRecord {
  return { seq: e.seq, type: e.type, typeName: LOG_TYPE_NAME[e.type] ?? 'UNKNOWN', flags: e.flags, t_s: e.t_s, a: e.a, b: e.b, c: e.c, crcOk: e.crc32 !== null && logFieldsExact(e) && e.crc32 === logCrc(e) };
}

/** The parameter block bytes from its field values (as Core.params() returns them). */
export function encodeParams(values: Record<string, number | number[]>): Uint8Array {
  const bytes = new Uint8Array(PARAMS_LAYOUT.size);
  const dv = new DataView(bytes.buffer);
  for (const f of Object.values(PARAMS_LAYOUT.fields)) {
    const v = values[f.name];
    const unit = f.bytes / (f.count ?? 1);
    if (Array.isArray(v)) v.forEach((x, i) => put(dv, f.offset + i * unit, f.type, x));
    else if (typeof v === 'number') put(dv, f.offset, f.type, v);
  }
  return bytes;
}

/** Field values of a parameter block of this layout, or null when its size is not this layout's. */
export function decodeParams(bytes: Uint8Array): Record<string, number | number[]> | null {
  if (bytes.length !== PARAMS_LAYOUT.size) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, number | number[]> = {};
  for (const f of PARAMS_FIELDS) {
    if (!f.count) {
      out[f.name] = take(dv, f.offset, f.type);
      continue;
    }
    const unit = f.bytes / f.count;
    const values: number[] = [];
    for (let i = 0; i < f.count; i++) values.push(take(dv, f.offset + i * unit, f.type));
    out[f.name] = values;
  }
  return out;
}

/** Problems of a parameter block (magic, size, CRC); empty when it holds. */
export function paramsProblems(bytes: Uint8Array): string[] {
  const values = decodeParams(bytes);
  if (!values) return [`parameter block of ${bytes.length} bytes, this layout's is ${PARAMS_LAYOUT.size}`];
  const out: string[] = [];
  if (values.magic !== MAGIC_PARAMS) out.push('parameter block magic is wrong');
  if (values.size_bytes !== PARAMS_LAYOUT.size) out.push(`parameter block size field ${String(values.size_bytes)} differs from ${PARAMS_LAYOUT.size}`);
  else if (crc32(bytes.subarray(PARAMS_BODY_OFFSET)) !== values.crc32) out.push('parameter block CRC-32 does not match its bytes');
  return out;
}
