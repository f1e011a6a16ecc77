/**
 * What the log needs from a flash device: the firmware contract in code (docs/flash-log.md).
 * Offsets are bytes from the start of the log's region; blocks are numbered from 0.
 *
 * Invariants every implementation keeps (NOR semantics):
 * - erased bytes read 0xFF; `erase(block)` sets every byte of the block to 0xFF;
 * - `program` can only clear bits (1 -> 0); it never sets a bit, and a unit is programmed at most once
 *   between two erases (ECC flash such as STM32 L4/G4/H7 forbids more);
 * - operations are synchronous and ordered: when `program` returns, the bytes are on the medium,
 *   so a later program (the seal) can never reach the medium before an earlier one (the record).
 */

export interface FlashGeometry {
  /** Erase-block size, bytes (power of two, >= 256). */
  readonly blockSize_B: number;
  /** Number of erase blocks in the region (>= 2). */
  readonly blockCount: number;
  /** Program unit, bytes (power of two, 1..32; STM32H7 has 32): address and length of a program are multiples of it. */
  readonly programUnit_B: number;
}

export interface FlashDevice {
  readonly geometry: FlashGeometry;
  /** Copy of `length` bytes from `offset`. */
  read(offset: number, length: number): Uint8Array;
  /** Programs `data` at `offset` (both aligned to the program unit). */
  program(offset: number, data: Uint8Array): void;
  /** Erases block `block` to 0xFF. */
  erase(block: number): void;
}

const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Throws (with `makeError`) unless the geometry satisfies the contract above. */
export function checkGeometry(g: FlashGeometry, makeError: (message: string) => Error): void {
  if (!isPow2(g.blockSize_B) || g.blockSize_B < 256 || g.blockSize_B > 1 << 20) throw makeError(`block size ${g.blockSize_B} B: must be a power of two in 256 B..1 MiB`);
  if (!isPow2(g.programUnit_B) || g.programUnit_B > 32) throw makeError(`program unit ${g.programUnit_B} B: must be a power of two in 1..32 B`);
  if (!Number.isInteger(g.blockCount) || g.blockCount < 2 || g.blockCount > 65536) throw makeError(`block count ${g.blockCount}: must be an integer in 2..65536`);
}
