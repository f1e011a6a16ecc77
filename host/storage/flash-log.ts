/**
 * The power-loss-safe lifecycle log on a FlashDevice: a ring of erase blocks, each with a sealed
 * header (block sequence, erase count), holding the core's 32-B records, each sealed by its log
 * sequence number after the record is on the medium.
 *
 * Commit protocol of one record (append): program the 32-B record into the next empty slot, then
 * program the seal. The record is committed when the seal program returns; a cut before that leaves
 * a torn slot (discarded at start-up) or an empty one (reused).
 * Rotation, when the active block is full: erase the next block in ring order (always the oldest, or
 * a torn/blank one), program its header, then its header seal; only then is it the active block. A
 * cut anywhere in a rotation leaves the previous active block the newest valid one, and the same
 * block is erased again at the next append.
 * Start-up (open): scanLog finds the newest valid block and the slot after its last non-empty slot;
 * the sequence continues at the highest accepted sequence + 1.
 * Retention: at least (blockCount - 1) * slotsPerBlock slots of records, minus torn slots.
 */
import { type FlashDevice } from './flash-device.ts';
import { FlashLogError } from './errors.ts';
import { encodeHeader, MAX_SEQ, RECORD_BYTES, slotOffset, type LogLayout } from './log-format.ts';
import { recordCrcOk } from './log-record.ts';
import { scanLog, type LogEntry, type ScanResult } from './log-scan.ts';
import { encodeSeal } from './seal.ts';

export interface AppendResult {
  flashSeq: number;
  block: number;
  slot: number;
}

export class FlashLog {
  /** What the start-up scan found (torn slots, invalid blocks, records recovered). */
  readonly recovery: ScanResult;
  readonly layout: LogLayout;
  private active: number;
  private nextSlot: number;
  private nextSeq: number;
  private nextBlockSeq: number;
  /** Erase count per block: from its header; 0 for a blank block; -1 unknown (torn header: the highest known is used). */
  private readonly eraseCounts: number[];

  private constructor(
    private readonly dev: FlashDevice,
    scan: ScanResult,
  ) {
    this.recovery = scan;
    this.layout = scan.layout;
    this.active = scan.active;
    this.nextSlot = scan.active >= 0 ? scan.blocks[scan.active]!.nextSlot : scan.layout.slotsPerBlock;
    this.nextSeq = scan.lastSeq + 1;
    this.nextBlockSeq = scan.lastBlockSeq + 1;
    this.eraseCounts = scan.blocks.map((b) => (b.state === 'valid' ? b.eraseCount : b.state === 'blank' ? 0 : -1));
  }

  /** Start-up: scans the device and positions the log after the last committed record. */
  static open(dev: FlashDevice): FlashLog {
    return new FlashLog(dev, scanLog((o, n) => dev.read(o, n), dev.geometry));
  }

  /** Sequence number the next append will get. */
  get nextFlashSeq(): number {
    return this.nextSeq;
  }

  /** Appends one core log record (32 B, CRC verified); returns where it was committed. */
  append(record: Uint8Array): AppendResult {
    if (record.length !== RECORD_BYTES || !recordCrcOk(record)) throw new FlashLogError(`refusing a record of ${record.length} B whose CRC does not verify`, 'bad-record');
    if (this.nextSeq > MAX_SEQ) throw new FlashLogError('log sequence numbers exhausted', 'sequence-exhausted');
    if (this.active < 0 || this.nextSlot >= this.layout.slotsPerBlock) this.rotate();
    const seq = this.nextSeq;
    const block = this.active;
    const slot = this.nextSlot;
    // the slot is consumed whatever happens next: a failed program must never be retried in place
    this.nextSlot++;
    const at = slotOffset(this.layout, block, slot);
    this.dev.program(at, record);
    this.dev.program(at + RECORD_BYTES, encodeSeal(seq, this.layout.geometry.programUnit_B));
    this.nextSeq++;
    return { flashSeq: seq, block, slot };
  }

  /** The committed records now on the device, oldest first (a fresh scan). */
  records(): LogEntry[] {
    return scanLog((o, n) => this.dev.read(o, n), this.dev.geometry).records;
  }

  /** Erases the next block in ring order and makes it the active block. */
  private rotate(): void {
    const g = this.layout.geometry;
    if (this.nextBlockSeq > MAX_SEQ) throw new FlashLogError('block sequence numbers exhausted', 'sequence-exhausted');
    const target = this.active < 0 ? 0 : (this.active + 1) % g.blockCount;
    const known = this.eraseCounts[target]!;
    const eraseCount = (known >= 0 ? known : Math.max(0, ...this.eraseCounts)) + 1;
    this.eraseCounts[target] = -1; // unknown until the header is sealed
    this.dev.erase(target);
    const { header, seal } = encodeHeader(g, this.nextBlockSeq, eraseCount);
    const base = target * g.blockSize_B;
    this.dev.program(base, header);
    this.dev.program(base + header.length, seal);
    this.eraseCounts[target] = eraseCount;
    this.active = target;
    this.nextSlot = 0;
    this.nextBlockSeq++;
  }
}
