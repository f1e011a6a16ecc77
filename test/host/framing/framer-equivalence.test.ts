/**
 * The growable-buffer StreamFramer gives exactly what the straightforward concat-and-rescan
 * reference (reference-framer.ts) gives: same frames, same skipped / checksum counts, same held
 * bytes after every push, same flush, for every byte protocol's FrameSpec, any stream (real vector
 * frames, noise, bit flips, truncations) and any chunking (Uint8Array or Buffer chunks). And its
 * output never aliases the caller's chunk.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FrameSpec } from '../../../host/framing/frame-spec.ts';
import { toHex } from '../../../host/framing/hex.ts';
import { StreamFramer, type RawFramingResult } from '../../../host/framing/stream-framer.ts';
import { antFrameSpec } from '../../../host/protocols/ant.ts';
import { dalyFrameSpec } from '../../../host/protocols/daly.ts';
import { jbdFrameSpec } from '../../../host/protocols/jbd.ts';
import { jk300FrameSpec } from '../../../host/protocols/jk300.ts';
import { jkUartFrameSpec } from '../../../host/protocols/jk-uart.ts';
import { bytesOf, VECTORS } from '../protocols/vector-support.ts';
import { ReferenceFramer } from './reference-framer.ts';

const specs: [FrameSpec, string][] = [[jbdFrameSpec, 'jbd'], [dalyFrameSpec, 'daly'], [jkUartFrameSpec, 'jk-uart'], [jk300FrameSpec, 'jk300'], [antFrameSpec, 'ant']];
const framesOf = (p: string): Uint8Array[] => VECTORS.filter((v) => v.protocol === p && v.hex).map((v) => bytesOf(v.id));

const view = (r: RawFramingResult): unknown => ({
  frames: r.frames.map(toHex), skipped: r.skipped_bytes, checksum: r.checksum_failures,
  trailing: r.trailing_partial === undefined ? undefined : toHex(r.trailing_partial),
});

function segment(frames: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const frame = fc.constantFrom(...frames);
  return fc.oneof(
    { weight: 4, arbitrary: frame },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.tuple(frame, fc.nat(), fc.nat(7)).map(([f, p, b]) => { const c = f.slice(); c[p % c.length]! ^= 1 << b; return c; }) },
    { weight: 1, arbitrary: fc.tuple(frame, fc.nat()).map(([f, k]) => f.slice(0, k % f.length)) },
    { weight: 1, arbitrary: frame.map((f) => f.slice(0, 1)) }, // a lone start byte
  );
}

for (const [spec, p] of specs) {
  test(`${p}: identical frames, counts, held bytes and flush as the reference framer, any chunking`, () => {
    const frames = framesOf(p);
    assert.ok(frames.length > 0);
    fc.assert(fc.property(fc.array(segment(frames), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (segs, cuts, asBuffer) => {
      const stream = Buffer.concat(segs);
      const ours = new StreamFramer(spec);
      const ref = new ReferenceFramer(spec);
      let at = 0;
      for (let k = 0; at < stream.length; k++) {
        const len = cuts[k % cuts.length]!;
        const chunk = asBuffer ? stream.subarray(at, at + len) : new Uint8Array(stream.subarray(at, at + len));
        at += len;
        assert.equal(view(ours.push(chunk)), view(ref.push(chunk)));
        assert.is(toHex(ours.tail()), toHex(ref.tail()));
      }
      assert.equal(view(ours.flush()), view(ref.flush()));
      assert.is(ours.heldLength, 0);
    }), { numRuns: 400, seed: 17 });
  });
}

test('frames, trailing_partial and tail() are copies: rewriting the caller\'s chunk (Buffer or Uint8Array) afterwards changes none of them', () => {
  const whole = bytesOf('jk-uart-doc-14s');
  for (const chunk of [Buffer.from(whole), new Uint8Array(whole)]) {
    const f = new StreamFramer(jkUartFrameSpec);
    const r = f.push(chunk);
    assert.is(r.frames.length, 1);
    chunk.fill(0);
    assert.is(toHex(r.frames[0]!), toHex(whole));
    const head = Buffer.from(whole.subarray(0, 40));
    f.push(head);
    head.fill(0);
    assert.is(toHex(f.tail()), toHex(whole.subarray(0, 40)));
    assert.is(toHex(f.flush().trailing_partial!), toHex(whole.subarray(0, 40)));
  }
});

test('frames handed out earlier survive later pushes (the shared slab never reuses a range)', () => {
  const f = new StreamFramer(dalyFrameSpec);
  const one = bytesOf('daly-solarreader-90');
  const kept = f.push(one).frames[0]!;
  for (let k = 0; k < 2000; k++) f.push(bytesOf('daly-solarreader-91'));
  assert.is(toHex(kept), toHex(one));
});

test('a store grown by one huge push is given back once the bytes are gone', () => {
  const f = new StreamFramer(jbdFrameSpec);
  f.push(new Uint8Array([0xdd, 0xa5]));
  f.push(new Uint8Array(200_000)); // held start byte + a huge chunk of zeros: the start proves junk
  assert.is(f.heldLength, 0);
  const frame = framesOf('jbd')[0]!;
  assert.equal(f.push(frame).frames.map(toHex), [toHex(frame)]);
});

void VECTORS;
test.run();
