/**
 * The Cortex-M budgets of the README, asserted on the measurements bench/mcu.bench.ts prints
 * (scripts/embed-budgets.ts, the same code): on the Cortex-M4F (QEMU mps2-an386, `-icount shift=0`)
 * the full pipeline runs in at most 3,000 executed instructions per sample (mean over the replayed
 * slice), and the size probe (core + runtime + startup) needs at most 48 KiB of flash and its core,
 * runtime and libraries at most 24 KiB of RAM. Budgets are limits, not tolerances: a figure over one
 * fails. core.wasm <= 16 KiB is asserted by test/assembly/build.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SLICE_SAMPLES } from '../../scripts/embed-slice.ts';
import { assertFresh, buildImages, image } from '../../scripts/embed-images.ts';
import { BUDGET_CORE_RAM_BYTES, BUDGET_M4_FLASH_BYTES, BUDGET_M4_INSTR_PER_SAMPLE, probeFootprint, timing } from '../../scripts/embed-budgets.ts';

let setupError: unknown;

// uvu does not print an error thrown by a hook: keep it and fail every test with it (tool list, build log, stale image)
test.before(() => {
  try {
    buildImages();
    assertFresh(image('m4'));
    assertFresh(image('probe-m4'));
  } catch (err) {
    setupError = err;
  }
});

test.before.each(() => {
  if (setupError) throw setupError;
});

test(`Cortex-M4F: the full pipeline costs at most ${BUDGET_M4_INSTR_PER_SAMPLE} instructions per sample`, () => {
  const t = timing(image('m4'));
  assert.is(t.fullPipeline.samples, SLICE_SAMPLES, 'every sample of the slice timed');
  // SysTick at 25 MHz under -icount shift=0 (1 instruction = 1 ns): 40 instructions per tick
  assert.ok(Math.abs(t.instrPerTick - 40) < 0.5, `calibration ${t.instrPerTick} instructions/tick`);
  assert.ok(t.fullPipeline.instrPerSample > 0, 'a measured cost');
  assert.ok(t.fullPipeline.instrPerSample <= BUDGET_M4_INSTR_PER_SAMPLE, `${t.fullPipeline.instrPerSample.toFixed(0)} instructions/sample (budget ${BUDGET_M4_INSTR_PER_SAMPLE})`);
});

test(`Cortex-M4F size probe: flash at most ${BUDGET_M4_FLASH_BYTES} B, core + runtime RAM at most ${BUDGET_CORE_RAM_BYTES} B`, () => {
  const f = probeFootprint();
  assert.ok(f.breakdown.byContributor.core.flash > 0 && f.coreRuntime.ram > 0, 'the map file attributes the core');
  assert.ok(f.flashBytes <= BUDGET_M4_FLASH_BYTES, `flash ${f.flashBytes} B (budget ${BUDGET_M4_FLASH_BYTES} B)`);
  assert.ok(f.coreRuntime.ram <= BUDGET_CORE_RAM_BYTES, `RAM ${f.coreRuntime.ram} B (budget ${BUDGET_CORE_RAM_BYTES} B)`);
});

test.run();
