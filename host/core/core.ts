/**
 * Loader and typed wrapper of build/core.wasm. The wrapper adds no model of its own: it moves
 * samples in, reads estimates out, and turns the core's status codes into typed errors.
 */
import { readFileSync, existsSync } from 'node:fs';
import { Chemistry, Flag, INPUT_CAPACITY, LogType, EventType, PARAMS_SIZE } from '../../layout/core-layout.ts';
import { buildParams, type BuildOptions, type ChemistryName } from '../../layout/presets.ts';
import { packagePath } from '../package-root.ts';
import { PARAMS_REASON_TEXT, RESTORE_REASON_TEXT } from '../../layout/param-ranges.ts';
import { readStruct, regionBase, regionSize, structSize, addressOf, type StructValue } from './layout.ts';

export const CORE_WASM_PATH = packagePath('build/core.wasm');

interface CoreExports {
  memory: WebAssembly.Memory;
  init(chemistry: number): number;
  init_staged(): number;
  params_apply(): number;
  step(t_s: number, voltage_V: number, current_A: number, temp_degC: number): number;
  step_batch(n: number): number;
  snapshot(): void;
  digest(): bigint;
  log_record(seq: number): number;
  state_save(): number;
  state_restore(fallback_chemistry: number, image_bytes: number): number;
  params_refuse(reason: number): number;
  time_resume_offset(now_s: number): number;
}

/** Why the core refused a state image (layout/param-ranges.ts, generated into the core). */
export const RESTORE_REASON: Readonly<Record<number, string>> = RESTORE_REASON_TEXT;

/** Why the core refused a parameter block (layout/param-ranges.ts, generated into the core). */
export const PARAMS_REASON: Readonly<Record<number, string>> = PARAMS_REASON_TEXT;

export class CoreError extends Error {
  constructor(
    message: string,
    readonly code: 'wasm-missing' | 'params-refused' | 'bad-argument',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CoreError';
  }
}

/** Every estimate and counter (the SNAPSHOT region), all numbers. */
export type Snapshot = Record<string, number>;

export interface LogRecord {
  seq: number;
  type: number;
  typeName: string;
  flags: number;
  t_s: number;
  a: number;
  b: number;
  c: number;
  crcOk: boolean;
}

const LOG_TYPE_NAME = Object.fromEntries(Object.entries(LogType).map(([k, v]) => [v, k]));
export const EVENT_NAME = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k])) as Record<number, string>;

let compiled: WebAssembly.Module | undefined;

function compile(path: string): WebAssembly.Module {
  if (path === CORE_WASM_PATH && compiled) return compiled;
  if (!existsSync(path)) throw new CoreError(`${path} not found: run 'npm run build' first`, 'wasm-missing');
  const mod = new WebAssembly.Module(readFileSync(path));
  if (path === CORE_WASM_PATH) compiled = mod;
  return mod;
}

export interface CoreOptions extends BuildOptions {
  chemistry?: ChemistryName;
  wasmPath?: string;
}

const chemistryOf = (opts: CoreOptions): ChemistryName => opts.chemistry ?? 'NASA18650';

export class Core {
  private readonly x: CoreExports;
  private readonly input: Float64Array;
  /** Chemistry the core was created with (the preset of create(), the fallback of a refused restore). */
  private readonly createdAs: ChemistryName;

  private constructor(x: CoreExports, chemistry: ChemistryName) {
    this.x = x;
    this.createdAs = chemistry;
    this.input = new Float64Array(x.memory.buffer, regionBase('INPUT'), INPUT_CAPACITY * 4);
  }

  /** Instantiates a fresh core and initialises it with the preset (scaled by the options). */
  static create(opts: CoreOptions = {}): Core {
    const inst = new WebAssembly.Instance(compile(opts.wasmPath ?? CORE_WASM_PATH), {});
    const core = new Core(inst.exports as unknown as CoreExports, chemistryOf(opts));
    core.initWith(buildParams(chemistryOf(opts), opts));
    return core;
  }

  /**
   * Chemistry of the parameter block in force, as the block itself says: after a restored image or
   * an applied update this is what the device runs, whatever the core was created with.
   */
  get chemistry(): ChemistryName {
    const id = readStruct(this.memory, 'PARAMS').chemistry as number;
    return (Object.keys(Chemistry) as ChemistryName[]).find((k) => Chemistry[k] === id) ?? this.createdAs;
  }

  /** Version of the parameter block in force. */
  get paramsVersion(): number {
    return readStruct(this.memory, 'PARAMS').version as number;
  }

  get memory(): ArrayBuffer {
    return this.x.memory.buffer;
  }

  /** Resets all state and starts with this parameter block (validated by the core). */
  initWith(block: Uint8Array): void {
    this.stage(block);
    const r = this.x.init_staged();
    if (r !== 0) throw new CoreError(`parameter block refused: ${PARAMS_REASON[r] ?? r}`, 'params-refused');
  }

