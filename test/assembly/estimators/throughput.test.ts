// Charge accounting does not drift: ten simulated years of 1 Hz samples through the core's
// compensated accumulator lose less than 1 ppm against the analytic integral.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../../../host/core/core.ts';

const kernels = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(import.meta.dirname, '../../../build/kernels.wasm'))), {})
  .exports as unknown as { accumulate: (...a: number[]) => number; accumulate_f32: (...a: number[]) => number };

const TEN_YEARS_1HZ = 10 * 365 * 86400; // even, so the ripple cancels exactly

test('10 years of 1 Hz samples: compensated charge sum within 1 ppm of the analytic integral', () => {
  const current_A = 1.2345678;
  const exact = TEN_YEARS_1HZ * current_A * 1.0;
  const got = kernels.accumulate(TEN_YEARS_1HZ, current_A, 0.3141592, 1.0);
  const ppm = (Math.abs(got - exact) / exact) * 1e6;
  assert.ok(ppm < 1, `${ppm} ppm`);
});

test('a plain f32 accumulator fails the same check (the test can tell)', () => {
  const current_A = 1.2345678;
  const exact = TEN_YEARS_1HZ * current_A;
  const got = kernels.accumulate_f32(TEN_YEARS_1HZ / 100, current_A, 0.3141592, 1.0) * 100;
  assert.ok((Math.abs(got - exact) / exact) * 1e6 > 1);
});

test('throughput splits charge and discharge and weights charge by the efficiency (trapezoid, tolerance 1e-9 Ah)', () => {
  const core = Core.create({ chemistry: 'NMC' });
  let t = 0;
  core.step(t, 3.7, 2, 25);
  for (let k = 0; k < 60; k++) core.step((t += 60), 3.7, 2, 25); // 2 Ah out
  core.step((t += 1), 3.7, 0, 25); // 1 s ramp 2 -> 0 A: 1 As out
  core.step((t += 60), 3.7, 0, 25); // rest
  core.step((t += 1), 3.7, -1, 25); // ramp 0 -> -1 A: 0.5 As in
  for (let k = 0; k < 60; k++) core.step((t += 60), 3.7, -1, 25); // 1 Ah in
  const s = core.snapshot();
  assert.ok(Math.abs(s.dis_Ah! - (2 + 1 / 3600)) < 1e-9, `${s.dis_Ah}`);
  assert.ok(Math.abs(s.chg_Ah! - (1 + 0.5 / 3600)) < 1e-9, `${s.chg_Ah}`);
  assert.ok(Math.abs(s.dis_Wh! - 3.7 * (2 + 1 / 3600)) < 1e-6);
  assert.ok(Math.abs(s.efc! - (2 + 1 / 3600) / 4) < 1e-9, 'EFC = discharge Ah / rated (4 Ah)');
});

test('an interval longer than max_gap_s is a gap: counted, not integrated', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(0, 3.7, 2, 25);
  core.step(3600, 3.7, 2, 25);
  const s = core.snapshot();
  assert.is(s.dis_Ah, 0);
  assert.is(s.gaps, 1);
});

test.run();
