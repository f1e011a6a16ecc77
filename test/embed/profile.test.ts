/**
 * The instruction profiler behind bench/mcu.bench.ts: block sizes from QEMU's in_asm listing,
 * executions from its exec trace, core functions named from the .wat. Exact counts (tolerance 0).
 * The live check builds the images (make, incremental) and profiles the M4F size probe only when it was
 * built from the current build/core.wasm (same SHA-256 as the copy it was generated from).
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ExecLogCounter, profileImage } from '../../scripts/embed-profile.ts';
import { assertFresh, buildImages, EMBED_OUT, image } from '../../scripts/embed-images.ts';

test('a block counts its listed instructions on every execution, matched by host address', () => {
  const c = new ExecLogCounter();
  const log = [
    '----------------',
    'IN: step',
    '0x00000040:  4819       ldr      r0, [pc, #0x64]',
    '0x00000042:  4a1a       ldr      r2, [pc, #0x68]',
    '0x00000044:  4290       cmp      r0, r2',
    '',
    'Trace 0: 0x7f0000000100 [00800408/00000040/00000110/ff020200] step',
    '----------------',
    'IN: __aeabi_dmul',
    '0x00000100:  b500       push     {lr}',
    '0x00000102:  bd00       pop      {pc}',
    '',
    'Trace 0: 0x7f0000000200 [00800408/00000100/00000110/ff020200] __aeabi_dmul',
    'Trace 0: 0x7f0000000100 [00800408/00000040/00000110/ff020200] step',
    'Trace 0: 0x7f0000000200 [00800408/00000100/00000110/ff020200] __aeabi_dmul',
    'digest 0123456789abcdef',
  ];
  for (const line of log) c.feed(line);
  assert.is(c.perSymbol.get('step'), 6, '3 instructions x 2 executions');
  assert.is(c.perSymbol.get('__aeabi_dmul'), 4, '2 instructions x 2 executions');
});

test('a re-translated block at a reused host address takes its new size', () => {
  const c = new ExecLogCounter();
  for (const line of ['IN: f', '0x10:  bf00  nop', 'Trace 0: 0x7f00 [0/10/0/0] f', 'IN: g', '0x20:  bf00  nop', '0x22:  bf00  nop', 'Trace 0: 0x7f00 [0/20/0/0] g', 'Trace 0: 0x7f00 [0/20/0/0] g']) c.feed(line);
  assert.is(c.perSymbol.get('f'), 1);
  assert.is(c.perSymbol.get('g'), 4);
});

test('library blocks are charged to the function that called them', () => {
  const c = new ExecLogCounter((sym) => sym.startsWith('__aeabi_'));
  const log = [
    'IN: soc', '0x10:  bf00  nop', '0x12:  bf00  nop', 'Trace 0: 0x7f10 [0/10/0/0] soc',
    'IN: __aeabi_dmul', '0x80:  bf00  nop', '0x82:  bf00  nop', '0x84:  bf00  nop', 'Trace 0: 0x7f80 [0/80/0/0] __aeabi_dmul',
    'IN: events', '0x20:  bf00  nop', 'Trace 0: 0x7f20 [0/20/0/0] events',
    'Trace 0: 0x7f80 [0/80/0/0] __aeabi_dmul',
  ];
  for (const line of log) c.feed(line);
  assert.is(c.perOwner.get('soc'), 2 + 3);
  assert.is(c.perOwner.get('events'), 1 + 3);
  assert.is(c.perOwner.get('__aeabi_dmul'), undefined);
  assert.is(c.perSymbol.get('__aeabi_dmul'), 6);
});

test('profiling the M4F size probe attributes instructions to named core functions and soft-float', async () => {
  buildImages();
  assertFresh(image('probe-m4'));
  const p = await profileImage('mps2-an386', image('probe-m4').file, join(EMBED_OUT, 'gen/core.wat'));
  assert.ok(p.byGroup.core > 0 && p.byGroup['soft-float (libgcc)'] > 0, JSON.stringify(p.byGroup));
  assert.ok(p.entries.some((e) => e.group === 'core' && e.name.startsWith('assembly/')), 'w2c_f<index> mapped to AssemblyScript names');
  const sum = Object.values(p.byGroup).reduce((a, b) => a + b, 0);
  assert.is(sum, p.total);
});

test.run();