  /** Over-the-air update keeping all state; returns the core's reason code (0 = applied). */
  applyParams(block: Uint8Array): number {
    this.stage(block);
    return this.x.params_apply();
  }

  /** Stages `block` and has the core refuse and log it with `reason` (a signature that did not verify). */
  refuseParams(block: Uint8Array, reason: number): number {
    this.stage(block);
    return this.x.params_refuse(reason);
  }

  /**
   * Offset to add to a clock that restarted after a reboot (state restored) so that time continues
   * after the last sample as a gap, never as a clock that went backwards (assembly/index.ts).
   */
  timeResumeOffset(now_s: number): number {
    return this.x.time_resume_offset(now_s);
  }

  private stage(block: Uint8Array): void {
    if (block.length > PARAMS_SIZE) throw new CoreError(`parameter block of ${block.length} B exceeds ${PARAMS_SIZE} B`, 'bad-argument');
    const dst = new Uint8Array(this.memory, regionBase('PARAMS_STAGING'), PARAMS_SIZE);
    dst.fill(0);
    dst.set(block);
  }

  /** The complete state as a self-checking image (what firmware writes to flash). */
  saveState(): Uint8Array {
    const n = this.x.state_save();
    return new Uint8Array(this.memory, regionBase('SAVE_HEADER'), n).slice();
  }

  /**
   * Loads a state image. Returns 0 when restored; otherwise the reason code, and the core has
   * started afresh with the fallback preset (never a half-restored state). An image of the wrong
   * length (truncated or oversized) is refused by the core with reason 3.
   */
  restoreState(image: Uint8Array, fallback: ChemistryName = this.createdAs): number {
    const length = regionBase('LOG') + regionSize('LOG') - regionBase('SAVE_HEADER');
    const dst = new Uint8Array(this.memory, regionBase('SAVE_HEADER'), length);
    dst.fill(0);
    dst.set(image.subarray(0, length));
    return this.x.state_restore(Chemistry[fallback], image.length);
  }

  /** One sample; returns the Flag bits it raised. */
  step(t_s: number, voltage_V: number, current_A: number, temp_degC: number): number {
    return this.x.step(t_s, voltage_V, current_A, temp_degC);
  }

  /**
   * Many samples, interleaved [t_s, voltage_V, current_A, temp_degC] x n, through the batch entry.
   * `onSample(i, flags)` is not available on this path; use step() when per-sample flags matter.
   */
  stepBatch(samples: Float64Array): number {
    if (samples.length % 4 !== 0) throw new CoreError('batch length must be a multiple of 4', 'bad-argument');
    let flags = 0;
    for (let i = 0; i < samples.length; i += INPUT_CAPACITY * 4) {
      const chunk = samples.subarray(i, Math.min(samples.length, i + INPUT_CAPACITY * 4));
      this.input.set(chunk);
      flags |= this.x.step_batch(chunk.length / 4);
    }
    return flags;
  }

  snapshot(): Snapshot {
    this.x.snapshot();
    return readStruct(this.memory, 'SNAPSHOT') as Snapshot;
  }

  /** The 64-bit state digest as 16 hex digits. */
  digest(): string {
    return BigInt.asUintN(64, this.x.digest()).toString(16).padStart(16, '0');
  }

  /** Raw state of one region (estimator internals, histograms). */
  region(name: string, index = 0): StructValue {
    return readStruct(this.memory, name, index);
  }

  /** Parameter block in force. */
  params(): StructValue {
    return readStruct(this.memory, 'PARAMS');
  }

  /** Log records with seq >= fromSeq still held, oldest first, each with its CRC checked. */
  logRecords(fromSeq = 1): LogRecord[] {
    const state = readStruct(this.memory, 'LOG_STATE');
    const next = state.next_seq as number;
    const first = Math.max(fromSeq, next - (state.count as number));
    const out: LogRecord[] = [];
    const size = structSize('LOG');
    for (let seq = first; seq < next; seq++) {
      const addr = this.x.log_record(seq);
      if (addr === 0) continue;
      const bytes = new Uint8Array(this.memory, addr, size);
      const index = (addr - regionBase('LOG')) / size;
      const r = readStruct(this.memory, 'LOG', index);
      const crcOk = crc32(bytes.subarray(0, addressOf('LOG', 'crc32') - regionBase('LOG'))) === r.crc32;
      out.push({ seq: r.seq as number, type: r.type as number, typeName: LOG_TYPE_NAME[r.type as number] ?? 'UNKNOWN', flags: r.flags as number, t_s: r.t_s as number, a: r.a as number, b: r.b as number, c: r.c as number, crcOk });
    }
    return out;
  }
}

export { crc32 } from '../../layout/crc32.ts';
import { crc32 } from '../../layout/crc32.ts';

export { Chemistry, Flag };

/** Names of the Flag bits set in `flags`. */
export function flagNames(flags: number): string[] {
  return Object.entries(Flag)
    .filter(([, bit]) => (flags & bit) !== 0)
    .map(([k]) => k);
}
