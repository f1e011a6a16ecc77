/**
 * The core on microcontrollers: builds every embedded image from build/core.wasm (embed/Makefile:
 * wasm2c + the bare-metal runtime, Cortex-M4F and Cortex-M3 under QEMU, x86-64 host), runs them,
 * and compares what they print with Node's run of the same call sequence on the same samples.
 * Also runs the slice through wabt's spectest-interp, a second strict engine.
 * Every comparison is exact (digests, flag hashes and f64 bit patterns): tolerance 0.
 * A missing tool or a failed build fails the test with the tool list or the build log.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { USED_END, USED_LIMIT } from '../../layout/core-layout.ts';
import { regionBase, regionSize } from '../../host/core/layout.ts';
import { SLICE_SAMPLES, SNAPSHOT_FIELDS, reference, sliceSamples, type Reference } from '../../scripts/embed-slice.ts';
import { buildImages, EMBED_OUT, EMBED_WASM, field, fields, image, runImage, runSpectest, type Image } from '../../scripts/embed-images.ts';
import { PROBE_SAMPLES } from '../../scripts/embed-gen.ts';
import { wastTests } from '../../scripts/embed-wast.ts';
import { mapBreakdown, sectionSizes } from '../../scripts/embed-size.ts';

let ref: Reference;
let probeRef: Reference;
let setupError: unknown;

// uvu does not print an error thrown by a hook: keep it and fail every test with it (tool list or build log)
test.before(() => {
  try {
    buildImages();
    ref = reference(sliceSamples(SLICE_SAMPLES), EMBED_WASM);
    probeRef = reference(sliceSamples(PROBE_SAMPLES), EMBED_WASM);
  } catch (err) {
    setupError = err;
  }
});

test.before.each(() => {
  if (setupError) throw setupError;
});

function checkFirmware(img: Image): void {
  const run = runImage(img);
  assert.is(field(run, 'init_reason')[0], '0', 'init(NASA18650) accepted');
  assert.is(Number(field(run, 'samples')[0]), SLICE_SAMPLES);
  assert.is(field(run, 'flags_fnv')[0], ref.flagsFnv, 'every step() returned the flags Node got');
  assert.is(field(run, 'digest')[0], ref.digest, 'digest() equals Node');
  const est = new Map(fields(run, 'est').map(([name, bits]) => [name!, bits!]));
  for (const f of SNAPSHOT_FIELDS) assert.is(est.get(f), ref.estimates[f]!.bits, `${f} bit-identical to Node (${ref.estimates[f]!.value})`);
  assert.equal(field(run, 'trap_check'), ['oob-reported', 'state-unchanged']);
  const [bytes, reason, same] = field(run, 'persist_check');
  assert.is(Number(bytes), regionBase('LOG') + regionSize('LOG') - regionBase('SAVE_HEADER'), 'state image = SAVE_HEADER .. end of LOG');
  assert.is(reason, '0', 'state_restore accepted the image after the reboot');
  assert.is(same, 'digest-equal', 'restored core has the digest of the one that was saved');
  assert.is(run.lines.at(-1)?.[0], 'done');
}

test('Cortex-M4F (mps2-an386) replays the slice with the digest, flags and estimates Node gets', () => {
  checkFirmware(image('m4'));
});

test('Cortex-M3 (mps2-an385) replays the slice with the digest, flags and estimates Node gets', () => {
  checkFirmware(image('m3'));
});

test('Cortex-M7 with a double-precision FPU (mps2-an500) matches Node: no FMA contraction (-ffp-contract=off)', () => {
  checkFirmware(image('m7'));
});

test('the same wasm2c output built for x86-64 gives the digest, flags and estimates Node gets', () => {
  checkFirmware(image('host'));
});

test('the compiled core has no fused multiply-add on M4F and M7 (-ffp-contract=off in effect)', () => {
  for (const dir of ['m4', 'm7']) {
    const d = spawnSync('arm-none-eabi-objdump', ['-d', join(EMBED_OUT, dir, 'bms_core_w2c.o')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.is(d.status, 0, d.stderr);
    const fused = d.stdout.split('\n').filter((l) => /\tv(fma|fms|fnma|fnms)\./.test(l));
    assert.is(fused.length, 0, `${dir}: ${fused.slice(0, 3).join(' | ')}`);
  }
});

test('linear memory is truncated to the module\'s used end, below the 24 KiB budget', () => {
  const run = runImage(image('host'));
  const bytes = Number(field(run, 'memory_bytes')[0]);
  const header = readFileSync(join(EMBED_OUT, 'gen/bms_core_memory.h'), 'utf8');
  const dataEnd = Number(/BMS_MODULE_DATA_END (\d+)u/.exec(header)?.[1]);
  assert.ok(bytes >= USED_END && bytes >= dataEnd, `memory ${bytes} B covers state end ${USED_END} and data end ${dataEnd}`);
  assert.ok(bytes <= USED_LIMIT, `memory ${bytes} B <= ${USED_LIMIT} B`);
});

for (const name of ['probe-m4', 'probe-m3'] as const) {
  test(`${name}: size probe (no printf, no heap) prints Node's digest for the first ${PROBE_SAMPLES} samples`, () => {
    const img = image(name);
    const run = runImage(img);
    assert.is(field(run, 'digest')[0], probeRef.digest);
    const nm = spawnSync('arm-none-eabi-nm', [img.file], { encoding: 'utf8' });
    assert.is(nm.status, 0, nm.stderr);
    const symbols = new Set(nm.stdout.split('\n').map((l) => l.trim().split(/\s+/).at(-1)));
    for (const s of ['malloc', '_malloc_r', '_sbrk', 'calloc', 'printf', '_vfprintf_r', 'mmap']) assert.not.ok(symbols.has(s), `probe links no ${s}`);
  });
}

test('the map-file breakdown accounts for every byte of the probe within alignment padding (< 256 B)', () => {
  const s = sectionSizes(image('probe-m4').file, true);
  const by = mapBreakdown(join(EMBED_OUT, 'm4/probe.map')).byContributor;
  const flash = Object.values(by).reduce((a, c) => a + c.flash, 0);
  const ram = Object.values(by).reduce((a, c) => a + c.ram, 0);
  assert.ok(by.core.flash > 0 && by.runtime.flash > 0, 'core and runtime found in the map');
  assert.ok(s.text + s.rodata + s.data - flash >= 0 && s.text + s.rodata + s.data - flash < 256, `flash ${flash} vs sections ${s.text + s.rodata + s.data}`);
  assert.ok(s.data + s.bss - ram >= 0 && s.data + s.bss - ram < 256, `RAM ${ram} vs sections ${s.data + s.bss}`);
});

test('spectest-interp agrees with Node on every step() flag word and digest() of the slice', () => {
  const r = runSpectest(join(EMBED_OUT, 'replay.wast'));
  assert.is(r.total, wastTests(ref), 'the module, init, every step and every digest checkpoint');
  assert.is(r.passed, r.total, r.log);
  assert.is(r.status, 0);
});

test('spectest-interp fails the replay when one expected digest is wrong (the oracle can fail)', () => {
  const wast = readFileSync(join(EMBED_OUT, 'replay.wast'), 'utf8');
  const lines = wast.trimEnd().split('\n');
  const last = lines.at(-1)!;
  const m = /\(i64\.const (-?\d+)\)\)$/.exec(last);
  assert.ok(m, `last line asserts a digest: ${last}`);
  lines[lines.length - 1] = last.replace(m[0], `(i64.const ${BigInt(m[1]!) ^ 1n}))`);
  const tampered = join(EMBED_OUT, 'replay-tampered.wast');
  writeFileSync(tampered, `${lines.join('\n')}\n`);
  const r = runSpectest(tampered);
  assert.is(r.passed, r.total - 1);
  assert.is.not(r.status, 0);
});

test.run();
