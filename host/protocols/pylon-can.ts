/**
 * Pylontech / SMA Sunny Island / Victron low-voltage battery CAN (shared docs/protocols.md §2.2),
 * decoded through a DBC: the layouts are data in dbc/pylontech-sma.dbc, not code here, so a
 * user can bring the DBC of their own battery (`PylonCanDecoder.fromDbc`). Decoding is pure; only
 * `PylonCanDecoder.load` reads the DBC files.
 *
 * Input: a CanFrame-like object, or a text line (candump -L log, candump default output, or an
 * SLCAN frame line). Output fields: `iface` (when the line named one), `id`, `extended`, `rtr`,
 * `data_hex`, then one entry per DBC signal present in the payload, named and formatted by the DBC
 * (`current_a` positive = charging, as on the wire).
 */
import { PYLONTECH_SMA_DBC, VICTRON_NAME_370_DBC, loadDbcFile, mergeDbc } from '../can/dbc-file.ts';
import type { Dbc } from '../can/dbc-types.ts';
import { decodeCanWithDbc } from '../can/decode.ts';
import { parseCandumpLine } from './candump.ts';
import type { CanFrame } from './can-frame.ts';
import { DecodeError } from './errors.ts';
import { slcanLineToCanFrame } from './slcan.ts';
import { toHex } from '../framing/hex.ts';
import type { Frame } from './types.ts';

/** What 0x370/0x371 carry: Pylon/Shoto binary cell extremes (default) or the Victron ASCII BMS name. */
export type Meaning370 = 'cell-extremes' | 'ascii-name';

export interface PylonOptions {
  meaning370?: Meaning370;
  /** A DBC file to use instead of dbc/pylontech-sma.dbc. */
  dbc_path?: string;
}

/** `known: false` marks a frame whose id the DBC does not describe (decoded raw: id, flags, data_hex only); absent on DBC messages. */
export interface PylonCanBaseFields { iface?: string; id: number; extended: boolean; rtr: boolean; data_hex: string; known?: false }
export type PylonCanFields = PylonCanBaseFields & Record<string, number | string | boolean>;
/** `warnings`: e.g. a frame shorter than the DBC's message (its signals beyond the data are absent); not part of `fields`. */
export type PylonCanFrame = Frame<'pylon-can', 'message' | 'unknown', PylonCanFields> & { readonly message?: string; readonly frame: CanFrameLike; readonly warnings?: string[] };

/** The parts of a CAN frame the decoder reads (the transports' CanFrame fits). */
export interface CanFrameLike { id: number; extended?: boolean; rtr?: boolean; data: Uint8Array; iface?: string }

/** A text line as a CanFrame: candump (either format) or an SLCAN frame line. */
export function parseCanLine(line: string): CanFrame {
  const t = line.trim();
  if (/^[tTrRdDbB][0-9A-Fa-f]+$/.test(t)) return slcanLineToCanFrame(t);
  return parseCandumpLine(t);
}

export class PylonCanDecoder {
  private constructor(readonly dbc: Dbc) {}

  /** Reads the shipped DBC (and the 0x370 overlay when asked). The only I/O of this module. */
  static load(opts: PylonOptions = {}): PylonCanDecoder {
    let dbc = loadDbcFile(opts.dbc_path ?? PYLONTECH_SMA_DBC);
    if (opts.meaning370 === 'ascii-name') dbc = mergeDbc(dbc, loadDbcFile(VICTRON_NAME_370_DBC));
    else if (opts.meaning370 !== undefined && opts.meaning370 !== 'cell-extremes') throw new DecodeError('bad-option', `0x370 meaning '${String(opts.meaning370)}' is not cell-extremes or ascii-name`);
    return new PylonCanDecoder(dbc);
  }

  static fromDbc(dbc: Dbc): PylonCanDecoder {
    return new PylonCanDecoder(dbc);
  }

  /** Decodes a frame; ids the DBC does not describe come back as kind 'unknown' (no signals). Never throws. */
  decode(frame: CanFrameLike): PylonCanFrame {
    const fields: PylonCanFields = { id: frame.id, extended: frame.extended ?? false, rtr: frame.rtr ?? false, data_hex: toHex(frame.data) };
    if (frame.iface !== undefined) fields.iface = frame.iface;
    const d = frame.rtr ? undefined : decodeCanWithDbc(this.dbc, frame);
    if (!d) {
      fields.known = false;
      return { protocol: 'pylon-can', kind: 'unknown', fields, raw: frame.data, frame };
    }
    Object.assign(fields, d.values);
    const out: PylonCanFrame = { protocol: 'pylon-can', kind: 'message', message: d.message, fields, raw: frame.data, frame };
    return d.warnings.length > 0 ? { ...out, warnings: d.warnings } : out;
  }

  /**
   * A text line (or frame): DecodeError 'bad-format' when the line is not a CAN frame. An id the DBC
   * does not describe is no error: it comes back raw with `known: false` (a real bus carries ids
   * from other devices and newer firmware).
   */
  decodeStrict(input: string | CanFrameLike): PylonCanFrame {
    return this.decode(typeof input === 'string' ? parseCanLine(input) : input);
  }
}
