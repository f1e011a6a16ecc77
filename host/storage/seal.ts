/**
 * The commit seal: a value v stored as the pair (v, ~v), u32 little-endian each, padded with 0xFF
 * to a whole program unit, and programmed after the data it seals.
 *
 * Why a complement pair: programming only clears bits and erasing only sets them. In a complete
 * seal every bit position holds exactly one 0 (in v or in ~v). An interrupted program leaves some
 * position with two 1s; an interrupted erase turns some 0 into 1, again two 1s; an erased seal is
 * all 1s. So a seal reads valid only if its program finished and no erase touched it: the check
 * is exact, not probabilistic (a CRC would miss one torn seal in 2^32).
 */
export const SEAL_BYTES = 8;

/** Size of the seal on the medium: one whole program unit, at least 8 bytes. */
export function sealUnitBytes(programUnit_B: number): number {
  return Math.max(SEAL_BYTES, programUnit_B);
}

export function encodeSeal(value: number, programUnit_B: number): Uint8Array {
  const out = new Uint8Array(sealUnitBytes(programUnit_B)).fill(0xff);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, value >>> 0, true);
  dv.setUint32(4, ~value >>> 0, true);
  return out;
}

/** The sealed value, or undefined when the seal is torn, erased or garbage (padding must read 0xFF). */
export function readSeal(bytes: Uint8Array, at: number, programUnit_B: number): number | undefined {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const v = dv.getUint32(at, true);
  const c = dv.getUint32(at + 4, true);
  if ((v ^ c) >>> 0 !== 0xffffffff) return undefined;
  for (let i = at + SEAL_BYTES; i < at + sealUnitBytes(programUnit_B); i++) if (bytes[i] !== 0xff) return undefined;
  return v;
}
