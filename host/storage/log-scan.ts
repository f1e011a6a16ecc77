/**
 * Recovery scan: reads the whole region once and classifies every block and slot. Shared by the
 * live log (FlashLog.open) and dump import, so a device and its dump read the same.
 *
 * A record is accepted only when its seal is complete (exact check, seal.ts), its sequence number is
 * in 1..MAX_SEQ, its own CRC-32 verifies, its block header is valid, and its sequence number is above
 * every record accepted before it in log order (block sequence, then slot). Everything else that is
 * not all 0xFF is a torn slot: counted, never accepted, never programmed again before an erase.
 */
import { type FlashGeometry } from './flash-device.ts';
import { decodeHeader, logLayout, MAX_SEQ, RECORD_BYTES, type LogLayout } from './log-format.ts';
import { recordCrcOk } from './log-record.ts';
import { readSeal } from './seal.ts';

export type BlockState = 'valid' | 'blank' | 'invalid';

export interface BlockInfo {
  block: number;
  /** valid: sealed header; blank: all 0xFF; invalid: anything else (torn header, interrupted erase). */
  state: BlockState;
  /** Block sequence number (0 unless valid). */
  blockSeq: number;
  /** Erase count from the header (-1 unless valid). */
  eraseCount: number;
  committed: number;
  /** Non-empty slots that are not accepted records (interrupted writes and CRC failures). */
  torn: number;
  /** Of `torn`: slots whose seal is complete but whose record fails its CRC (damage after commit). */
  crcFailures: number;
  /** Empty slots followed by a non-empty slot: the writer fills slots in order, so something erased them. */
  erasedGaps: number;
  empty: number;
  /** Slot after the last non-empty one: where the next record goes if this block is the active one. */
  nextSlot: number;
}

export interface LogEntry {
  /** Log sequence number (the flash log's own, distinct from the core's record seq). */
  flashSeq: number;
  block: number;
  slot: number;
  /** The 32-B record, verbatim. */
  bytes: Uint8Array;
}

export interface ScanResult {
  layout: LogLayout;
  blocks: BlockInfo[];
  /** Accepted records, oldest first. */
  records: LogEntry[];
  /** Non-empty slots that did not hold a complete record (in valid blocks), CRC failures included. */
  tornSlots: number;
  /**
   * Damage to data that had been committed (never the trace of a power cut during a write):
   * crcFailures   sealed slots whose record fails its CRC (bit rot, a disturbed cell);
   * erasedGaps    erased slots before a later written slot of the same block;
   * missingBlocks block sequence numbers missing between the oldest and newest valid block;
   * missingRecords log sequence numbers missing between consecutive accepted records.
   */
  crcFailures: number;
  erasedGaps: number;
  missingBlocks: number;
  missingRecords: number;
  /** Complete-looking records dropped because their sequence did not increase (0 unless the medium lies). */
  outOfOrder: number;
  invalidBlocks: number;
  /** Index of the valid block with the highest block sequence; -1 when there is none. */
  active: number;
  /** Highest accepted log sequence number; 0 when the log is empty. */
  lastSeq: number;
  /** Highest block sequence number among valid blocks; 0 when there is none. */
  lastBlockSeq: number;
  /** Highest erase count among valid headers; -1 when none is known. */
  maxEraseCount: number;
}

function allErased(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

export function scanLog(read: (offset: number, length: number) => Uint8Array, g: FlashGeometry): ScanResult {
  const layout = logLayout(g);
  const blocks: BlockInfo[] = [];
  const candidates: { info: BlockInfo; entries: LogEntry[] }[] = [];
  let tornSlots = 0;
  for (let block = 0; block < g.blockCount; block++) {
    const bytes = read(block * g.blockSize_B, g.blockSize_B);
    const header = decodeHeader(bytes, g.programUnit_B);
    const info: BlockInfo = { block, state: 'invalid', blockSeq: 0, eraseCount: -1, committed: 0, torn: 0, crcFailures: 0, erasedGaps: 0, empty: 0, nextSlot: 0 };
    blocks.push(info);
    if (!header || header.blockSize_B !== g.blockSize_B) {
      if (allErased(bytes, 0, bytes.length)) info.state = 'blank';
      continue;
    }
    info.state = 'valid';
    info.blockSeq = header.blockSeq;
    info.eraseCount = header.eraseCount;
    const entries: LogEntry[] = [];
    for (let slot = 0; slot < layout.slotsPerBlock; slot++) {
      const at = layout.headerArea_B + slot * layout.slot_B;
      if (allErased(bytes, at, at + layout.slot_B)) {
        info.empty++;
        continue;
      }
      info.erasedGaps += slot - info.nextSlot; // empty slots since the previous non-empty one
      info.nextSlot = slot + 1;
      const seq = readSeal(bytes, at + RECORD_BYTES, g.programUnit_B);
      const sealed = seq !== undefined && seq !== 0 && seq <= MAX_SEQ;
      if (!sealed || !recordCrcOk(bytes, at)) {
        info.torn++;
        if (sealed) info.crcFailures++;
        continue;
      }
      info.committed++;
      entries.push({ flashSeq: seq, block, slot, bytes: bytes.slice(at, at + RECORD_BYTES) });
    }
    tornSlots += info.torn;
    candidates.push({ info, entries });
  }
  candidates.sort((x, y) => x.info.blockSeq - y.info.blockSeq || x.info.block - y.info.block);
  const records: LogEntry[] = [];
  let outOfOrder = 0;
  let lastSeq = 0;
  let missingRecords = 0;
  for (const { info, entries } of candidates) {
    for (const e of entries) {
      if (e.flashSeq <= lastSeq) {
        outOfOrder++;
        info.committed--;
        continue;
      }
      if (lastSeq > 0) missingRecords += e.flashSeq - lastSeq - 1;
      records.push(e);
      lastSeq = e.flashSeq;
    }
  }
  // valid blocks carry consecutive block sequence numbers: rotation only ever erases the oldest
  const seqs = candidates.map((c) => c.info.blockSeq);
  const missingBlocks = seqs.length ? seqs.at(-1)! - seqs[0]! + 1 - new Set(seqs).size : 0;
  const last = candidates.at(-1)?.info;
  return {
    layout,
    blocks,
    records,
    tornSlots,
    crcFailures: blocks.reduce((n, b) => n + b.crcFailures, 0),
    erasedGaps: blocks.reduce((n, b) => n + b.erasedGaps, 0),
    missingBlocks,
    missingRecords,
    outOfOrder,
    invalidBlocks: blocks.filter((b) => b.state === 'invalid').length,
    active: last ? last.block : -1,
    lastSeq,
    lastBlockSeq: last ? last.blockSeq : 0,
    maxEraseCount: blocks.reduce((m, b) => Math.max(m, b.eraseCount), -1),
  };
}
