import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createJbdStreamDecoder } from '../../../host/protocols/jbd.ts';
import { assertStreamProperty, checkScenario, seededBytes, type FuzzTarget } from './fuzz-support.ts';

/** Reference JBD check written apart from the decoder: DD, op/reg, status, n, data, u16 BE (0x10000 − Σ[2..3+n]), 77. */
function refValid(b: Uint8Array): boolean {
  if (b.length < 7 || b[0] !== 0xdd || b[b.length - 1] !== 0x77) return false;
  const n = b[3]!;
  if (b.length !== n + 7) return false;
  let s = 0;
  for (let i = 2; i < 4 + n; i++) s += b[i]!;
  return ((b[4 + n]! << 8) | b[5 + n]!) === ((0x10000 - s) & 0xffff);
}

function makeFrame(seed: number, n: number, kind: number): Uint8Array {
  const b = new Uint8Array(n + 7);
  b.set(seededBytes(seed, n), 4);
  b[0] = 0xdd;
  b[1] = kind === 0 ? 0xa5 : kind === 1 ? 0x03 : 0x04;
  b[2] = kind === 0 ? 0x03 : 0x00;
  b[3] = n;
  let s = 0;
  for (let i = 2; i < 4 + n; i++) s += b[i]!;
  const cs = (0x10000 - s) & 0xffff;
  b[4 + n] = cs >> 8; b[5 + n] = cs & 0xff; b[6 + n] = 0x77;
  return b;
}

const vectorFrames = ['dd03001d0618000001f201f400002c7c00000000000080640304030b8b0b8a0b84fa8d77', 'dd0400080f450f3d0f370f3dfec677', 'dde10000000077', 'dda50300fffd77']
  .map((h) => new Uint8Array(Buffer.from(h, 'hex')));

const target: FuzzTarget = {
  validFrame: fc.oneof(fc.constantFrom(...vectorFrames), fc.tuple(fc.integer(), fc.nat(60), fc.nat(2)).map(([s, n, k]) => makeFrame(s, n, k))),
  referenceValid: refValid,
  makeDecoder: createJbdStreamDecoder,
};

test('the reference checker accepts the generated frames and rejects a flipped bit (the fuzz oracle can fail)', () => {
  const f = makeFrame(7, 20, 1);
  assert.ok(refValid(f));
  f[10] = f[10]! ^ 1;
  assert.not.ok(refValid(f));
  assert.is(checkScenario(target, { segs: [{ t: 'frame', f: makeFrame(1, 5, 1) }], cuts: [] }), undefined);
});

test('jbd stream, 100 000 fuzzed streams (mutated, truncated, concatenated, noise-interleaved, random chunking): no throw, no bad checksum accepted, every intact frame recovered, every byte accounted for', () => {
  const lost = assertStreamProperty(target, 4101);
  assert.ok(lost <= 10, `${lost} frames lost to checksum collisions`);
  if (process.env.FUZZ_REPORT) console.log(`jbd: ${lost} intact frames lost to checksum collisions at read boundaries in 100 000 runs`);
});

test.run();
