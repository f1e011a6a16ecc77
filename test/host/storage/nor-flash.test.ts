import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { NorFlash } from '../../../host/storage/nor-flash.ts';
import { FlashError, PowerCutError } from '../../../host/storage/errors.ts';
import { Seeded } from './helpers.ts';

const geometry = { blockSize_B: 256, blockCount: 4, programUnit_B: 8 };

function expectError<T extends Error>(fn: () => void, cls: new (...a: never[]) => T): T {
  try {
    fn();
  } catch (err) {
    assert.instance(err, cls);
    return err as T;
  }
  assert.unreachable(`expected ${cls.name}`);
  throw new Error('unreachable');
}

test('a new device reads 0xFF everywhere and rejects a bad geometry', () => {
  const f = new NorFlash(geometry);
  assert.ok(f.read(0, f.size_B).every((b) => b === 0xff));
  assert.is(expectError(() => new NorFlash({ ...geometry, programUnit_B: 3 }), FlashError).code, 'bad-geometry');
  assert.is(expectError(() => new NorFlash({ ...geometry, programUnit_B: 64 }), FlashError).code, 'bad-geometry');
  assert.is(expectError(() => new NorFlash({ ...geometry, blockSize_B: 100 }), FlashError).code, 'bad-geometry');
});

test('programming clears bits; setting a bit back to 1 is refused and changes nothing', () => {
  const f = new NorFlash({ ...geometry, programOnce: false });
  f.program(8, Uint8Array.of(0xf0, 0x0f, 0xff, 0, 1, 2, 3, 4));
  assert.equal([...f.read(8, 8)], [0xf0, 0x0f, 0xff, 0, 1, 2, 3, 4]);
  f.program(8, Uint8Array.of(0x30, 0x0f, 0xff, 0, 1, 2, 3, 4)); // clears two more bits: allowed without programOnce
  assert.is(f.read(8, 1)[0], 0x30);
  const err = expectError(() => f.program(8, Uint8Array.of(0x70, 0x0f, 0xff, 0, 1, 2, 3, 4)), FlashError);
  assert.is(err.code, 'set-bit');
  assert.is(f.read(8, 1)[0], 0x30);
});

test('with programOnce a unit is programmed at most once per erase; erasing makes it programmable again', () => {
  const f = new NorFlash(geometry);
  f.program(0, new Uint8Array(8).fill(0xfe));
  assert.is(expectError(() => f.program(0, new Uint8Array(8).fill(0xfc)), FlashError).code, 'reprogram');
  f.program(8, new Uint8Array(8).fill(0xff)); // an all-0xFF unit programs nothing: allowed anywhere
  f.erase(0);
  f.program(0, new Uint8Array(8).fill(0xfc));
  assert.is(f.read(0, 1)[0], 0xfc);
});

test('misaligned or out-of-range programs and erases are refused', () => {
  const f = new NorFlash(geometry);
  assert.is(expectError(() => f.program(4, new Uint8Array(8)), FlashError).code, 'misaligned');
  assert.is(expectError(() => f.program(0, new Uint8Array(12)), FlashError).code, 'misaligned');
  assert.is(expectError(() => f.program(1024, new Uint8Array(8)), FlashError).code, 'out-of-range');
  assert.is(expectError(() => f.erase(4), FlashError).code, 'out-of-range');
  assert.is(expectError(() => f.read(1020, 8), FlashError).code, 'out-of-range');
});

test('erase sets exactly its block to 0xFF and counts the erase', () => {
  const f = new NorFlash(geometry);
  f.program(0, new Uint8Array(1024).fill(0));
  f.erase(2);
  const img = f.image();
  assert.ok(img.subarray(512, 768).every((b) => b === 0xff));
  assert.ok(img.subarray(0, 512).every((b) => b === 0) && img.subarray(768).every((b) => b === 0));
  assert.equal([...f.eraseCounts], [0, 0, 1, 0]);
});

test('a cut during a program: units before the cut programmed, the torn unit only partly cleared, later units untouched, device off until powerOn', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 2 ** 31 }), (k, seed) => {
      const rng = new Seeded(seed);
      const f = new NorFlash({ ...geometry, rand32: () => rng.u32() });
      const data = Uint8Array.from({ length: 64 }, () => rng.u32() & 0xff);
      f.armPowerCut(k);
      const cut = expectError(() => f.program(64, data), PowerCutError);
      assert.is(cut.during, 'program');
      assert.is(cut.offset, 64 + k);
      assert.is(expectError(() => f.read(0, 1), FlashError).code, 'powered-off');
      f.powerOn();
      const got = f.read(64, 64);
      const u0 = k - (k % 8);
      for (let i = 0; i < 64; i++) {
        if (i < u0) assert.is(got[i], data[i]);
        else if (i >= u0 + 8) assert.is(got[i], 0xff);
        else assert.is(data[i]! & ~got[i]! & 0xff, 0, 'the torn unit clears only bits the program clears');
      }
      assert.is(f.stats.cutsDuringProgram, 1);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('a cut during an erase leaves the other blocks intact and the block in the documented pattern it reports', () => {
  const OLD = 0x5a;
  const seen = new Set<string>();
  for (let seed = 1; seed <= 90; seed++) {
    const rng = new Seeded(seed);
    const f = new NorFlash({ ...geometry, rand32: () => rng.u32() });
    f.program(0, new Uint8Array(1024).fill(OLD));
    const k = rng.below(256);
    f.armPowerCut(k);
    assert.is(expectError(() => f.erase(1), PowerCutError).offset, 256 + k);
    f.powerOn();
    const img = f.image();
    assert.ok(img.subarray(0, 256).every((b) => b === OLD) && img.subarray(512).every((b) => b === OLD), 'other blocks untouched');
    const blk = img.subarray(256, 512);
    const pattern = Object.entries(f.stats.eraseCutPatterns).find(([, n]) => n === 1)![0];
    seen.add(pattern);
    if (pattern === 'prefix') {
      assert.ok(blk.subarray(0, k).every((b) => b === 0xff) && (blk[k]! & OLD) === OLD && blk.subarray(k + 1).every((b) => b === OLD));
    } else if (pattern === 'preprogram') {
      assert.ok(blk.subarray(0, k).every((b) => b === 0) && blk.subarray(k).every((b) => b === OLD));
    } else {
      assert.ok(blk.every((b) => (b & OLD) === OLD), 'scatter only sets bits');
    }
  }
  assert.equal([...seen].sort(), ['prefix', 'preprogram', 'scatter']);
});

test('the cut budget runs across operations: an erase costs a block, a program its length', () => {
  const f = new NorFlash(geometry);
  f.armPowerCut(256 + 16);
  f.erase(0);
  f.program(0, new Uint8Array(16).fill(0));
  const cut = expectError(() => f.program(16, new Uint8Array(8).fill(0)), PowerCutError);
  assert.is(cut.offset, 16);
  f.powerOn();
  assert.ok(f.read(0, 16).every((b) => b === 0));
});

test.run();
