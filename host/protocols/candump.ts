/**
 * candump text, see shared docs/protocols.md §2.3. Pure: one line in, one CanFrame out.
 *
 * - log format (`candump -L` / `-l`): `(1436509052.249713) can0 123#DEADBEEF`; 3 hex digits =
 *   11-bit id, 8 = 29-bit; `123#R` / `123#R8` remote; `123##<flags><data>` CAN-FD; an id with
 *   CAN_ERR_FLAG (0x20000000) is an error frame; a trailing ` R` / ` T` (rx/tx) is accepted.
 * - screen format, plain or with a time column: `can0  359   [7]  00 00 00 00 04 50 4E`,
 *   `(1436509052.249713)  can0 ...` (-ta), `(000.100000)  can0 ...` (-td: the seconds since the
 *   previous frame; -tz: since the first; the file reader turns deltas into times), and
 *   `(2015-07-10 08:17:32.249713)  can0 ...` (-tA, local time). `remote request` for remote
 *   frames; CAN FD lengths as two digits `[08]` .. `[64]`; error frames end in `ERRORFRAME`
 *   (candump -e may add its decoded text after it).
 * - error frames: `id` 0 and `error_frame: true`, as python-can's log reader reports them; the
 *   class bits of the id (0x80 bus error, 0x04 controller...) are kept in `error_class`.
 */
import { FD_DLC_BYTES, type CanFrame } from './can-frame.ts';
import { DecodeError } from './errors.ts';
import { fromHex, toHex } from '../framing/hex.ts';
import type { Frame } from './types.ts';

const CAN_ERR_FLAG = 0x20000000;
const ENCODER = new TextEncoder();
const TIME = String.raw`\((\d+(?:\.\d*)?|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)\)`;
const LOG_RE = new RegExp(String.raw`^${TIME}\s+(\S+)\s+([0-9A-Fa-f]+)(##?)(\S*)(?:\s+[RT])?$`);
const TEXT_RE = new RegExp(String.raw`^(?:${TIME}\s+)?(\S+)\s+([0-9A-Fa-f]+)\s+\[(\d+)\]\s*(remote request|(?:[0-9A-Fa-f]{2}\s*)*)(ERRORFRAME\b.*)?$`, 'i');

export interface CandumpFields {
  timestamp_s?: number; iface: string; id: number; extended: boolean; error_frame: boolean; fd: boolean; rtr: boolean; data_hex: string;
  /** Requested length of a remote frame. */
  dlc?: number;
  /** Error frames: the class bits of the id (python-can reports the id itself as 0). */
  error_class?: number;
}
export type CandumpFrame = Frame<'candump', 'frame', CandumpFields> & { readonly frame: CanFrame };

/** Parses a candump line of either format; throws DecodeError('bad-format' | 'length'). */
export function parseCandumpLine(line: string): CanFrame {
  const t = line.trim();
  const m = LOG_RE.exec(t);
  if (m) return fromLog(m as unknown as string[]);
  const x = TEXT_RE.exec(t);
  if (x) return fromText(x as unknown as string[]);
  throw new DecodeError('bad-format', `candump: '${t.slice(0, 60)}' is neither '(time) iface id#data' nor 'iface id [n] bytes'`);
}

/** Seconds of a time column: plain seconds (-ta, -td, -tz, -L) or a local date and time (-tA). */
function secondsOf(ts: string): number {
  if (!ts.includes('-')) return Number(ts);
  const [whole, frac = ''] = ts.split('.') as [string, string?];
  const ms = new Date(whole.replace(' ', 'T')).getTime();
  if (!Number.isFinite(ms)) throw new DecodeError('bad-format', `candump: '${ts}' is not a date and time`);
  return ms / 1000 + (frac === '' ? 0 : Number(`0.${frac}`));
}

