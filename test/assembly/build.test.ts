// The built core.wasm meets the embedded profile: <= 16 KiB, no imports, one fixed page, no
// memory.grow, WebAssembly MVP features only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { CORE_WASM_PATH } from '../../host/core/core.ts';

const bytes = readFileSync(CORE_WASM_PATH);
const mod = new WebAssembly.Module(bytes);

test('core.wasm is at most 16 KiB', () => {
  assert.ok(bytes.length <= 16 * 1024, `${bytes.length} bytes`);
});

test('core.wasm imports nothing', () => {
  assert.equal(WebAssembly.Module.imports(mod), []);
});

test('core.wasm exports the documented numeric ABI and its memory', () => {
  const names = WebAssembly.Module.exports(mod).map((e) => e.name).sort();
  assert.equal(names, ['digest', 'init', 'init_staged', 'log_record', 'memory', 'params_apply', 'params_refuse', 'snapshot', 'state_restore', 'state_save', 'step', 'step_batch', 'time_resume_offset']);
});

test('memory is exactly one page, initial = maximum, and never grown', () => {
  const m = binaryen.readBinary(bytes);
  const info = m.getMemoryInfo();
  assert.is(info.initial, 1);
  assert.is(info.max, 1);
  assert.not.match(m.emitText(), /memory\.grow/);
  m.dispose();
});

test('only WebAssembly MVP features are used', () => {
  const m = binaryen.readBinary(bytes);
  m.setFeatures(binaryen.Features.MVP);
  assert.ok(m.validate(), 'binaryen rejects the module under MVP features');
  m.dispose();
});

test.run();
