/**
 * On-flash format of the lifecycle log (docs/flash-log.md is the normative description).
 *
 * Each erase block:  [header 16 B, 0xFF-padded to a whole unit][header seal unit][slot 0]...[slot n-1][unused tail]
 * header (u32 LE unless noted): magic 'BMSL' | format u8 | log2(program unit) u8 | log2(block size) u8
 *                               | reserved u8 = 0 | block sequence | erase count
 * header seal: CRC-32 of the 16 header bytes, as a complement-pair seal (seal.ts)
 * slot:        the core's 32-B log record, verbatim (its own CRC-32 over bytes 0..27)
 *              then a seal unit holding the log sequence number (1, 2, 3 ... never 0 or 0xFFFFFFFF)
 * Every unit is programmed once per erase; the seal of a structure is programmed after its data.
 */
import { type FlashGeometry } from './flash-device.ts';
import { crc32 } from '../../layout/crc32.ts';
import { encodeSeal, readSeal, sealUnitBytes } from './seal.ts';

export const LOG_MAGIC = 0x4c534d42; // 'BMSL' little-endian
export const LOG_FORMAT = 1;
export const HEADER_BYTES = 16;
export const RECORD_BYTES = 32;
/** Largest usable sequence number (block or record); 0xFFFFFFFF would seal as (FFFFFFFF, 0). */
export const MAX_SEQ = 0xfffffffe;

export interface LogLayout {
  readonly geometry: FlashGeometry;
  /** Header plus its seal, bytes: where slot 0 starts. */
  readonly headerArea_B: number;
  /** Record plus its seal, bytes. */
  readonly slot_B: number;
  readonly slotsPerBlock: number;
}

export interface BlockHeader {
  blockSeq: number;
  eraseCount: number;
  programUnit_B: number;
  blockSize_B: number;
}

/** Header bytes on the medium: 16, padded with 0xFF to a whole program unit. */
export function headerUnitBytes(programUnit_B: number): number {
  return Math.max(HEADER_BYTES, programUnit_B);
}

export function logLayout(g: FlashGeometry): LogLayout {
  const seal = sealUnitBytes(g.programUnit_B);
  const headerArea_B = headerUnitBytes(g.programUnit_B) + seal;
  const slot_B = RECORD_BYTES + seal;
  return { geometry: g, headerArea_B, slot_B, slotsPerBlock: Math.floor((g.blockSize_B - headerArea_B) / slot_B) };
}

/** Byte offset of `slot` of `block` from the start of the region. */
export function slotOffset(l: LogLayout, block: number, slot: number): number {
  return block * l.geometry.blockSize_B + l.headerArea_B + slot * l.slot_B;
}

/** Header and its seal, ready to program at the start of a freshly erased block. */
export function encodeHeader(g: FlashGeometry, blockSeq: number, eraseCount: number): { header: Uint8Array; seal: Uint8Array } {
  const header = new Uint8Array(headerUnitBytes(g.programUnit_B)).fill(0xff);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, LOG_MAGIC, true);
  header[4] = LOG_FORMAT;
  header[5] = Math.log2(g.programUnit_B);
  header[6] = Math.log2(g.blockSize_B);
  header[7] = 0;
  dv.setUint32(8, blockSeq >>> 0, true);
  dv.setUint32(12, eraseCount >>> 0, true);
  return { header, seal: encodeSeal(crc32(header, 0, HEADER_BYTES), g.programUnit_B) };
}

/**
 * Decodes the header at the start of `block` (bytes of that block, from 0). Undefined unless the
 * seal is complete, the CRC matches and every field is plausible. `programUnit_B` is the unit the
 * seal was padded to; pass the geometry's, or each candidate when the geometry is unknown (dumps).
 */
export function decodeHeader(block: Uint8Array, programUnit_B: number): BlockHeader | undefined {
  const sealAt = headerUnitBytes(programUnit_B);
  if (block.length < sealAt + sealUnitBytes(programUnit_B)) return undefined;
  const sealed = readSeal(block, sealAt, programUnit_B);
  if (sealed === undefined || sealed !== crc32(block, 0, HEADER_BYTES)) return undefined;
  const dv = new DataView(block.buffer, block.byteOffset, HEADER_BYTES);
  if (dv.getUint32(0, true) !== LOG_MAGIC || block[4] !== LOG_FORMAT || block[7] !== 0) return undefined;
  const unitLog2 = block[5]!;
  const blockLog2 = block[6]!;
  if (unitLog2 > 5 || 1 << unitLog2 !== programUnit_B || blockLog2 < 8 || blockLog2 > 20) return undefined;
  const blockSeq = dv.getUint32(8, true);
  if (blockSeq === 0 || blockSeq > MAX_SEQ) return undefined;
  return { blockSeq, eraseCount: dv.getUint32(12, true), programUnit_B, blockSize_B: 1 << blockLog2 };
}
