/**
 * StreamFramer rules on a toy protocol: frames `AA n d0..d(n-1) s` with s = Σ(n, data) & 0xFF
 * (an 8-bit sum like Daly's, so collisions can be built by hand).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FrameSpec } from '../../../host/framing/frame-spec.ts';
import { StreamFramer } from '../../../host/framing/stream-framer.ts';
import { fromHex, toHex } from '../../../host/framing/hex.ts';

const sum = (b: Uint8Array, i: number, len: number): number => {
  let s = 0;
  for (let k = 1; k < len - 1; k++) s += b[i + k]!;
  return s & 0xff;
};
const toy: FrameSpec = {
  name: 'toy',
  headerLength: 2,
  maxFrameLength: 3 + 16,
  couldStart: (b, i) => b[i] === 0xaa,
  frameLength: (b, i) => (b[i + 1]! <= 16 ? 3 + b[i + 1]! : -1),
  verify: (b, i, len) => (b[i + len - 1] === sum(b, i, len) ? 'ok' : 'checksum'),
};
const frame = (...data: number[]): string => {
  const b = new Uint8Array([0xaa, data.length, ...data, 0]);
  b[b.length - 1] = sum(b, 0, b.length);
  return toHex(b);
};

test('junk, a frame split over three pushes, then a frame and a partial one in one push', () => {
  const f = new StreamFramer(toy);
  const a = frame(1, 2, 3);
  const b = frame(9);
  assert.equal(f.push(fromHex('0001' + a.slice(0, 4))), { frames: [], skipped_bytes: 2, checksum_failures: 0 });
  assert.equal(f.push(fromHex(a.slice(4, 8))).frames, []);
  const r = f.push(fromHex(a.slice(8) + b + 'aa05'));
  assert.equal(r.frames.map(toHex), [a, b]);
  assert.is(toHex(f.tail()), 'aa05');
  assert.equal(f.flush(), { frames: [], skipped_bytes: 0, checksum_failures: 0, trailing_partial: fromHex('aa05') });
  assert.is(f.heldLength, 0);
});

test('a bad checksum skips one byte only, so a frame starting inside the bad one is found', () => {
  const inner = frame(7);
  // outer "frame" of 6 data bytes whose data holds the inner frame, checksum wrong
  const outer = 'aa06' + inner + '0000' + '00';
  const r = new StreamFramer(toy).push(fromHex(outer));
  assert.equal(r.frames.map(toHex), [inner]);
  assert.is(r.checksum_failures, 1);
});

test('overlap rule: a truncated frame plus the head of the next that happens to verify yields to the next frame', () => {
  const next = fromHex(frame(0x10, 0x20)); // aa 02 10 20 32
  // truncated frame "aa 04 t" + next: the 7-byte candidate aa 04 t aa 02 10 | 20 verifies when (04 + t + aa + 02 + 10) & ff = 20
  const t = (0x20 - 0x04 - 0xaa - 0x02 - 0x10 + 0x300) & 0xff;
  const stream = new Uint8Array([0xaa, 0x04, t, ...next]);
  assert.is(toy.verify(stream, 0, 7), 'ok'); // the collision is real
  const r = new StreamFramer(toy).push(stream);
  assert.equal(r.frames.map(toHex), [toHex(next)]);
  assert.is(r.skipped_bytes, 3);
  assert.is(r.checksum_failures, 0);
});

test('a complete frame ending in a start byte comes out of the push that completes it (polled replies are never held)', () => {
  let real = '';
  for (let d = 0; d < 256 && !real.endsWith('aa'); d++) real = frame(d);
  assert.ok(real.endsWith('aa'));
  const f = new StreamFramer(toy);
  assert.equal(f.push(fromHex(real)).frames.map(toHex), [real]);
  assert.is(f.heldLength, 0); // the AA was the frame's own checksum byte
  // with bytes after it, the inner "AA" candidate is judged at once: 0x20 makes it impossible (n > 16)
  const g = new StreamFramer(toy);
  assert.equal(g.push(fromHex(real + '20')).frames.map(toHex), [real]);
});

test('the collision loss the overlap rule cannot prevent: the read boundary falls exactly at the end of the colliding candidate', () => {
  const next = fromHex(frame(0x10, 0x20));
  const t = (0x20 - 0x04 - 0xaa - 0x02 - 0x10 + 0x300) & 0xff;
  const stream = new Uint8Array([0xaa, 0x04, t, ...next]);
  const f = new StreamFramer(toy);
  const first = f.push(stream.subarray(0, 7)).frames.map(toHex);
  const second = f.push(stream.subarray(7)).frames.map(toHex);
  assert.equal(first, [toHex(stream.subarray(0, 7))]); // the collision is emitted (it verifies)
  assert.equal(second, []); // and the real frame's head went with it
});

test('an impossible header and noise never accumulate: held bytes stay below one frame', () => {
  const f = new StreamFramer(toy);
  for (let k = 0; k < 1000; k++) f.push(fromHex('aa11aa10' + '00'.repeat(10)));
  assert.ok(f.heldLength <= toy.maxFrameLength, `held ${f.heldLength}`);
});

test.run();
