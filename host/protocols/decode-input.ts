/**
 * One entry point over every decoder, shaped for the `decode` command and for comparison with the
 * shared vectors: text in (hex for byte protocols, a line for CAN text protocols), a JSON-safe
 * object out with the vectors' field names. Pure apart from what the caller passes in (the Pylon
 * decoder carries its already-loaded DBC).
 *
 * Single frame: the frame's `fields`. Stream (`stream: true`): `{ frames: fields[], skipped_bytes,
 * trailing_partial_hex }`, plus `cell_voltages_v` for a Daly 0x95 reply when `cells` is given, plus
 * `checksum_failures` / `bad_frames` only when non-zero (so a clean stream matches the vectors).
 */
import { fromHex, toHex } from '../framing/hex.ts';
import { createAntStreamDecoder, decodeAntFrame } from './ant.ts';
import { decodeCandumpLine } from './candump.ts';
import { assembleDalyCellVoltages, createDalyStreamDecoder, decodeDalyFrame, type DalyFrame } from './daly.ts';
import { DecodeError } from './errors.ts';
import { createJbdStreamDecoder, decodeJbdFrame } from './jbd.ts';
import { JK300_VARIANTS, createJk300StreamDecoder, decodeJk300Frame, type Jk300Variant } from './jk300.ts';
import { createJkUartStreamDecoder, decodeJkUartFrame } from './jk-uart.ts';
import type { PylonCanDecoder } from './pylon-can.ts';
import { decodeSlcanLine, SlcanStreamDecoder } from './slcan.ts';
import type { DecodeResult, StreamDecoder } from './types.ts';

export const DECODE_PROTOCOLS = ['jbd', 'daly', 'jk-uart', 'jk300', 'ant', 'slcan', 'pylon-can', 'candump'] as const;
export type DecodeProtocol = (typeof DECODE_PROTOCOLS)[number];
export const BYTE_PROTOCOLS: readonly DecodeProtocol[] = ['jbd', 'daly', 'jk-uart', 'jk300', 'ant'];

export interface DecodeInputOptions {
  stream?: boolean;
  /** JK 300-byte layout; default auto-detect. */
  variant?: Jk300Variant;
  /** Daly cell count behind a 0x95 multi-frame reply. */
  cells?: number;
  /** Required for 'pylon-can'. */
  pylon?: PylonCanDecoder;
}

export interface DecodeOutput {
  /** The JSON document `decode --json` prints. */
  json: Record<string, unknown>;
  /** Decoded frames with kind and raw, for the readable output. */
  frames: { protocol: string; kind: string; fields: object; raw: Uint8Array; layout?: string }[];
  /** Checksum failures + undecodable frames + bad lines in a stream (0 for a single frame, which throws instead). */
  problems: string[];
}

export function decodeInput(protocol: DecodeProtocol, input: string, opts: DecodeInputOptions = {}): DecodeOutput {
  if (opts.variant !== undefined && !(JK300_VARIANTS as readonly string[]).includes(opts.variant)) {
    throw new DecodeError('bad-option', `variant '${String(opts.variant)}' is not one of ${JK300_VARIANTS.join(', ')}`);
  }
  if (opts.cells !== undefined && (!Number.isInteger(opts.cells) || opts.cells < 1 || opts.cells > 48)) throw new DecodeError('bad-option', `cell count ${opts.cells} is not 1..48`);
  if (BYTE_PROTOCOLS.includes(protocol)) return opts.stream ? byteStream(protocol, fromHex(input), opts) : byteFrame(protocol, fromHex(input), opts);
  return opts.stream ? lineStream(protocol, input, opts) : lineFrame(protocol, input, opts);
}

function byteFrame(protocol: DecodeProtocol, b: Uint8Array, opts: DecodeInputOptions): DecodeOutput {
  const f =
    protocol === 'jbd' ? decodeJbdFrame(b)
      : protocol === 'daly' ? decodeDalyFrame(b)
        : protocol === 'jk-uart' ? decodeJkUartFrame(b)
          : protocol === 'jk300' ? decodeJk300Frame(b, { variant: opts.variant ?? 'auto' })
            : decodeAntFrame(b);
  return { json: { ...f.fields }, frames: [f], problems: [] };
}

