/**
 * A NOR-flash model for tests: erase blocks, program units, bits that only go from 1 to 0, and power
 * cuts injected at any byte of a program or an erase.
 *
 * Rules enforced (each a FlashError, checked before anything is written, so a refused operation
 * changes nothing): aligned programs inside the device; a program never sets a bit (0 -> 1); with
 * `programOnce` (default) a unit that is no longer erased is never programmed again.
 *
 * Power cuts: `armPowerCut(n)` lets the next n bytes of work happen (a program of L bytes is L bytes,
 * an erase is blockSize_B bytes) and cuts the power at the next byte. What a cut leaves:
 * - program cut at byte k: the units before k's unit are programmed; k's unit is torn: none, all, or a
 *   random subset of the bits it was clearing are cleared (a unit is programmed as a whole); later
 *   units are untouched;
 * - erase cut at byte k (fraction p = k / blockSize_B), one of three realistic patterns:
 *   'prefix'     bytes [0, k) read 0xFF, byte k has random bits set, the rest keeps its old data;
 *   'scatter'    every 0 bit of the block has become 1 with probability p (cells erase unevenly);
 *   'preprogram' bytes [0, k) read 0x00 (devices that program every cell to 0 before the erase
 *                pulses), the rest keeps its old data.
 * After a cut every operation throws FlashError('powered-off') until powerOn().
 */
import { checkGeometry, type FlashDevice, type FlashGeometry } from './flash-device.ts';
import { FlashError, PowerCutError } from './errors.ts';

export interface NorFlashOptions extends FlashGeometry {
  /** A unit may be programmed only while fully erased (ECC flash). Default true. */
  programOnce?: boolean;
  /** Uniform 32-bit integers for the garbage a cut leaves; default a fixed-seed generator. */
  rand32?: () => number;
}

export type EraseCutPattern = 'prefix' | 'scatter' | 'preprogram';

export interface FlashStats {
  programOps: number;
  programBytes: number;
  eraseOps: number;
  cutsDuringProgram: number;
  cutsDuringErase: number;
  eraseCutPatterns: Record<EraseCutPattern, number>;
}

