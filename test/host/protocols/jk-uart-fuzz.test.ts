import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createJkUartStreamDecoder } from '../../../host/protocols/jk-uart.ts';
import { assertStreamProperty, seededBytes, type FuzzTarget } from './fuzz-support.ts';
import { JK_UART_14S_HEX } from './jk-fixtures.ts';

/** Reference JK 4E57 check written apart from the decoder: length field = T − 2, 0x68 at T − 5, u16 BE Σ[0..T−2) in the last two bytes. */
function refValid(b: Uint8Array): boolean {
  const T = b.length;
  if (T < 20 || b[0] !== 0x4e || b[1] !== 0x57 || ((b[2]! << 8) | b[3]!) !== T - 2 || b[T - 5] !== 0x68) return false;
  let s = 0;
  for (let i = 0; i < T - 2; i++) s += b[i]!;
  return ((b[T - 2]! << 8) | b[T - 1]!) === (s & 0xffff);
}

/** A reply frame with `n` TLV bytes of seeded content (often not decodable: then it must come out in bad_frames). */
function makeFrame(seed: number, n: number, type: number): Uint8Array {
  const T = 11 + n + 9;
  const b = new Uint8Array(T);
  b.set(seededBytes(seed, n), 11);
  b[0] = 0x4e; b[1] = 0x57; b[2] = (T - 2) >> 8; b[3] = (T - 2) & 0xff;
  b[8] = 6; b[9] = 0; b[10] = type;
  b[T - 5] = 0x68;
  let s = 0;
  for (let i = 0; i < T - 2; i++) s += b[i]!;
  b[T - 2] = (s >> 8) & 0xff; b[T - 1] = s & 0xff;
  return b;
}

const vectorFrames = [JK_UART_14S_HEX, '4e5700130000000006030000000000006800000129'].map((h) => new Uint8Array(Buffer.from(h, 'hex')));

const target: FuzzTarget = {
  validFrame: fc.oneof(fc.constantFrom(...vectorFrames), fc.tuple(fc.integer(), fc.nat(40), fc.nat(2)).map(([s, n, t]) => makeFrame(s, n, t))),
  referenceValid: refValid,
  makeDecoder: () => createJkUartStreamDecoder(),
};

test('the reference checker rejects a flipped bit (the fuzz oracle can fail)', () => {
  const f = makeFrame(5, 12, 1);
  assert.ok(refValid(f));
  f[14] = f[14]! ^ 4;
  assert.not.ok(refValid(f));
});

test('jk-uart stream, 100 000 fuzzed streams (mutated, truncated, concatenated, noise-interleaved, random chunking): no throw, no bad checksum accepted, every intact frame recovered, every byte accounted for', () => {
  const lost = assertStreamProperty(target, 4103);
  assert.ok(lost <= 10, `${lost} frames lost to checksum collisions`);
  if (process.env.FUZZ_REPORT) console.log(`jk-uart: ${lost} intact frames lost to checksum collisions at read boundaries in 100 000 runs`);
});

test.run();
