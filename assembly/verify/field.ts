// Arithmetic modulo p = 2^255 - 19 on 16 limbs of 16 bits held in i64 (the TweetNaCl representation:
// simple, and every intermediate fits in i64 with room). A field element is 128 bytes of linear memory
// at a fixed address; every function takes addresses and writes its result in place (outputs may
// alias inputs). Not constant-time: verification works on public data only.

export const FE: usize = 128; // bytes per field element
export const FE_BYTES: i32 = 128; // the same, for memory.data

@inline function get(a: usize, i: usize): i64 { return load<i64>(a + (i << 3)); }
@inline function put(a: usize, i: usize, v: i64): void { store<i64>(a + (i << 3), v); }

const PRODUCT: usize = memory.data(31 * 8); // schoolbook product of two elements
const PK_T: usize = memory.data(FE_BYTES); // pack scratch
const PK_M: usize = memory.data(FE_BYTES);
const CMP_A: usize = memory.data(32);
const CMP_B: usize = memory.data(32);
const POW: usize = memory.data(FE_BYTES);

export function feSet(o: usize, a: usize): void { for (let i: usize = 0; i < 16; i++) put(o, i, get(a, i)); }
export function feSmall(o: usize, v: i64): void { put(o, 0, v); for (let i: usize = 1; i < 16; i++) put(o, i, 0); }

/** Propagates carries so every limb is back in 0..2^16 (the top carry folds back as 38 = 2 x 19). */
function carry(o: usize): void {
  for (let i: usize = 0; i < 16; i++) {
    put(o, i, get(o, i) + (1 << 16));
    const c = get(o, i) >> 16;
    if (i < 15) put(o, i + 1, get(o, i + 1) + c - 1);
    else put(o, 0, get(o, 0) + 38 * (c - 1));
    put(o, i, get(o, i) - (c << 16));
  }
}

export function feAdd(o: usize, a: usize, b: usize): void { for (let i: usize = 0; i < 16; i++) put(o, i, get(a, i) + get(b, i)); }
export function feSub(o: usize, a: usize, b: usize): void { for (let i: usize = 0; i < 16; i++) put(o, i, get(a, i) - get(b, i)); }

export function feMul(o: usize, a: usize, b: usize): void {
  for (let i: usize = 0; i < 31; i++) put(PRODUCT, i, 0);
  for (let i: usize = 0; i < 16; i++) {
    const ai = get(a, i);
    for (let j: usize = 0; j < 16; j++) put(PRODUCT, i + j, get(PRODUCT, i + j) + ai * get(b, j));
  }
  for (let i: usize = 0; i < 15; i++) put(PRODUCT, i, get(PRODUCT, i) + 38 * get(PRODUCT, i + 16)); // 2^256 = 38 mod p
  for (let i: usize = 0; i < 16; i++) put(o, i, get(PRODUCT, i));
  carry(o);
  carry(o);
}

export function feSq(o: usize, a: usize): void { feMul(o, a, a); }

/** Canonical little-endian 32-byte encoding (fully reduced below p). */
export function fePack(out: usize, n: usize): void {
  feSet(PK_T, n);
  carry(PK_T); carry(PK_T); carry(PK_T);
  for (let j = 0; j < 2; j++) {
    put(PK_M, 0, get(PK_T, 0) - 0xffed);
    for (let i: usize = 1; i < 15; i++) {
      put(PK_M, i, get(PK_T, i) - 0xffff - ((get(PK_M, i - 1) >> 16) & 1));
      put(PK_M, i - 1, get(PK_M, i - 1) & 0xffff);
    }
    put(PK_M, 15, get(PK_T, 15) - 0x7fff - ((get(PK_M, 14) >> 16) & 1));
    const borrow = (get(PK_M, 15) >> 16) & 1;
    put(PK_M, 14, get(PK_M, 14) & 0xffff);
    if (borrow == 0) feSet(PK_T, PK_M); // t >= p: take t - p
  }
  for (let i: usize = 0; i < 16; i++) {
    store<u8>(out + 2 * i, <u8>(get(PK_T, i) & 0xff));
    store<u8>(out + 2 * i + 1, <u8>(get(PK_T, i) >> 8));
  }
}

/** Reads 32 little-endian bytes, ignoring the top bit (the value may be >= p: arithmetic reduces it). */
export function feUnpack(o: usize, n: usize): void {
  for (let i: usize = 0; i < 16; i++) put(o, i, <i64>load<u8>(n + 2 * i) + (<i64>load<u8>(n + 2 * i + 1) << 8));
  put(o, 15, get(o, 15) & 0x7fff);
}

export function feEqual(a: usize, b: usize): bool {
  fePack(CMP_A, a);
  fePack(CMP_B, b);
  for (let i: usize = 0; i < 32; i++) if (load<u8>(CMP_A + i) != load<u8>(CMP_B + i)) return false;
  return true;
}

/** Parity (lowest bit) of the canonical value: the "sign" of x in point encodings. */
export function feParity(a: usize): u32 {
  fePack(CMP_A, a);
  return <u32>load<u8>(CMP_A) & 1;
}

/** a^(p-2) = 1/a (0 for 0). */
export function feInv(o: usize, a: usize): void {
  feSet(POW, a);
  for (let k = 253; k >= 0; k--) {
    feSq(POW, POW);
    if (k != 2 && k != 4) feMul(POW, POW, a);
  }
  feSet(o, POW);
}

/** a^((p-5)/8) = a^(2^252 - 3): the square-root exponent of the point decompression. */
export function fePow2523(o: usize, a: usize): void {
  feSet(POW, a);
  for (let k = 250; k >= 0; k--) {
    feSq(POW, POW);
    if (k != 1) feMul(POW, POW, a);
  }
  feSet(o, POW);
}
