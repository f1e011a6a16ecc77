/**
 * SLCAN / Lawicel ASCII lines, see shared docs/protocols.md §2.1. Pure: a line (without its CR)
 * in, a typed reply or frame out.
 *
 * Frames: `tIIIL<data>` (11-bit), `TIIIIIIIIL<data>` (29-bit), `rIIIL` / `RIIIIIIIIL` (remote),
 * `d`/`D` (FD, no BRS / BRS, 11/29-bit), `b`/`B` (FD with BRS per canable2: b = 11-bit, B = 29-bit)
 * with a one-hex-digit DLC. A frame line may end in 4 hex digits of adapter time in ms (`Z1`);
 * the length of the line tells whether they are there, so no option is needed.
 * Replies: '' (CR alone) ok, BEL error, `z`/`Z` transmit ok (11/29-bit), `Vhhss` version,
 * `Nxxxx` serial number, `Fxx` status flags.
 */
import { FD_DLC_BYTES, type CanFrame } from './can-frame.ts';
import { DecodeError } from './errors.ts';
import { fromHex } from '../framing/hex.ts';
import type { DecodeResult, Frame, StreamDecoder } from './types.ts';

export interface SlcanFrameFields { kind: 'frame'; id: number; extended: boolean; rtr: boolean; dlc: number; data_hex: string; fd?: true; brs?: boolean; timestamp_ms?: number }
export type SlcanFields =
  | SlcanFrameFields
  | { kind: 'ok' }
  | { kind: 'error' }
  | { kind: 'tx_ack'; extended: boolean }
  | { kind: 'version'; hw: string; sw: string }
  | { kind: 'serial'; serial: string }
  | { kind: 'status'; flags_raw: number };

export type SlcanLine = Frame<'slcan', SlcanFields['kind'], SlcanFields> & { readonly line: string };

const BEL = '\u0007';
const ENCODER = new TextEncoder();
const HEXRE = /^[0-9A-Fa-f]*$/;

/** Decodes one SLCAN line (no trailing CR). Throws DecodeError('bad-format' | 'length' | 'unknown-command'). */
export function decodeSlcanLine(line: string): SlcanLine {
  const raw = ENCODER.encode(line);
  const mk = (fields: SlcanFields): SlcanLine => ({ protocol: 'slcan', kind: fields.kind, fields, raw, line });
  if (line === '') return mk({ kind: 'ok' });
  if (line === BEL) return mk({ kind: 'error' });
  if (line === 'z' || line === 'Z') return mk({ kind: 'tx_ack', extended: line === 'Z' });
  const c = line[0] as string;
  const rest = line.slice(1);
  if ('tTrRdDbB'.includes(c)) return mk(parseFrameFields(line));
  if (!HEXRE.test(rest) && c !== 'N') throw new DecodeError('bad-format', `slcan: '${printable(line)}' has non-hex characters after '${c}'`);
  if (c === 'V' && rest.length === 4) return mk({ kind: 'version', hw: rest.slice(0, 2), sw: rest.slice(2) });
  if (c === 'N' && rest.length === 4) return mk({ kind: 'serial', serial: rest });
  if (c === 'F' && rest.length === 2) return mk({ kind: 'status', flags_raw: parseInt(rest, 16) });
  throw new DecodeError('unknown-command', `slcan: '${printable(line)}' is not a frame or a known reply`);
}

/** The CanFrame of a frame line (throws like decodeSlcanLine; non-frame lines are 'unknown-command'). */
export function slcanLineToCanFrame(line: string): CanFrame {
  const f = decodeSlcanLine(line).fields;
  if (f.kind !== 'frame') throw new DecodeError('unknown-command', `slcan: '${printable(line)}' is a ${f.kind} reply, not a frame`);
  const frame: CanFrame = { id: f.id, extended: f.extended, rtr: f.rtr, fd: f.fd === true, error_frame: false, dlc: f.dlc, data: fromHex(f.data_hex) };
  if (f.timestamp_ms !== undefined) frame.timestamp_ms = f.timestamp_ms;
  return frame;
}

