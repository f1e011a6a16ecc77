/**
 * DBC-driven CAN message decoding: a frame (id, extended, payload) + a parsed DBC -> named values.
 * Pure. Signals whose bits lie beyond the received payload are absent (frames shorter than the
 * DBC's length are normal: Pylon sends a 4-byte 0x355, SMA a 6-byte one).
 *
 * Output formatting is data too: the signal attribute `BmsEdgeFormat` (STRING) selects
 *   "number" (default: the scaled value), "bool" (raw ≠ 0), "hex" (the signal's bytes in wire
 *   order, lower-case, for byte-aligned Intel signals; else the raw value in hex), "ascii" (the
 *   signal's bytes as text, cut at NUL, control characters dropped, trailing spaces trimmed),
 *   "label" (VAL_ text, else value).
 * A signal with VAL_ labels also yields `<name>_label` when its raw value has one.
 */
import { toHex } from '../framing/hex.ts';
import { messageKey, type Dbc, type DbcMessage, type DbcSignal } from './dbc-types.ts';
import { extractRawBits, physicalValue } from './signal.ts';

export const FORMAT_ATTRIBUTE = 'BmsEdgeFormat';

export interface CanFrameInput {
  id: number;
  extended?: boolean;
  data: Uint8Array;
}

export interface DecodedSignal {
  name: string;
  /** Raw bits as on the wire (unsigned; bigint above 52 bits). */
  raw: number | bigint;
  /** Scaled physical value in `unit`. */
  value: number;
  unit: string;
  label?: string;
}

export interface DecodedCanMessage {
  message: string;
  signals: DecodedSignal[];
  /** JSON-safe values by signal name, formatted per `BmsEdgeFormat`. */
  values: Record<string, number | string | boolean>;
}

export function findMessage(dbc: Dbc, id: number, extended = false): DbcMessage | undefined {
  return dbc.messages.get(messageKey(id, extended));
}

/** Decodes a frame with the DBC; undefined when the DBC has no message with this id. */
export function decodeCanWithDbc(dbc: Dbc, frame: CanFrameInput): DecodedCanMessage | undefined {
  const m = findMessage(dbc, frame.id, frame.extended ?? false);
  if (!m) return undefined;
  const out: DecodedCanMessage = { message: m.name, signals: [], values: {} };
  const muxSignal = m.signals.find((s) => s.multiplex?.kind === 'multiplexor');
  const muxRaw = muxSignal ? extractRawBits(frame.data, muxSignal) : undefined;
  for (const s of m.signals) {
    if (s.multiplex?.kind === 'multiplexed' && (muxRaw === undefined || Number(muxRaw) !== s.multiplex.value)) continue;
    const raw = extractRawBits(frame.data, s);
    if (raw === undefined) continue;
    const value = physicalValue(raw, s);
    const label = s.value_labels?.get(Number(raw));
    const d: DecodedSignal = { name: s.name, raw, value, unit: s.unit };
    if (label !== undefined) d.label = label;
    out.signals.push(d);
    out.values[s.name] = formatValue(dbc, s, d, frame.data);
    if (label !== undefined && formatOf(dbc, s) !== 'label') out.values[`${s.name}_label`] = label;
  }
  return out;
}

function formatOf(dbc: Dbc, s: DbcSignal): string {
  const f = s.attributes.get(FORMAT_ATTRIBUTE) ?? dbc.attribute_defaults.get(FORMAT_ATTRIBUTE) ?? 'number';
  return String(f);
}

function signalBytes(s: DbcSignal, data: Uint8Array): Uint8Array | undefined {
  if (!s.little_endian || s.start_bit % 8 !== 0 || s.length_bits % 8 !== 0) return undefined;
  return data.subarray(s.start_bit / 8, s.start_bit / 8 + s.length_bits / 8);
}

function formatValue(dbc: Dbc, s: DbcSignal, d: DecodedSignal, data: Uint8Array): number | string | boolean {
  switch (formatOf(dbc, s)) {
    case 'bool':
      return Number(d.raw) !== 0;
    case 'hex': {
      const b = signalBytes(s, data);
      return b ? toHex(b) : d.raw.toString(16).padStart(Math.ceil(s.length_bits / 4), '0');
    }
    case 'ascii': {
      const b = signalBytes(s, data);
      if (!b) return d.raw.toString(16);
      let t = '';
      for (const c of b) {
        if (c === 0) break;
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue; // control characters never reach the text
        t += String.fromCharCode(c);
      }
      return t.replace(/ +$/, '');
    }
    case 'label':
      return d.label ?? d.value;
    default:
      return d.value;
  }
}
