/**
 * Bit extraction and scaling of one DBC signal from a CAN payload. Pure.
 *
 * Bit numbering (DBC convention): bit k of the payload is bit (k & 7) of byte (k >> 3).
 * Intel (@1): start_bit is the LSB, the signal runs upwards. Motorola (@0): start_bit is the MSB,
 * the signal runs towards less significant bits in "sawtooth" order (bit 0 of a byte is followed
 * by bit 7 of the next byte).
 * Scaling is decimal-exact: the factor/offset text (0.1, 1e-05, -273.15) gives a power of ten so
 * 552 × 0.1 becomes 552 / 10 = 55.2 exactly as a JSON number, not 55.2000000001.
 */
import type { DbcSignal } from './dbc-types.ts';

/** The raw unsigned bits of the signal (number up to 52 bits, bigint above), or undefined when they lie beyond the payload. */
export function extractRawBits(data: Uint8Array, s: DbcSignal): number | bigint | undefined {
  const nbits = data.length * 8;
  const wide = s.length_bits > 52;
  let v = 0;
  let big = 0n;
  const take = (pos: number): boolean => {
    if (pos < 0 || pos >= nbits) return false;
    const bit = ((data[pos >> 3] as number) >> (pos & 7)) & 1;
    if (wide) big = (big << 1n) | BigInt(bit);
    else v = v * 2 + bit;
    return true;
  };
  if (s.little_endian) {
    for (let k = s.length_bits - 1; k >= 0; k--) if (!take(s.start_bit + k)) return undefined;
  } else {
    let pos = s.start_bit;
    for (let k = 0; k < s.length_bits; k++) {
      if (!take(pos)) return undefined;
      pos = (pos & 7) === 0 ? pos + 15 : pos - 1;
    }
  }
  return wide ? big : v;
}

/** Two's complement when the signal is signed. */
export function signedRaw(raw: number | bigint, s: DbcSignal): number | bigint {
  if (!s.signed) return raw;
  if (typeof raw === 'bigint') return BigInt.asIntN(s.length_bits, raw);
  const half = 2 ** (s.length_bits - 1);
  return raw >= half ? raw - 2 * half : raw;
}

/**
 * Decimal places of a number as written (0.1 -> 1, 1e-05 -> 5, 2.5E+1 -> 0, 0x10 -> 0); -1 when
 * the text is no plain decimal (the scaling then falls back to floating point).
 */
export function decimals(text: string): number {
  if (/^[+-]?0[xob]/i.test(text)) return 0;
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) return -1;
  return Math.max(0, (m[2] ?? '').length - Number(m[3] ?? 0));
}

/** Physical value: float reinterpretation for SIG_VALTYPE_ floats, else raw × factor + offset, decimal-exact where possible. */
export function physicalValue(raw: number | bigint, s: DbcSignal): number {
  if (s.value_type === 'float32' || s.value_type === 'float64') {
    const dv = new DataView(new ArrayBuffer(8));
    if (s.value_type === 'float32') { dv.setUint32(0, Number(BigInt.asUintN(32, BigInt(raw)))); return dv.getFloat32(0) * s.factor + s.offset; }
    dv.setBigUint64(0, BigInt.asUintN(64, BigInt(raw)));
    return dv.getFloat64(0) * s.factor + s.offset;
  }
  const r = signedRaw(raw, s);
  if (typeof r === 'bigint') return Number(r) * s.factor + s.offset; // exact integers: see exactValue
  const d = Math.max(decimals(s.factor_text), decimals(s.offset_text));
  if (d < 0 || d > 12) return r * s.factor + s.offset;
  const pow = 10 ** d;
  const F = Math.round(s.factor * pow);
  const O = Math.round(s.offset * pow);
  const scaled = r * F + O;
  if (!Number.isSafeInteger(scaled)) return r * s.factor + s.offset;
  const v = scaled / pow;
  return v === 0 ? 0 : v;
}

/**
 * The exact value of a wide integer signal (over 53 bits) with factor 1 and an integer offset, as a
 * bigint; undefined when a double holds the value exactly or scaling makes it non-integer.
 */
export function exactValue(raw: number | bigint, s: DbcSignal): bigint | undefined {
  if (typeof raw !== 'bigint' || s.value_type !== 'integer' || s.factor !== 1 || !Number.isInteger(s.offset)) return undefined;
  const v = (signedRaw(raw, s) as bigint) + BigInt(s.offset);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? undefined : v;
}
