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
import { exactValue, extractRawBits, physicalValue } from './signal.ts';

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
  /** For an integer signal wider than 53 bits whose value a double cannot hold: the exact value (JSON `values` carry it as a decimal string). */
  exact?: bigint;
  unit: string;
  label?: string;
}

export interface DecodedCanMessage {
  message: string;
  signals: DecodedSignal[];
  /** JSON-safe values by signal name, formatted per `BmsEdgeFormat`. */
  values: Record<string, number | string | boolean>;
  /** E.g. a frame shorter than the DBC's message length (the signals beyond it are absent). */
  warnings: string[];
}

export function findMessage(dbc: Dbc, id: number, extended = false): DbcMessage | undefined {
  return dbc.messages.get(messageKey(id, extended));
}

/** Decodes a frame with the DBC; undefined when the DBC has no message with this id. */
export function decodeCanWithDbc(dbc: Dbc, frame: CanFrameInput): DecodedCanMessage | undefined {
  const m = findMessage(dbc, frame.id, frame.extended ?? false);
  if (!m) return undefined;
  const out: DecodedCanMessage = { message: m.name, signals: [], values: {}, warnings: [] };
  const present = presentSignals(m, frame.data);
  const absent: string[] = [];
  for (const s of m.signals) {
    if (!present(s)) continue;
    const raw = extractRawBits(frame.data, s);
    if (raw === undefined) {
      absent.push(s.name);
      continue;
    }
    const value = physicalValue(raw, s);
    const label = s.value_labels?.get(Number(raw));
    const d: DecodedSignal = { name: s.name, raw, value, unit: s.unit };
    const exact = exactValue(raw, s);
    if (exact !== undefined) d.exact = exact;
    if (label !== undefined) d.label = label;
    out.signals.push(d);
    out.values[s.name] = formatValue(dbc, s, d, frame.data);
    if (label !== undefined && formatOf(dbc, s) !== 'label') out.values[`${s.name}_label`] = label;
  }
  if (frame.data.length < m.length_bytes) {
    out.warnings.push(`${m.name}: frame has ${frame.data.length} of ${m.length_bytes} bytes${absent.length ? `; absent: ${absent.join(', ')}` : ''}`);
  }
  return out;
}

/**
 * Which signals the frame carries: plain ones always; a multiplexed one when its switch (the
 * SG_MUL_VAL_ switch, else the message's `M` signal) is itself present and its raw value lies in
 * the signal's ranges. Extended multiplexing nests (a switch may be multiplexed), so presence is
 * resolved recursively, with a guard against a cyclic file.
 */
function presentSignals(m: DbcMessage, data: Uint8Array): (s: DbcSignal) => boolean {
  const byName = new Map(m.signals.map((s) => [s.name, s]));
  // the simple multiplexor: an `M` signal that no SG_MUL_VAL_ places under another switch
  const root = m.signals.find((s) => s.multiplex?.kind === 'multiplexor' && !s.mux_switch);
  const memo = new Map<DbcSignal, boolean>();
  const present = (s: DbcSignal, depth: number): boolean => {
    const known = memo.get(s);
    if (known !== undefined) return known;
    let ok = true;
    if (s.multiplex?.kind === 'multiplexed' || s.mux_switch) {
      const sw = s.mux_switch ? byName.get(s.mux_switch.name) : root;
      const ranges = s.mux_switch?.ranges ?? (s.multiplex?.kind === 'multiplexed' ? [[s.multiplex.value, s.multiplex.value] as [number, number]] : []);
      const raw = sw && sw !== s && depth < 16 && present(sw, depth + 1) ? extractRawBits(data, sw) : undefined;
      ok = raw !== undefined && ranges.some(([lo, hi]) => Number(raw) >= lo && Number(raw) <= hi);
    }
    memo.set(s, ok);
    return ok;
  };
  return (s) => present(s, 0);
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
  if (d.exact !== undefined && formatOf(dbc, s) === 'number') return d.exact.toString();
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
