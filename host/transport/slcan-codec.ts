/**
 * The SLCAN (Lawicel ASCII) pieces the SLCAN transport needs besides line decoding (which is the
 * protocols' `slcanLineToCanFrame`): the bit-rate table, encoding a frame to transmit, and
 * splitting the adapter's byte stream into lines and replies.
 *
 * Transmit grammar (CR-terminated): `tIIIL<2L hex>` (11-bit), `TIIIIIIIIL<2L hex>` (29-bit),
 * `rIIIL` / `RIIIIIIIIL` (remote). Replies: CR alone = ok, BEL (0x07) = error, `z` / `Z` =
 * transmit ok (Lawicel), anything else (`V1013`, `NA123`, `F00`) = a command reply.
 */
import type { CanFrame } from './transport.ts';

export const CR = 0x0d;
export const BEL = 0x07;

/** Bit-rate command index for `S0`..`S8`, in bit/s. */
export const SLCAN_BITRATES = [10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 750_000, 1_000_000] as const;

export function bitrateCommand(bitrate_bps: number): string {
  const i = SLCAN_BITRATES.indexOf(bitrate_bps as (typeof SLCAN_BITRATES)[number]);
  if (i < 0) throw new RangeError(`SLCAN has no S-command for ${bitrate_bps} bit/s (have ${SLCAN_BITRATES.join(', ')})`);
  return `S${i}`;
}

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/** The transmit line for a frame, CR included. */
export function encodeFrameLine(f: Pick<CanFrame, 'id' | 'extended' | 'rtr' | 'dlc' | 'data'>): string {
  const maxId = f.extended ? 0x1fffffff : 0x7ff;
  if (!Number.isInteger(f.id) || f.id < 0 || f.id > maxId) throw new RangeError(`CAN id 0x${f.id.toString(16)} out of range for ${f.extended ? 29 : 11}-bit`);
  if (!Number.isInteger(f.dlc) || f.dlc < 0 || f.dlc > 8) throw new RangeError(`DLC ${f.dlc} out of range 0..8`);
  const letter = f.rtr ? (f.extended ? 'R' : 'r') : f.extended ? 'T' : 't';
  const id = hex(f.id, f.extended ? 8 : 3);
  const data = f.rtr ? '' : Array.from(f.data.subarray(0, f.dlc), (b) => hex(b, 2)).join('');
  return `${letter}${id}${f.dlc}${data}\r`;
}

/** One unit of the adapter's output. */
export type SlcanToken = { kind: 'ok' } | { kind: 'error' } | { kind: 'line'; line: string };

/**
 * Splits the adapter's byte stream into tokens. Keeps a partial line across chunks (bounded: a
 * line longer than `maxLine` characters is junk and is dropped, counted in `overlong`).
 */
export class SlcanLineSplitter {
  private partial = '';
  overlong = 0;

  constructor(private readonly maxLine = 64) {}

  push(bytes: Uint8Array): SlcanToken[] {
    const out: SlcanToken[] = [];
    for (const b of bytes) {
      if (b === BEL) {
        this.partial = '';
        out.push({ kind: 'error' });
      } else if (b === CR || b === 0x0a) {
        if (this.partial === '') {
          if (b === CR) out.push({ kind: 'ok' });
        } else {
          out.push({ kind: 'line', line: this.partial });
          this.partial = '';
        }
      } else if (this.partial.length >= this.maxLine) {
        this.overlong++;
        this.partial = '';
      } else {
        this.partial += String.fromCharCode(b);
      }
    }
    return out;
  }

  reset(): void {
    this.partial = '';
  }
}
