/**
 * Bounds-unchecked integer readers over a Uint8Array. Callers check lengths first (the decoders do,
 * and throw DecodeError('length') before reading); an out-of-range read yields NaN-free garbage 0s,
 * never an exception, because `undefined | 0` is 0.
 */
export const u8 = (b: Uint8Array, i: number): number => (b[i] as number) | 0;
export const u16be = (b: Uint8Array, i: number): number => ((u8(b, i) << 8) | u8(b, i + 1)) >>> 0;
export const s16be = (b: Uint8Array, i: number): number => (u16be(b, i) << 16) >> 16;
export const u32be = (b: Uint8Array, i: number): number => ((u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3)) >>> 0;
export const u16le = (b: Uint8Array, i: number): number => (u8(b, i) | (u8(b, i + 1) << 8)) >>> 0;
export const s16le = (b: Uint8Array, i: number): number => (u16le(b, i) << 16) >> 16;
export const u32le = (b: Uint8Array, i: number): number => (u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) | (u8(b, i + 3) << 24)) >>> 0;
export const s32le = (b: Uint8Array, i: number): number => u32le(b, i) | 0;

/** IEEE-754 float32, little-endian. */
export function f32le(b: Uint8Array, i: number): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return i + 4 <= b.length ? dv.getFloat32(i, true) : 0;
}

/** ASCII text of bytes [start, end), cut at the first NUL, trailing spaces kept (callers trim if the field is padded). */
export function ascii(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < b.length; i++) {
    const c = b[i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Sum of bytes [start, end) (no wrap: callers mask). */
export function sum(b: Uint8Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += b[i] as number;
  return s;
}