function idOf(idHex: string): { id: number; extended: boolean; error_frame: boolean; error_class?: number } {
  if (idHex.length !== 3 && idHex.length !== 8) throw new DecodeError('bad-format', `candump: id '${idHex}' must have 3 (11-bit) or 8 (29-bit) hex digits`);
  const v = parseInt(idHex, 16);
  const error_frame = idHex.length === 8 && (v & CAN_ERR_FLAG) !== 0;
  if (error_frame) return { id: 0, extended: false, error_frame, error_class: v & 0x1fffffff };
  if (idHex.length === 3 && v > 0x7ff) throw new DecodeError('bad-format', `candump: 11-bit id 0x${idHex} exceeds 0x7FF`);
  return { id: idHex.length === 8 ? v & 0x1fffffff : v, extended: idHex.length === 8, error_frame };
}

function checkFdLength(n: number): void {
  if (!(FD_DLC_BYTES as readonly number[]).includes(n)) throw new DecodeError('length', `candump: ${n} FD data bytes is not a valid FD length`);
}

function fromLog(m: string[]): CanFrame {
  const [, ts, iface, idHex, sep, body] = m as [string, string, string, string, string, string];
  const base = { ...idOf(idHex), iface: iface, timestamp_s: secondsOf(ts) };
  if (sep === '##') {
    if (!/^[0-9A-Fa-f]/.test(body)) throw new DecodeError('bad-format', 'candump: CAN-FD frame without a flags digit');
    const data = fromHex(body.slice(1));
    checkFdLength(data.length);
    return { ...base, rtr: false, fd: true, dlc: data.length, data };
  }
  if (/^R\d?$/i.test(body)) {
    const dlc = body.length > 1 ? Number(body.slice(1)) : 0;
    if (dlc > 8) throw new DecodeError('length', `candump: remote DLC ${dlc} exceeds 8`);
    return { ...base, rtr: true, fd: false, dlc, data: new Uint8Array(0) };
  }
  const data = fromHex(body);
  if (data.length > 8) throw new DecodeError('length', `candump: ${data.length} data bytes exceeds 8 for a classic frame`);
  return { ...base, rtr: false, fd: false, dlc: data.length, data };
}

function fromText(m: string[]): CanFrame {
  const [, ts, iface, idHex, n, body, errorText] = m as [string, string | undefined, string, string, string, string, string | undefined];
  const dlc = Number(n);
  // candump prints CAN FD lengths with two digits ([08], [12], [64]), classic ones with one
  const fd = n.length === 2;
  const f: CanFrame = { ...idOf(idHex), iface, rtr: false, fd, dlc, data: new Uint8Array(0) };
  if (errorText !== undefined && !f.error_frame) throw new DecodeError('bad-format', `candump: ERRORFRAME on id ${idHex} without the error flag 0x20000000`);
  if (ts !== undefined) f.timestamp_s = secondsOf(ts);
  if (/remote/i.test(body)) {
    f.rtr = true;
  } else {
    f.data = fromHex(body);
    if (f.data.length !== dlc) throw new DecodeError('length', `candump: [${n}] announced, ${f.data.length} data bytes given`);
  }
  if (fd) checkFdLength(dlc);
  else if (dlc > 8) throw new DecodeError('length', `candump: DLC ${dlc} exceeds 8`);
  return f;
}

/** Decodes a candump line into the fields of the shared vectors (timestamp only when the line has one). */
export function decodeCandumpLine(line: string): CandumpFrame {
  const frame = parseCandumpLine(line);
  const fields: CandumpFields = { iface: frame.iface ?? '', id: frame.id, extended: frame.extended, error_frame: frame.error_frame, fd: frame.fd, rtr: frame.rtr, data_hex: toHex(frame.data) };
  if (frame.timestamp_s !== undefined) fields.timestamp_s = frame.timestamp_s;
  if (frame.rtr) fields.dlc = frame.dlc;
  if (frame.error_class !== undefined) fields.error_class = frame.error_class;
  return { protocol: 'candump', kind: 'frame', fields, raw: ENCODER.encode(line), frame };
}
