/**
 * Test helpers: a seeded PRNG and synthetic core log records (32 B, CRC computed with the bitwise
 * reference crc32, independent of layout/crc32.ts).
 */
import { bitwiseCrc32 as crc32 } from '../../helpers/crc32-reference.ts';

/** xorshift128: uniform u32 from a seed; `below(n)` is uniform in [0, n) up to 2^-32 bias. */
export class Seeded {
  private s: Uint32Array;
  constructor(seed: number) {
    this.s = new Uint32Array([seed >>> 0 || 1, 0x6c078965, 0x9908b0df, 0x2545f491]);
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const s = this.s;
    let t = s[3]!;
    t ^= t << 11;
    t ^= t >>> 8;
    s[3] = s[2]!;
    s[2] = s[1]!;
    s[1] = s[0]!;
    t ^= s[0]!;
    t ^= s[0]! >>> 19;
    s[0] = t;
    return t >>> 0;
  }
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
}

/** A valid core log record: seq, type 1..8, flags, t_s, payload a/b/c, CRC over bytes 0..27. */
export function makeRecord(seq: number, rng: Seeded): Uint8Array {
  const out = new Uint8Array(32);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, seq >>> 0, true);
  dv.setUint16(4, 1 + rng.below(8), true);
  dv.setUint16(6, rng.u32() & 0xffff, true);
  dv.setFloat64(8, seq * 10.5, true);
  dv.setFloat32(16, rng.u32() / 1e6, true);
  dv.setFloat32(20, rng.u32() / 1e7, true);
  dv.setFloat32(24, rng.below(100), true);
  dv.setUint32(28, crc32(out.subarray(0, 28)), true);
  return out;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
