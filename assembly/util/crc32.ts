// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
// Bitwise: no table, 8 shifts per byte. Used for log records (28 B) and parameter blocks only,
// never per sample, so the smaller code wins over a 1 KiB table.
export function crc32(addr: u32, len: u32): u32 {
  let c: u32 = 0xffffffff;
  for (let i: u32 = 0; i < len; i++) {
    c ^= <u32>load<u8>(<usize>(addr + i));
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & (0 - (c & 1)));
  }
  return c ^ 0xffffffff;
}
