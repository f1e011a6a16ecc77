/**
 * Core benchmark: size of build/core.wasm and samples per second of the batch path for the full
 * pipeline in Node, on the whole life of the bundled cell (repeated) and on a synthetic 1 Hz stream.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Core, CORE_WASM_PATH } from '../host/core/core.ts';
import { readNasa } from '../host/readers/nasa.ts';

const bytes = statSync(CORE_WASM_PATH).size;
console.log(`core.wasm: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB), ${WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(CORE_WASM_PATH))).length} imports`);

function rate(label: string, samples: Float64Array, rounds: number): void {
  const n = samples.length / 4;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const core = Core.create({ chemistry: 'NASA18650' });
    const t0 = process.hrtime.bigint();
    core.stepBatch(samples);
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, dt);
  }
  console.log(`${label}: ${n} samples, best of ${rounds}: ${(n / best / 1e6).toFixed(2)} M samples/s (${((best / n) * 1e9).toFixed(0)} ns/sample)`);
}

const rec = readNasa(join(import.meta.dirname, '../fixtures/B0005'));
rate('batch path, NASA B0005 life (fixture)', rec.samples, 5);

// 1 Hz synthetic stream with partial cycles: 1 simulated day
const n = 86400;
const synth = new Float64Array(n * 4);
for (let k = 0; k < n; k++) {
  const i = 1.5 * Math.sin((2 * Math.PI * k) / 7200);
  synth.set([k, 3.7 - 0.05 * i, i, 25 + 5 * Math.sin(k / 5000)], k * 4);
}
rate('batch path, 1 Hz synthetic day', synth, 5);
