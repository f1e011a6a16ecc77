// The verifier module meets the core's embedded profile: no imports, one fixed page, no memory.grow,
// WebAssembly MVP features only, and the documented exports; and it stays small.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { VERIFY_WASM_PATH } from '../../../host/params/device-verify.ts';

const bytes = readFileSync(VERIFY_WASM_PATH);
const mod = new WebAssembly.Module(bytes);

test('verify.wasm imports nothing, exports the documented functions, and is at most 8 KiB', () => {
  assert.equal(WebAssembly.Module.imports(mod), []);
  assert.equal(WebAssembly.Module.exports(mod).map((e) => e.name).sort(), ['key_ptr', 'memory', 'msg_capacity', 'msg_ptr', 'sig_ptr', 'verify']);
  assert.ok(bytes.length <= 8 * 1024, `${bytes.length} bytes`);
});

test('one fixed page, never grown, MVP features only', () => {
  const m = binaryen.readBinary(bytes);
  const info = m.getMemoryInfo();
  assert.is(info.initial, 1);
  assert.is(info.max, 1);
  assert.not.match(m.emitText(), /memory\.grow/);
  m.setFeatures(binaryen.Features.MVP);
  assert.ok(m.validate());
  m.dispose();
});

test.run();
