// Ed25519 signature verification (RFC 8032 section 5.1.7), with OpenSSL's acceptance rules so that it
// gives Node's crypto.verify verdict on every input: S must be below the group order L (a
// non-canonical S is refused), the public key must decode to a curve point (its y taken modulo p),
// and the signature holds when the canonical encoding of [S]B - [k]A equals R byte for byte
// (cofactorless; k = SHA-512(R || A || M) mod L). Variable time: every input is public.
import { FE, FE_BYTES, feSet, feSmall, feAdd, feSub, feMul, feSq, fePack, feUnpack, feEqual, feParity, feInv, fePow2523 } from './field';
import { sha512 } from './sha512';

export const VERIFY_OK: i32 = 0;
export const VERIFY_BAD_LENGTH: i32 = 1; // message longer than the buffer
export const VERIFY_S_NOT_CANONICAL: i32 = 2; // S >= L
export const VERIFY_BAD_KEY: i32 = 3; // the public key is not a curve point
export const VERIFY_MISMATCH: i32 = 4; // the equation does not hold

const PT_BYTES: i32 = 4 * FE_BYTES; // a point in extended coordinates X, Y, Z, T

/** Group order L = 2^252 + 27742317777372353535851937790883648493, little-endian bytes. */
const L: usize = memory.data<u8>([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

// constants, computed once from their definitions (no transcribed field elements)
const D: usize = memory.data(FE_BYTES); // -121665 / 121666
const D2: usize = memory.data(FE_BYTES); // 2 D
const SQRTM1: usize = memory.data(FE_BYTES); // 2^((p-1)/4), a square root of -1
const BASE: usize = memory.data(PT_BYTES); // B: y = 4/5, x even
let ready = false;

// scratch
const T: usize = memory.data(12 * FE_BYTES);
@inline function t(i: usize): usize { return T + i * FE; }
const NEG_A: usize = memory.data(PT_BYTES);
const B_NEG_A: usize = memory.data(PT_BYTES);
const ACC: usize = memory.data(PT_BYTES);
const ENC: usize = memory.data(32);
const HASH: usize = memory.data(64);
const K: usize = memory.data(32);
const X64: usize = memory.data(64 * 8);

/** Message buffer: R (32) and A (32) are copied in front of the message so that one hash covers all. */
export const MSG_CAPACITY: u32 = 1024;
const HBUF: usize = memory.data(64 + <i32>MSG_CAPACITY);
export const KEY: usize = memory.data(32);
export const SIG: usize = memory.data(64);
export const MSG: usize = HBUF + 64;

@inline function coord(p: usize, i: usize): usize { return p + i * FE; }

function setNeutral(p: usize): void {
  feSmall(coord(p, 0), 0); feSmall(coord(p, 1), 1); feSmall(coord(p, 2), 1); feSmall(coord(p, 3), 0);
}

function copyPoint(o: usize, p: usize): void { for (let i: usize = 0; i < 4; i++) feSet(coord(o, i), coord(p, i)); }

/** p += q (extended twisted Edwards coordinates, a = -1; the unified formula also doubles). */
function pointAdd(p: usize, q: usize): void {
  const a = t(0), b = t(1), c = t(2), d = t(3), e = t(4), f = t(5), g = t(6), h = t(7), s = t(8);
  feSub(a, coord(p, 1), coord(p, 0)); feSub(s, coord(q, 1), coord(q, 0)); feMul(a, a, s);
  feAdd(b, coord(p, 0), coord(p, 1)); feAdd(s, coord(q, 0), coord(q, 1)); feMul(b, b, s);
  feMul(c, coord(p, 3), coord(q, 3)); feMul(c, c, D2);
  feMul(d, coord(p, 2), coord(q, 2)); feAdd(d, d, d);
  feSub(e, b, a); feSub(f, d, c); feAdd(g, d, c); feAdd(h, b, a);
  feMul(coord(p, 0), e, f); feMul(coord(p, 1), h, g); feMul(coord(p, 2), g, f); feMul(coord(p, 3), e, h);
}

/** Canonical 32-byte encoding of a point: y, with the parity of x in the top bit. */
function pointPack(out: usize, p: usize): void {
  const zi = t(9), x = t(10), y = t(11);
  feInv(zi, coord(p, 2));
  feMul(x, coord(p, 0), zi);
  feMul(y, coord(p, 1), zi);
  fePack(out, y);
  store<u8>(out + 31, load<u8>(out + 31) ^ <u8>(feParity(x) << 7));
}

/** Decodes an encoding into r (negated when `negate`); false when no curve point has that y. */
function pointUnpack(r: usize, enc: usize, negate: bool): bool {
  const num = t(0), den = t(1), den2 = t(2), den4 = t(3), den6 = t(4), x = t(5), chk = t(6);
  feSmall(coord(r, 2), 1);
  feUnpack(coord(r, 1), enc);
  feSq(num, coord(r, 1));
  feMul(den, num, D);
  feSub(num, num, coord(r, 2)); // y^2 - 1
  feAdd(den, coord(r, 2), den); // d y^2 + 1
  feSq(den2, den); feSq(den4, den2); feMul(den6, den4, den2);
  feMul(x, den6, num); feMul(x, x, den);
  fePow2523(x, x);
  feMul(x, x, num); feMul(x, x, den); feMul(x, x, den); feMul(x, x, den);
  feSq(chk, x); feMul(chk, chk, den);
  if (!feEqual(chk, num)) feMul(x, x, SQRTM1);
  feSq(chk, x); feMul(chk, chk, den);
  if (!feEqual(chk, num)) return false;
  // pick the root whose parity is the sign bit (or the other one, for -P)
  const sign = <u32>load<u8>(enc + 31) >> 7;
  if ((feParity(x) == sign) == negate) { feSmall(chk, 0); feSub(x, chk, x); }
  feSet(coord(r, 0), x);
  feMul(coord(r, 3), coord(r, 0), coord(r, 1));
  return true;
}

function init(): void {
  const a = t(0);
  feSmall(a, 121666); feInv(a, a);
  feSmall(D, 0); feSmall(t(1), 121665); feSub(D, D, t(1)); feMul(D, D, a);
  feAdd(D2, D, D);
  // 2^(2^253 - 5): the exponent is 253 one bits with bit 2 cleared
  feSmall(SQRTM1, 2);
  feSmall(t(1), 2);
  for (let k = 251; k >= 0; k--) {
    feSq(SQRTM1, SQRTM1);
    if (k != 2) feMul(SQRTM1, SQRTM1, t(1));
  }
  // B: y = 4/5, x the even root
  feSmall(a, 5); feInv(a, a); feSmall(t(1), 4); feMul(t(1), t(1), a);
  fePack(ENC, t(1));
  pointUnpack(BASE, ENC, false);
  ready = true;
}

/** S < L (both little-endian 32-byte integers). */
function scalarCanonical(s: usize): bool {
  for (let i = 31; i >= 0; i--) {
    const a = load<u8>(s + i);
    const b = load<u8>(L + i);
    if (a < b) return true;
    if (a > b) return false;
  }
  return false; // S == L
}

@inline function xi(i: usize): i64 { return load<i64>(X64 + (i << 3)); }

/** The 64-byte little-endian integer at `x` modulo L, into 32 bytes at `out` (TweetNaCl's modL). */
function reduce(out: usize, x: usize): void {
  for (let i: usize = 0; i < 64; i++) store<i64>(X64 + (i << 3), <i64>load<u8>(x + i));
  for (let i = 63; i >= 32; i--) {
    let carry: i64 = 0;
    let j = i - 32;
    for (; j < i - 12; j++) {
      const v = xi(j) + carry - 16 * xi(i) * <i64>load<u8>(L + (j - (i - 32)));
      carry = (v + 128) >> 8;
      store<i64>(X64 + (j << 3), v - (carry << 8));
    }
    store<i64>(X64 + (j << 3), xi(j) + carry);
    store<i64>(X64 + (i << 3), 0);
  }
  let carry: i64 = 0;
  for (let j: usize = 0; j < 32; j++) {
    const v = xi(j) + carry - (xi(31) >> 4) * <i64>load<u8>(L + j);
    carry = v >> 8;
    store<i64>(X64 + (j << 3), v & 255);
  }
  for (let j: usize = 0; j < 32; j++) store<i64>(X64 + (j << 3), xi(j) - carry * <i64>load<u8>(L + j));
  for (let i: usize = 0; i < 32; i++) {
    store<i64>(X64 + ((i + 1) << 3), xi(i + 1) + (xi(i) >> 8));
    store<u8>(out + i, <u8>(xi(i) & 255));
  }
}

@inline function bit(s: usize, i: i32): u32 { return (<u32>load<u8>(s + (i >> 3)) >> (<u32>i & 7)) & 1; }

/** Verifies SIG over the `len` bytes at MSG with the public key at KEY; VERIFY_OK or a reason. */
export function ed25519Verify(len: u32): i32 {
  if (len > MSG_CAPACITY) return VERIFY_BAD_LENGTH;
  if (!ready) init();
  if (!scalarCanonical(SIG + 32)) return VERIFY_S_NOT_CANONICAL;
  if (!pointUnpack(NEG_A, KEY, true)) return VERIFY_BAD_KEY;
  for (let i: usize = 0; i < 32; i++) {
    store<u8>(HBUF + i, load<u8>(SIG + i));
    store<u8>(HBUF + 32 + i, load<u8>(KEY + i));
  }
  sha512(HBUF, 64 + len, HASH);
  reduce(K, HASH);
  // [S]B + [k](-A), both scalars at once (Straus): one doubling per bit, at most one addition
  copyPoint(B_NEG_A, BASE);
  pointAdd(B_NEG_A, NEG_A);
  setNeutral(ACC);
  for (let i = 255; i >= 0; i--) {
    pointAdd(ACC, ACC);
    const s = bit(SIG + 32, i);
    const k = bit(K, i);
    if (s != 0 && k != 0) pointAdd(ACC, B_NEG_A);
    else if (s != 0) pointAdd(ACC, BASE);
    else if (k != 0) pointAdd(ACC, NEG_A);
  }
  pointPack(ENC, ACC);
  for (let i: usize = 0; i < 32; i++) if (load<u8>(ENC + i) != load<u8>(SIG + i)) return VERIFY_MISMATCH;
  return VERIFY_OK;
}
