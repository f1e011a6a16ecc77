/**
 * The recording slice every embedded image replays, and Node's reference run over it.
 * One definition shared by the generator (C array, .wast), the firmware test and the MCU bench,
 * so the firmware, spectest-interp and Node always see the same samples in the same order.
 *
 * Slice: the first SLICE_SAMPLES samples of fixtures/B0005 (NASA 18650, 2.0 Ah rated): 18 full
 * CC discharges to 2.7 V and the CC-CV charges between them, rests and gaps included.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNasa } from '../host/readers/nasa.ts';
import { CORE_WASM_PATH } from '../host/core/core.ts';
import { Chemistry } from '../layout/core-layout.ts';
import { readStruct } from '../host/core/layout.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SLICE_FIXTURE = join(ROOT, 'fixtures/B0005');
/** Samples replayed (from the start of the fixture). */
export const SLICE_SAMPLES = 4096;
/** Chemistry preset passed to init(). */
export const SLICE_CHEMISTRY = Chemistry.NASA18650;
/** Snapshot fields the firmware prints (as exact f64 bits) and the test compares. */
export const SNAPSHOT_FIELDS = ['soc', 'soc_sigma', 'capacity_Ah', 'soh', 'resistance_ohm', 'dis_Ah', 'chg_Wh', 'efc', 'full_cycles', 'eq_time_25C_s'] as const;
/** Checkpoints (sample counts) at which the .wast asserts digest(). */
export const DIGEST_EVERY = 512;

/** Interleaved [t_s, voltage_V, current_A (positive = discharge), temp_degC] x SLICE_SAMPLES. */
export function sliceSamples(count = SLICE_SAMPLES): Float64Array {
  const rec = readNasa(SLICE_FIXTURE);
  if (rec.samples.length < count * 4) throw new Error(`${SLICE_FIXTURE} holds ${rec.samples.length / 4} samples, fewer than ${count}`);
  return rec.samples.slice(0, count * 4);
}

interface RawCore {
  memory: WebAssembly.Memory;
  init(chemistry: number): number;
  step(t_s: number, voltage_V: number, current_A: number, temp_degC: number): number;
  snapshot(): void;
  digest(): bigint;
}

export interface Reference {
  initResult: number;
  /** Flags returned by step() per sample. */
  flags: Uint32Array;
  /** FNV-1a 32 over the per-sample flags (4 little-endian bytes each), 8 hex digits: what the firmware prints. */
  flagsFnv: string;
  /** digest() after every DIGEST_EVERY samples (index k = after (k+1)*DIGEST_EVERY samples). */
  checkpoints: bigint[];
  /** digest() after the last sample, 16 hex digits. */
  digest: string;
  /** Snapshot fields after the last sample: value and its f64 bits as 16 hex digits. */
  estimates: Record<string, { value: number; bits: string }>;
}

/** FNV-1a 32 over 32-bit words taken as 4 little-endian bytes each (mirrored in embed/firmware/main.c). */
export function fnv1a32Words(words: Uint32Array): string {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let k = 0; k < 4; k++) {
      h ^= (w >>> (8 * k)) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

export function hex64(v: bigint): string {
  return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

export function f64Bits(x: number): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, true);
  return hex64(b.getBigUint64(0, true));
}

/**
 * Node's run of the exact call sequence the firmware makes: init(chemistry), step() per sample,
 * snapshot(), digest(), on a fresh instance of build/core.wasm.
 */
export function reference(samples: Float64Array, wasmPath = CORE_WASM_PATH): Reference {
  const x = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {}).exports as unknown as RawCore;
  const initResult = x.init(SLICE_CHEMISTRY);
  const n = samples.length / 4;
  const flags = new Uint32Array(n);
  const checkpoints: bigint[] = [];
  for (let i = 0; i < n; i++) {
    flags[i] = x.step(samples[i * 4]!, samples[i * 4 + 1]!, samples[i * 4 + 2]!, samples[i * 4 + 3]!) >>> 0;
    if ((i + 1) % DIGEST_EVERY === 0) checkpoints.push(BigInt.asUintN(64, x.digest()));
  }
  x.snapshot();
  const snap = readStruct(x.memory.buffer, 'SNAPSHOT');
  const estimates: Reference['estimates'] = {};
  for (const f of SNAPSHOT_FIELDS) {
    const value = snap[f] as number;
    estimates[f] = { value, bits: f64Bits(value) };
  }
  return { initResult, flags, flagsFnv: fnv1a32Words(flags), checkpoints, digest: hex64(x.digest()), estimates };
}