function streamDecoder(protocol: DecodeProtocol, opts: DecodeInputOptions): StreamDecoder<{ protocol: string; kind: string; fields: object; raw: Uint8Array }> {
  switch (protocol) {
    case 'jbd': return createJbdStreamDecoder();
    case 'daly': return createDalyStreamDecoder();
    case 'jk-uart': return createJkUartStreamDecoder();
    case 'jk300': return createJk300StreamDecoder({ variant: opts.variant ?? 'auto' });
    default: return createAntStreamDecoder();
  }
}

function byteStream(protocol: DecodeProtocol, b: Uint8Array, opts: DecodeInputOptions): DecodeOutput {
  const dec = streamDecoder(protocol, opts);
  const r = merge(dec.push(b), dec.flush());
  const json = streamJson(r, toHex(r.trailing_partial ?? new Uint8Array(0)));
  if (protocol === 'daly' && opts.cells !== undefined) {
    const cells = assembleDalyCellVoltages(r.frames as DalyFrame[], opts.cells);
    if (cells) json.cell_voltages_v = cells;
  }
  return { json, frames: r.frames, problems: problemsOf(r) };
}

/** The results of a push and the flush that ends the stream, as one. */
function merge<F>(a: DecodeResult<F>, b: DecodeResult<F>): DecodeResult<F> {
  const out: DecodeResult<F> = {
    frames: [...a.frames, ...b.frames], skipped_bytes: a.skipped_bytes + b.skipped_bytes, checksum_failures: a.checksum_failures + b.checksum_failures,
    bad_frames: [...a.bad_frames, ...b.bad_frames], pending_bytes: b.pending_bytes,
  };
  if (b.trailing_partial) out.trailing_partial = b.trailing_partial;
  return out;
}

function streamJson(r: DecodeResult<{ fields: object }>, trailing: string): Record<string, unknown> {
  const json: Record<string, unknown> = { frames: r.frames.map((f) => ({ ...f.fields })), skipped_bytes: r.skipped_bytes, trailing_partial_hex: trailing };
  if (r.checksum_failures > 0) json.checksum_failures = r.checksum_failures;
  if (r.bad_frames.length > 0) json.bad_frames = r.bad_frames.map((x) => ({ hex: toHex(x.raw), code: x.error.code, message: x.error.message }));
  return json;
}

function problemsOf(r: DecodeResult<unknown>): string[] {
  const p: string[] = [];
  if (r.checksum_failures > 0) p.push(`${r.checksum_failures} frame(s) with a bad checksum skipped`);
  for (const x of r.bad_frames) p.push(`${x.error.code}: ${x.error.message}`);
  return p;
}

function lineFrame(protocol: DecodeProtocol, line: string, opts: DecodeInputOptions): DecodeOutput {
  const f = decodeLine(protocol, line, opts);
  return { json: { ...f.fields }, frames: [f], problems: [] };
}

function decodeLine(protocol: DecodeProtocol, line: string, opts: DecodeInputOptions): DecodeOutput['frames'][number] {
  if (protocol === 'slcan') return decodeSlcanLine(line);
  if (protocol === 'candump') return decodeCandumpLine(line);
  if (!opts.pylon) throw new DecodeError('bad-option', 'pylon-can needs a loaded PylonCanDecoder (its DBC)');
  return opts.pylon.decodeStrict(line);
}

/** Lines separated by CR, LF or the two-character escapes `\r` / `\n` (handy on a command line). */
function lineStream(protocol: DecodeProtocol, text: string, opts: DecodeInputOptions): DecodeOutput {
  const normalized = text.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
  if (protocol === 'slcan') {
    const dec = new SlcanStreamDecoder();
    const r = merge(dec.push(new TextEncoder().encode(normalized.replace(/\r?\n/g, '\r'))), dec.flush());
    return { json: streamJson(r, toHex(r.trailing_partial ?? new Uint8Array(0))), frames: r.frames, problems: problemsOf(r) };
  }
  const r: DecodeResult<DecodeOutput['frames'][number]> = { frames: [], skipped_bytes: 0, checksum_failures: 0, bad_frames: [], pending_bytes: 0 };
  for (const line of normalized.split(/[\r\n]+/)) {
    if (line.trim() === '') continue;
    try {
      r.frames.push(decodeLine(protocol, line, opts));
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      r.bad_frames.push({ raw: new TextEncoder().encode(line), error: err });
      r.skipped_bytes += line.length + 1;
    }
  }
  return { json: streamJson(r, ''), frames: r.frames, problems: problemsOf(r) };
}
