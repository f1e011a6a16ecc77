import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAntStreamDecoder } from '../../../host/protocols/ant.ts';
import { assertStreamProperty, seededBytes, type FuzzTarget } from './fuzz-support.ts';
import { ANT_8S_HEX } from './jk-fixtures.ts';

/** Bitwise CRC-16/MODBUS, written apart from the decoder's table version. */
function crc16(b: Uint8Array, start: number, end: number): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc ^= b[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

function refValid(b: Uint8Array): boolean {
  const T = b.length;
  if (T < 10 || b[0] !== 0x7e || b[1] !== 0xa1 || T !== 10 + b[5]! || b[T - 2] !== 0xaa || b[T - 1] !== 0x55) return false;
  return (b[T - 4]! | (b[T - 3]! << 8)) === crc16(b, 1, T - 4);
}

function makeFrame(seed: number, n: number, fn: number): Uint8Array {
  const b = new Uint8Array(10 + n);
  b.set(seededBytes(seed, n), 6);
  b[0] = 0x7e; b[1] = 0xa1; b[2] = fn; b[5] = n;
  const crc = crc16(b, 1, 6 + n);
  b[6 + n] = crc & 0xff; b[7 + n] = crc >> 8; b[8 + n] = 0xaa; b[9 + n] = 0x55;
  return b;
}

const target: FuzzTarget = {
  validFrame: fc.oneof(fc.constant(new Uint8Array(Buffer.from(ANT_8S_HEX, 'hex'))), fc.tuple(fc.integer(), fc.nat(60), fc.constantFrom(0x11, 0x12)).map(([s, n, f]) => makeFrame(s, n, f))),
  referenceValid: refValid,
  makeDecoder: () => createAntStreamDecoder(),
};

test('the reference checker rejects a flipped bit (the fuzz oracle can fail)', () => {
  const f = makeFrame(2, 30, 0x11);
  assert.ok(refValid(f));
  f[12] = f[12]! ^ 2;
  assert.not.ok(refValid(f));
});

test('ant stream, 100 000 fuzzed streams (mutated, truncated, concatenated, noise-interleaved, random chunking): no throw, no bad checksum accepted, every intact frame recovered, every byte accounted for', () => {
  const lost = assertStreamProperty(target, 4105);
  assert.ok(lost <= 10, `${lost} frames lost to checksum collisions`);
  if (process.env.FUZZ_REPORT) console.log(`ant: ${lost} intact frames lost to checksum collisions at read boundaries in 100 000 runs`);
});

test.run();
