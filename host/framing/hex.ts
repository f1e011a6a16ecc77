/** Hex text <-> bytes. Accepts upper or lower case, spaces, colons and a leading `0x`. */
import { DecodeError } from '../protocols/errors.ts';

const HEX = '0123456789abcdef';
/** The two hex digits of every byte value (one string concatenation per byte). */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

/** Lower-case hex of the bytes, no separators ("" for no bytes). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    s += BYTE_HEX[bytes[i] as number]!;
  }
  return s;
}

/** Parses hex text; throws DecodeError('bad-format') on an odd digit count or a non-hex character. */
export function fromHex(text: string): Uint8Array {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:,-]/g, '');
  if (clean.length % 2 !== 0) throw new DecodeError('bad-format', `hex text has an odd number of digits (${clean.length})`);
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new DecodeError('bad-format', `not hex: '${text.length > 40 ? text.slice(0, 40) + '…' : text}'`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
