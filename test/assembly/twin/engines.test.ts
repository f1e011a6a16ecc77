// The twin's models in a second engine: build/twin-selftest.wasm runs the §6.6 storage day through
// NMC B1 and Kokam with no host input; wabt's interpreter (wasm-interp, CI installs Debian's wabt)
// and V8 must give the same day count and the same f64 bits, and the host path (TwinCore with the
// host-generated profile) must land on the same bits too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildTwin } from '../../../scripts/build-twin.ts';
import { TwinCore, TWIN_WASM_PATH } from '../../../host/twin/wasm.ts';
import { NAMED_SCENARIOS, scenarioProfile } from '../../../host/twin/scenarios.ts';

const SELFTEST = join(TWIN_WASM_PATH, '../twin-selftest.wasm');
const SOURCE = new URL('../../../assembly/twin/selftest.ts', import.meta.url).pathname;

interface SelfTest {
  selfTestB1Days(): number;
  selfTestKokamRun(): number;
  selfTestKokamBitsHi(): number;
  selfTestKokamBitsLo(): number;
}

function selftestModule() {
  if (!existsSync(SELFTEST) || statSync(SELFTEST).mtimeMs < statSync(SOURCE).mtimeMs) buildTwin();
  return readFileSync(SELFTEST);
}

test('V8 and wabt wasm-interp agree bit for bit on the self-test (B1 days to 0.8, Kokam q after 10 years)', () => {
  const bytes = selftestModule();
  const x = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as SelfTest;
  const days = x.selfTestB1Days();
  x.selfTestKokamRun();
  const hi = x.selfTestKokamBitsHi() >>> 0;
  const lo = x.selfTestKokamBitsLo() >>> 0;
  const out = execFileSync('wasm-interp', [SELFTEST, '--run-all-exports'], { encoding: 'utf8' });
  assert.match(out, new RegExp(`selfTestB1Days\\(\\) => f64:${days}\\.0+\\b`));
  assert.match(out, new RegExp(`selfTestKokamBitsHi\\(\\) => i32:${hi}\\b`));
  assert.match(out, new RegExp(`selfTestKokamBitsLo\\(\\) => i32:${lo}\\b`));
  assert.ok(Math.abs(days / 365 - 11.0) / 11.0 < 0.05, `§6.6: 11.0 years, got ${days / 365}`);
});

test('the host path (TwinCore, host-generated storage-25 profile) gives the same Kokam bits as the self-test', () => {
  const x = new WebAssembly.Instance(new WebAssembly.Module(selftestModule()), {}).exports as unknown as SelfTest;
  const standalone = x.selfTestKokamRun();
  const core = new TwinCore();
  core.reset('nmcKokam');
  const p = scenarioProfile(NAMED_SCENARIOS['storage-25']!);
  core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
  core.step(3650);
  assert.is(Object.is(core.q, standalone), true, `host ${core.q} vs standalone ${standalone}`);
});

test.run();