function parseFrameFields(line: string): SlcanFrameFields {
  const c = line[0] as string;
  const extended = c === 'T' || c === 'R' || c === 'D' || c === 'B';
  const rtr = c === 'r' || c === 'R';
  const fd = 'dDbB'.includes(c);
  const idLen = extended ? 8 : 3;
  const body = line.slice(1);
  if (!HEXRE.test(body)) throw new DecodeError('bad-format', `slcan: '${printable(line)}' has non-hex characters`);
  if (body.length < idLen + 1) throw new DecodeError('length', `slcan: '${printable(line)}' is too short for a ${extended ? '29' : '11'}-bit id and a DLC`);
  const id = parseInt(body.slice(0, idLen), 16);
  if (id > (extended ? 0x1fffffff : 0x7ff)) throw new DecodeError('bad-format', `slcan: id 0x${id.toString(16)} does not fit ${extended ? 29 : 11} bits`);
  const dlcCode = parseInt(body[idLen] as string, 16);
  if (!fd && dlcCode > 8) throw new DecodeError('length', `slcan: DLC ${dlcCode} exceeds 8 for a classic frame`);
  const dlc = fd ? (FD_DLC_BYTES[dlcCode] as number) : dlcCode;
  const dataLen = rtr ? 0 : 2 * dlc;
  const extra = body.length - (idLen + 1 + dataLen);
  if (extra !== 0 && extra !== 4) throw new DecodeError('length', `slcan: '${printable(line)}' has ${body.length - idLen - 1} hex digits after the DLC, expected ${dataLen} (or ${dataLen + 4} with a Z1 timestamp)`);
  const fields: SlcanFrameFields = { kind: 'frame', id, extended, rtr, dlc, data_hex: body.slice(idLen + 1, idLen + 1 + dataLen).toLowerCase() };
  if (fd) { fields.fd = true; fields.brs = c === 'b' || c === 'B'; }
  if (extra === 4) {
    const t = parseInt(body.slice(-4), 16);
    if (t > 59999) throw new DecodeError('bad-format', `slcan: timestamp ${t} ms exceeds 59999`);
    fields.timestamp_ms = t;
  }
  return fields;
}

const printable = (s: string): string =>
  Array.from(s, (ch) => (ch.charCodeAt(0) < 0x20 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch)).join('').slice(0, 60);

/** Longest plausible line: `D` + 8-digit id + DLC + 128 data digits + 4 timestamp digits. */
export const SLCAN_MAX_LINE = 1 + 8 + 1 + 128 + 4;

/**
 * Splits an SLCAN byte stream into lines: CR ends a line, BEL is a reply of its own, LF is
 * ignored. Lines that do not decode go to `bad_frames` (their bytes also count in skipped_bytes);
 * a line longer than SLCAN_MAX_LINE without a CR is discarded as junk.
 */
export class SlcanStreamDecoder implements StreamDecoder<SlcanLine> {
  private pending = '';

  push(chunk: Uint8Array): DecodeResult<SlcanLine> {
    const out: DecodeResult<SlcanLine> = { frames: [], skipped_bytes: 0, checksum_failures: 0, bad_frames: [], pending_bytes: 0 };
    const finish = (line: string): void => {
      try {
        out.frames.push(decodeSlcanLine(line));
      } catch (err) {
        const error = err instanceof DecodeError ? err : new DecodeError('bad-format', String(err), { cause: err });
        out.bad_frames.push({ raw: ENCODER.encode(line), error });
        out.skipped_bytes += line.length + 1;
      }
    };
    for (const b of chunk) {
      if (b === 0x0d) { finish(this.pending); this.pending = ''; continue; }
      if (b === 0x07) {
        if (this.pending) { out.skipped_bytes += this.pending.length; this.pending = ''; }
        finish(BEL);
        continue;
      }
      if (b === 0x0a) continue;
      this.pending += String.fromCharCode(b);
      if (this.pending.length > SLCAN_MAX_LINE) { out.skipped_bytes += this.pending.length; this.pending = ''; }
    }
    out.pending_bytes = this.pending.length;
    return out;
  }

  tail(): Uint8Array {
    return ENCODER.encode(this.pending);
  }

  /** An unterminated last line is returned as trailing_partial (a line is complete only with its CR). */
  flush(): DecodeResult<SlcanLine> {
    const trailing_partial = this.tail();
    this.pending = '';
    return { frames: [], skipped_bytes: 0, checksum_failures: 0, bad_frames: [], pending_bytes: 0, trailing_partial };
  }

  reset(): number {
    const n = this.pending.length;
    this.pending = '';
    return n;
  }
}

