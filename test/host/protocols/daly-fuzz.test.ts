import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDalyStreamDecoder } from '../../../host/protocols/daly.ts';
import { assertStreamProperty, seededBytes, type FuzzTarget } from './fuzz-support.ts';

/** Reference Daly check written apart from the decoder: 13 bytes, A5, byte 3 = 08, byte 12 = Σ[0..11] & 0xFF. */
function refValid(b: Uint8Array): boolean {
  if (b.length !== 13 || b[0] !== 0xa5 || b[3] !== 0x08) return false;
  let s = 0;
  for (let i = 0; i < 12; i++) s += b[i]!;
  return (s & 0xff) === b[12];
}

function makeFrame(seed: number, address: number, id: number): Uint8Array {
  const b = new Uint8Array(13);
  b.set(seededBytes(seed, 8), 4);
  b[0] = 0xa5; b[1] = address; b[2] = id; b[3] = 0x08;
  let s = 0;
  for (let i = 0; i < 12; i++) s += b[i]!;
  b[12] = s & 0xff;
  return b;
}

const vectorFrames = ['a5019008023a0000753001ed0d', 'a50191080ec8050e9c0901f4c2', 'a5019508010ec00ec20ec720d7', 'a540900800000000000000007d'].map((h) => new Uint8Array(Buffer.from(h, 'hex')));

const target: FuzzTarget = {
  validFrame: fc.oneof(fc.constantFrom(...vectorFrames), fc.tuple(fc.integer(), fc.constantFrom(0x01, 0x02, 0x40, 0x80), fc.integer({ min: 0x90, max: 0x98 })).map(([s, a, id]) => makeFrame(s, a, id))),
  referenceValid: refValid,
  makeDecoder: () => createDalyStreamDecoder(),
};

test('the reference checker rejects a flipped bit (the fuzz oracle can fail)', () => {
  const f = makeFrame(3, 1, 0x90);
  assert.ok(refValid(f));
  f[6] = f[6]! ^ 0x10;
  assert.not.ok(refValid(f));
});

test('daly stream, 100 000 fuzzed streams (mutated, truncated, concatenated, noise-interleaved, random chunking): no throw, no bad checksum accepted, every intact frame recovered, every byte accounted for', () => {
  const lost = assertStreamProperty(target, 4102);
  assert.ok(lost <= 10, `${lost} frames lost to checksum collisions`);
  if (process.env.FUZZ_REPORT) console.log(`daly: ${lost} intact frames lost to checksum collisions at read boundaries in 100 000 runs`);
});

test.run();
