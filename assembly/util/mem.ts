// Typed access to fixed linear-memory addresses. Addresses come from generated/layout.ts.
// The per-sample path works in f32 (hardware on Cortex-M4F); f64 is kept for time stamps and
// for the rare estimator updates.

@inline export function getF64(addr: u32): f64 { return load<f64>(<usize>addr); }
@inline export function setF64(addr: u32, v: f64): void { store<f64>(<usize>addr, v); }
@inline export function getF32(addr: u32): f32 { return load<f32>(<usize>addr); }
@inline export function setF32(addr: u32, v: f32): void { store<f32>(<usize>addr, v); }
@inline export function getU32(addr: u32): u32 { return load<u32>(<usize>addr); }
@inline export function setU32(addr: u32, v: u32): void { store<u32>(<usize>addr, v); }
@inline export function getI64(addr: u32): i64 { return load<i64>(<usize>addr); }
@inline export function setI64(addr: u32, v: i64): void { store<i64>(<usize>addr, v); }

/** Zeroes [addr, addr + bytes); both multiples of 8. Word loop: no bulk-memory in the MVP profile. */
export function zero(addr: u32, bytes: u32): void {
  for (let a = addr; a < addr + bytes; a += 8) store<u64>(<usize>a, 0);
}

/** Copies bytes (multiple of 4) word by word. */
export function copyWords(dst: u32, src: u32, bytes: u32): void {
  for (let i: u32 = 0; i < bytes; i += 4) store<u32>(<usize>(dst + i), load<u32>(<usize>(src + i)));
}
