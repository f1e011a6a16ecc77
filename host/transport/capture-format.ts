/**
 * The bms-edge capture format ("bms-edge capture v1"): what `monitor --record <file>` writes and
 * `ReplayTransport` replays. JSON lines, UTF-8, one object per line, append-only:
 *
 *   {"capture":"bms-edge capture v1","protocol":"jbd","transport":"serial:/dev/ttyUSB0@9600","started_ms":1764390000000}
 *   {"t_ms":1764390000012.5,"dir":"tx","hex":"dda50300fffd77"}
 *   {"t_ms":1764390000031.0,"dir":"rx","hex":"dd03001d0618..."}
 *   {"t_ms":1764390001500.0,"event":"disconnect","detail":"... disconnected: bad file descriptor"}
 *   {"t_ms":1764390002100.0,"event":"connect","detail":"serial:/dev/ttyUSB0@9600"}
 *
 * - Line 1 is the header; later headers (a file appended to by a second run) start a new session.
 * - `t_ms`: host wall clock, Unix epoch milliseconds (fractions allowed), non-decreasing.
 * - `dir: "rx"`: bytes received, exactly as one read returned them (chunk boundaries kept);
 *   `dir: "tx"`: bytes we wrote. `hex`: lowercase hex, no separators. For SLCAN adapters the bytes
 *   are the adapter's serial traffic (ASCII lines), so the CAN layer is replayed through the same
 *   SLCAN parser.
 * - `event`: `connect` (port opened), `disconnect` (device lost), `note` (free text).
 * - Every record is written with one write(2) when it happens and the file is fdatasync'ed at
 *   least every second, so after a crash the file holds everything up to the last line; a reader
 *   ignores a truncated last line (it has no newline or is cut JSON) and reports it.
 */
import { TransportError } from './errors.ts';

export const CAPTURE_FORMAT = 'bms-edge capture v1';

export interface CaptureHeader {
  capture: typeof CAPTURE_FORMAT;
  protocol: string;
  transport: string;
  started_ms: number;
  [extra: string]: unknown;
}

export type CaptureRecord =
  | { t_ms: number; dir: 'rx' | 'tx'; hex: string }
  | { t_ms: number; event: 'connect' | 'disconnect' | 'note'; detail?: string };

export interface ParsedCapture {
  header: CaptureHeader;
  records: CaptureRecord[];
  /** True when the last line was cut off (crash while writing) and was ignored. */
  truncatedTail: boolean;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TransportError('BAD_FILE', `not a hex byte string: '${hex.slice(0, 40)}'`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function isRecord(o: unknown): o is CaptureRecord {
  if (typeof o !== 'object' || o === null) return false;
  const r = o as Record<string, unknown>;
  if (typeof r.t_ms !== 'number' || !Number.isFinite(r.t_ms)) return false;
  if (r.dir === 'rx' || r.dir === 'tx') return typeof r.hex === 'string';
  return r.event === 'connect' || r.event === 'disconnect' || r.event === 'note';
}

/** Parses a whole capture file. Throws BAD_FILE (with the line number) on anything but a cut tail. */
export function parseCapture(text: string, source = 'capture'): ParsedCapture {
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  let truncatedTail = false;
  let header: CaptureHeader | undefined;
  const records: CaptureRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const last = i === lines.length - 1;
    if (line.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      if (last && !endsClean) {
        truncatedTail = true;
        break;
      }
      throw new TransportError('BAD_FILE', `${source}:${i + 1}: not JSON`, { cause: err });
    }
    const o = obj as Record<string, unknown>;
    if (o.capture !== undefined) {
      if (o.capture !== CAPTURE_FORMAT) throw new TransportError('BAD_FILE', `${source}:${i + 1}: unknown capture format '${String(o.capture)}'`);
      header ??= o as CaptureHeader;
      continue;
    }
    if (!header) throw new TransportError('BAD_FILE', `${source}:1: missing '${CAPTURE_FORMAT}' header`);
    if (!isRecord(obj)) {
      if (last && !endsClean) {
        truncatedTail = true;
        break;
      }
      throw new TransportError('BAD_FILE', `${source}:${i + 1}: not a capture record`);
    }
    if ('hex' in obj) fromHex(obj.hex);
    records.push(obj);
  }
  if (!header) throw new TransportError('BAD_FILE', `${source}: empty, no '${CAPTURE_FORMAT}' header`);
  return { header, records, truncatedTail };
}