/** xorshift32 with a fixed seed: the default garbage source (tests pass their own seeded one). */
function defaultRand32(): () => number {
  let x = 0x2545f491;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

export class NorFlash implements FlashDevice {
  readonly geometry: FlashGeometry;
  /** Erases per block since the model was created (wear), including interrupted ones. */
  readonly eraseCounts: Uint32Array;
  readonly stats: FlashStats = { programOps: 0, programBytes: 0, eraseOps: 0, cutsDuringProgram: 0, cutsDuringErase: 0, eraseCutPatterns: { prefix: 0, scatter: 0, preprogram: 0 } };
  private readonly cells: Uint8Array;
  private readonly programOnce: boolean;
  private readonly rand32: () => number;
  /** Bytes of work left before the cut; undefined = no cut armed. */
  private budget: number | undefined;
  private powered = true;

  constructor(opts: NorFlashOptions) {
    this.geometry = { blockSize_B: opts.blockSize_B, blockCount: opts.blockCount, programUnit_B: opts.programUnit_B };
    checkGeometry(this.geometry, (m) => new FlashError(m, 'bad-geometry'));
    this.cells = new Uint8Array(opts.blockSize_B * opts.blockCount).fill(0xff);
    this.eraseCounts = new Uint32Array(opts.blockCount);
    this.programOnce = opts.programOnce ?? true;
    this.rand32 = opts.rand32 ?? defaultRand32();
  }

  get size_B(): number {
    return this.cells.length;
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Cuts the power after `bytes` more bytes of program/erase work (0 = at the first byte of the next operation). */
  armPowerCut(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0) throw new FlashError(`power-cut budget ${bytes}: must be a non-negative integer`, 'out-of-range');
    this.budget = bytes;
  }

  disarmPowerCut(): void {
    this.budget = undefined;
  }

  /** Restores power after a cut (the contents stay as the cut left them); disarms any pending cut. */
  powerOn(): void {
    this.powered = true;
    this.budget = undefined;
  }

  /** A copy of the whole region: what a debugger dump of the device returns. */
  image(): Uint8Array {
    return this.cells.slice();
  }

  read(offset: number, length: number): Uint8Array {
    this.checkPowered();
    this.checkRange(offset, length);
    return this.cells.slice(offset, offset + length);
  }

  program(offset: number, data: Uint8Array): void {
    this.checkPowered();
    const unit = this.geometry.programUnit_B;
    if (offset % unit !== 0 || data.length % unit !== 0) throw new FlashError(`program of ${data.length} B at ${offset}: not aligned to the ${unit}-B program unit`, 'misaligned');
    this.checkRange(offset, data.length);
    for (let i = 0; i < data.length; i++) {
      if ((data[i]! & ~this.cells[offset + i]!) & 0xff) throw new FlashError(`program at ${offset + i} would set a bit (0x${this.cells[offset + i]!.toString(16)} -> 0x${data[i]!.toString(16)}); only erase sets bits`, 'set-bit');
    }
    if (this.programOnce) {
      for (let u = 0; u < data.length; u += unit) {
        if (isErased(data, u, unit)) continue;
        if (!isErased(this.cells, offset + u, unit)) throw new FlashError(`program unit at ${offset + u} programmed twice without an erase`, 'reprogram');
      }
    }
    this.stats.programOps++;
    const cutAt = this.consume(data.length);
    if (cutAt === undefined) {
      this.cells.set(data, offset);
      this.stats.programBytes += data.length;
      return;
    }
    const unitStart = cutAt - (cutAt % unit);
    this.cells.set(data.subarray(0, unitStart), offset);
    const mode = this.rand32() % 4; // 0: nothing of the torn unit, 1: all of it, 2-3: a random subset of its bits
    for (let i = unitStart; i < unitStart + unit; i++) {
      const old = this.cells[offset + i]!;
      const clearing = old & ~data[i]!;
      const cleared = mode === 0 ? 0 : mode === 1 ? clearing : clearing & this.rand32();
      this.cells[offset + i] = old & ~cleared;
    }
    this.stats.programBytes += unitStart;
    this.stats.cutsDuringProgram++;
    this.powered = false;
    throw new PowerCutError('program', offset + cutAt);
  }

  erase(block: number): void {
    this.checkPowered();
    const size = this.geometry.blockSize_B;
    if (!Number.isInteger(block) || block < 0 || block >= this.geometry.blockCount) throw new FlashError(`erase of block ${block}: the device has ${this.geometry.blockCount} blocks`, 'out-of-range');
    this.stats.eraseOps++;
    this.eraseCounts[block]!++;
    const base = block * size;
    const cutAt = this.consume(size);
    if (cutAt === undefined) {
      this.cells.fill(0xff, base, base + size);
      return;
    }
    const patterns: EraseCutPattern[] = ['prefix', 'scatter', 'preprogram'];
    const pattern = patterns[this.rand32() % 3]!;
    if (pattern === 'prefix') {
      this.cells.fill(0xff, base, base + cutAt);
      this.cells[base + cutAt] = this.cells[base + cutAt]! | (this.rand32() & 0xff);
    } else if (pattern === 'preprogram') {
      this.cells.fill(0x00, base, base + cutAt);
    } else {
      const p = cutAt / size; // probability that a 0 bit has been erased
      for (let i = base; i < base + size; i++) {
        let set = 0;
        for (let bit = 0; bit < 8; bit++) if (this.rand32() / 4294967296 < p) set |= 1 << bit;
        this.cells[i] = this.cells[i]! | set;
      }
    }
    this.stats.eraseCutPatterns[pattern]++;
    this.stats.cutsDuringErase++;
    this.powered = false;
    throw new PowerCutError('erase', base + cutAt);
  }

  /** Spends `bytes` of the cut budget; returns the byte index of the cut inside this operation, if any. */
  private consume(bytes: number): number | undefined {
    if (this.budget === undefined) return undefined;
    if (this.budget < bytes) {
      const at = this.budget;
      this.budget = undefined;
      return at;
    }
    this.budget -= bytes;
    return undefined;
  }

  private checkPowered(): void {
    if (!this.powered) throw new FlashError('the device lost power: call powerOn() first', 'powered-off');
  }

  private checkRange(offset: number, length: number): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.cells.length) {
      throw new FlashError(`access [${offset}, ${offset + length}) outside the ${this.cells.length}-B device`, 'out-of-range');
    }
  }
}

function isErased(bytes: Uint8Array, from: number, length: number): boolean {
  for (let i = from; i < from + length; i++) if (bytes[i] !== 0xff) return false;
  return true;
}
