import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createJk300StreamDecoder } from '../../../host/protocols/jk300.ts';
import { assertStreamProperty, seededBytes, type FuzzTarget } from './fuzz-support.ts';
import { JK300_24S_HEX, JK300_32S_HEX, JK300_DEVINFO_HEX } from './jk-fixtures.ts';

/** Reference check written apart from the decoder: 300-byte 55AAEB90 frame of type 1/2/3/5 or 20-byte AA5590EB command, last byte = Σ of the others & 0xFF. */
function refValid(b: Uint8Array): boolean {
  const isFrame = b.length === 300 && b[0] === 0x55 && b[1] === 0xaa && b[2] === 0xeb && b[3] === 0x90 && [1, 2, 3, 5].includes(b[4]!);
  const isCmd = b.length === 20 && b[0] === 0xaa && b[1] === 0x55 && b[2] === 0x90 && b[3] === 0xeb;
  if (!isFrame && !isCmd) return false;
  let s = 0;
  for (let i = 0; i < b.length - 1; i++) s += b[i]!;
  return (s & 0xff) === b[b.length - 1];
}

function makeFrame(seed: number, type: number, command: boolean): Uint8Array {
  const n = command ? 20 : 300;
  const b = seededBytes(seed, n);
  b.set(command ? [0xaa, 0x55, 0x90, 0xeb] : [0x55, 0xaa, 0xeb, 0x90, type], 0);
  let s = 0;
  for (let i = 0; i < n - 1; i++) s += b[i]!;
  b[n - 1] = s & 0xff;
  return b;
}

const vectorFrames = [JK300_24S_HEX, JK300_32S_HEX, JK300_DEVINFO_HEX].map((h) => new Uint8Array(Buffer.from(h, 'hex')));

const target: FuzzTarget = {
  validFrame: fc.oneof(fc.constantFrom(...vectorFrames), fc.tuple(fc.integer(), fc.constantFrom(1, 2, 3, 5), fc.boolean()).map(([s, t, c]) => makeFrame(s, t, c))),
  referenceValid: refValid,
  makeDecoder: () => createJk300StreamDecoder(),
};

test('the reference checker rejects a flipped bit (the fuzz oracle can fail)', () => {
  const f = makeFrame(9, 2, false);
  assert.ok(refValid(f));
  f[100] = f[100]! ^ 0x80;
  assert.not.ok(refValid(f));
});

test('jk300 stream, 100 000 fuzzed streams (mutated, truncated, concatenated, noise-interleaved, random chunking): no throw, no bad checksum accepted, every intact frame recovered, every byte accounted for', () => {
  const lost = assertStreamProperty(target, 4104);
  assert.ok(lost <= 10, `${lost} frames lost to checksum collisions`);
  if (process.env.FUZZ_REPORT) console.log(`jk300: ${lost} intact frames lost to checksum collisions at read boundaries in 100 000 runs`);
});

test.run();
