// Embedded-profile contract and input hygiene of build/twin.wasm: no imports, one fixed page,
// bad samples rejected and counted (never a trap), per-mechanism degradation scalars, and the
// Euler state update staying on its closed-form trajectory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { TwinCore, TWIN_WASM_PATH, SLOT } from '../../../host/twin/wasm.ts';
import { TwinError } from '../../../host/twin/errors.ts';
import { closeRel } from './close.ts';

const core = new TwinCore();

test('twin.wasm imports nothing and exports a memory of exactly one 64 KiB page', () => {
  const mod = new WebAssembly.Module(readFileSync(TWIN_WASM_PATH));
  assert.equal(WebAssembly.Module.imports(mod), []);
  const mem = (new WebAssembly.Instance(mod, {}).exports as { memory: WebAssembly.Memory }).memory;
  assert.is(mem.buffer.byteLength, 65536);
  assert.throws(() => mem.grow(1));
});

test('twin.wasm validates as MVP-only WebAssembly (wabt wasm-validate with every post-MVP feature off)', () => {
  const flags = ['--disable-mutable-globals', '--disable-saturating-float-to-int', '--disable-sign-extension', '--disable-multi-value', '--disable-bulk-memory', '--disable-reference-types', '--disable-simd'];
  // Throws (non-zero exit) on any post-MVP opcode or section; CI installs Debian's wabt.
  execFileSync('wasm-validate', [...flags, TWIN_WASM_PATH], { stdio: 'pipe' });
});

test('NaN, out-of-range and non-increasing samples are rejected and counted, the rest still used', () => {
  core.reset('nmcB1');
  const rejected = core.segmentFromSamples(
    [0, 60, 0, 120, 180, 240, 300],
    [0.5, Number.NaN, 0.5, 1.5, 0.6, 0.7, 0.7],
    [25, 25, 25, 25, 25, 200, 25],
  );
  assert.is(rejected, 4);
  const seg = core.segment();
  closeRel(seg.dtDays, 300 / 86400, 1e-12, 'duration of the accepted samples');
  closeRel(seg.dod, 0.2, 1e-12, 'DoD from accepted samples');
});

test('absurd spans are refused: times beyond 1e12 s rejected, a segment longer than 366 days refused', () => {
  core.reset('nmcB1');
  assert.is(core.segmentFromSamples([0, 3600, 1e300], [0.5, 0.6, 0.6], [25, 25, 25]), 1, 'the 1e300 s sample is rejected');
  assert.throws(() => core.segmentFromSamples([0, 400 * 86400], [0.5, 0.6], [25, 25]), (e: unknown) => e instanceof TwinError);
  assert.throws(() => core.segmentFromSummary({ dtDays: 1e6, dEfc: 1, dod: 0.5, crate: 0.1, temp_degC: 25, socMean: 0.5 }), (e: unknown) => e instanceof TwinError);
  core.step(10);
  assert.ok(Number.isFinite(core.q));
});

test('a segment with fewer than two valid samples is refused with a typed error', () => {
  core.reset('lfp250');
  try {
    core.segmentFromSamples([0, 1], [0.5, Number.NaN], [25, 25]);
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.instance(err, TwinError);
    assert.is((err as TwinError).code, 'WASM_STATUS');
  }
});

test('C-rate is averaged over the whole segment including rest (0.5 C for 3.2 h of 24 h gives 0.0667)', () => {
  core.reset('lfp250');
  const t: number[] = [];
  const soc: number[] = [];
  for (let i = 0; i <= 1440; i++) {
    const h = i / 60;
    t.push(i * 60);
    soc.push(h < 8 ? 0.1 : h < 9.6 ? 0.1 + 0.5 * (h - 8) : h < 18 ? 0.9 : h < 19.6 ? 0.9 - 0.5 * (h - 18) : 0.1);
  }
  core.segmentFromSamples(t, soc, new Array(t.length).fill(25));
  closeRel(core.segment().crate, 0.8 / 12, 0.01, 'time-averaged C-rate');
  closeRel(core.segment().dEfc, 0.8, 1e-9, 'EFC per day');
});

test('degradation_scalar 2 on the calendar slot doubles only the calendar loss of the first step', () => {
  core.reset('nmcB1');
  core.segmentFromSummary({ dtDays: 1, dEfc: 0.8, dod: 0.8, crate: 0.0667, temp_degC: 25, socMean: 0.5 });
  core.step(1);
  const cal1 = core.state(SLOT.qCalendar);
  const cyc1 = core.state(SLOT.qCycle);
  core.reset('nmcB1');
  core.setScalar(SLOT.qCalendar, 2);
  core.segmentFromSummary({ dtDays: 1, dEfc: 0.8, dod: 0.8, crate: 0.0667, temp_degC: 25, socMean: 0.5 });
  core.step(1);
  closeRel(core.state(SLOT.qCalendar), 2 * cal1, 1e-12, 'calendar loss');
  closeRel(core.state(SLOT.qCycle), cyc1, 1e-12, 'cycling loss');
});

test('the Euler power-law update stays within 1 % of k·t^p after 3650 daily steps (LFP 250Ah calendar)', () => {
  core.reset('lfp250');
  core.segmentFromSummary({ dtDays: 1, dEfc: 0, dod: 0, crate: 0, temp_degC: 25, socMean: 0.5 });
  const kcal = core.rates()[0]!;
  core.step(3650);
  closeRel(core.state(SLOT.qCalendar), kcal * Math.pow(3650, 0.526), 0.01, 'calendar loss vs closed form');
});

test('with no active threshold a projection runs every requested step and thins the trajectory', () => {
  core.reset('lfp250');
  core.segmentFromSummary({ dtDays: 1, dEfc: 0.8, dod: 0.8, crate: 0.0667, temp_degC: 25, socMean: 0.5 });
  const { rows, crossings } = core.project(5000, []);
  assert.is(crossings.length, 0);
  closeRel(core.days, 5000, 1e-12, 'simulated days');
  assert.ok(rows.length >= 300 && rows.length <= 384, `rows ${rows.length}`);
  assert.is(rows[rows.length - 1]!.days, 5000, 'last row is the end');
});

test('a scalar outside 0..10 or a non-finite parameter is refused with a typed error', () => {
  core.reset('empirical');
  assert.throws(() => core.setScalar(SLOT.qCycle, -1), (e: unknown) => e instanceof TwinError && e.code === 'WASM_STATUS');
  assert.throws(() => core.setParam(0, Number.NaN), (e: unknown) => e instanceof TwinError);
});

test.run();
