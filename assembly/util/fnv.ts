// FNV-1a, 64-bit, over a byte range, chained through `h` (start with FNV64_OFFSET).
export const FNV64_OFFSET: u64 = 0xcbf29ce484222325;
const FNV64_PRIME: u64 = 0x100000001b3;

export function fnv1a64(h: u64, addr: u32, len: u32): u64 {
  for (let i: u32 = 0; i < len; i++) {
    h ^= <u64>load<u8>(<usize>(addr + i));
    h *= FNV64_PRIME;
  }
  return h;
}
