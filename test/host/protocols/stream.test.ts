/**
 * Stream decoding of the byte protocols on the real captures and the quirks protocols.md §0
 * lists: frames split across reads, stale bytes before the start byte, two frames in one read,
 * our request echoed between frames, `AT\r\n` floods, truncated tails, a checksum-bad frame
 * followed by a good one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAntStreamDecoder } from '../../../host/protocols/ant.ts';
import { createDalyStreamDecoder } from '../../../host/protocols/daly.ts';
import { createJbdStreamDecoder, jbdReadRequest } from '../../../host/protocols/jbd.ts';
import { createJk300StreamDecoder, jkPbStatusTrigger } from '../../../host/protocols/jk300.ts';
import { createJkUartStreamDecoder } from '../../../host/protocols/jk-uart.ts';
import type { StreamDecoder } from '../../../host/protocols/types.ts';
import { seededBytes } from './fuzz-support.ts';
import { VECTORS } from './vector-support.ts';

type Any = { raw: Uint8Array; kind: string; fields: object };
const MAKERS: Record<string, () => StreamDecoder<Any>> = {
  jbd: createJbdStreamDecoder, daly: () => createDalyStreamDecoder(), 'jk-uart': () => createJkUartStreamDecoder(),
  jk300: () => createJk300StreamDecoder(), ant: createAntStreamDecoder,
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function feed(dec: StreamDecoder<Any>, bytes: Uint8Array, cuts: number[]): { frames: string[]; skipped: number; bad: number; tail: string } {
  const frames: string[] = [];
  let skipped = 0;
  let bad = 0;
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    const r = dec.push(bytes.subarray(prev, c));
    frames.push(...r.frames.map((f) => hex(f.raw)));
    skipped += r.skipped_bytes;
    bad += r.checksum_failures;
    prev = c;
  }
  const f = dec.flush();
  frames.push(...f.frames.map((x) => hex(x.raw)));
  return { frames, skipped: skipped + f.skipped_bytes, bad: bad + f.checksum_failures, tail: hex(f.trailing_partial ?? new Uint8Array(0)) };
}

test('every byte-protocol vector gives the same frames fed in one read, byte by byte, and in 7-byte pieces', () => {
  let n = 0;
  for (const v of VECTORS.filter((x) => MAKERS[x.protocol] && x.hex)) {
    const bytes = new Uint8Array(Buffer.from(v.hex!, 'hex'));
    if (v.protocol === 'jk300' && v.kind === 'request') continue; // Modbus FC16 is not a 55AAEB90 stream frame
    const whole = feed(MAKERS[v.protocol]!(), bytes, []);
    const single = feed(MAKERS[v.protocol]!(), bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1));
    const sevens = feed(MAKERS[v.protocol]!(), bytes, Array.from({ length: Math.floor((bytes.length - 1) / 7) }, (_, i) => 7 * (i + 1)));
    assert.ok(whole.frames.length >= 1, v.id);
    assert.equal(single, whole, v.id);
    assert.equal(sevens, whole, v.id);
    n++;
  }
  assert.is(n, 33); // 15 jbd + 10 daly + 2 jk-uart + 5 jk300 + 1 ant
});

test('JBD: stale bytes before the start, 7 + 29 byte split, two frames in one read, our request echoed, AT flood, truncated tail', () => {
  const basic = VECTORS.find((v) => v.id === 'jbd-sp04-basic-1')!.hex!;
  const cells = VECTORS.find((v) => v.id === 'jbd-sp04-cells-1')!.hex!;
  const stream = Buffer.from('0f3e' + hex(jbdReadRequest(3)) + basic + cells + hex(Buffer.from('AT\r\nAT\r\n')) + cells + 'dd0400080f45', 'hex');
  const dec = createJbdStreamDecoder();
  const kinds: string[] = [];
  let skipped = 0;
  for (const piece of [stream.subarray(0, 9), stream.subarray(9, 16), stream.subarray(16, 45), stream.subarray(45)]) {
    const r = dec.push(piece);
    kinds.push(...r.frames.map((f) => f.kind));
    skipped += r.skipped_bytes;
  }
  assert.equal(kinds, ['request', 'basic-info', 'cells', 'cells']);
  assert.is(skipped, 2 + 8); // 0f 3e, then "AT\r\nAT\r\n"
  const end = dec.flush();
  assert.is(hex(end.trailing_partial!), 'dd0400080f45');
});

test('JBD: a checksum-bad frame followed by a good one: the bad one is counted and never decoded, the good one comes out', () => {
  const good = VECTORS.find((v) => v.id === 'jbd-sp04-cells-1')!.hex!;
  const bad = good.slice(0, 8) + 'ff' + good.slice(10);
  const r = feed(createJbdStreamDecoder(), Buffer.from(bad + good, 'hex'), []);
  assert.equal(r.frames, [good]);
  assert.is(r.bad, 1);
  assert.is(r.skipped, bad.length / 2);
});

test('Daly: a 0x95 multi-frame reply with junk between frames and a frame cut in half at the end', () => {
  const v = VECTORS.find((x) => x.id === 'daly-solarreader-95-14s')!.hex!;
  const frames = v.match(/.{26}/g)!;
  const stream = Buffer.from('aa55' + frames[0] + '00' + frames.slice(1, 4).join('') + 'a5' + frames[4] + frames[0]!.slice(0, 12), 'hex');
  const r = feed(createDalyStreamDecoder(), stream, [5, 30, 31]);
  assert.equal(r.frames, frames);
  assert.is(r.skipped, 4);
  assert.is(r.tail, frames[0]!.slice(0, 12));
});

test('JK-PB over RS485: echoed FC16 trigger, the 300-byte frame, 00, the 8-byte ACK and 00 — one cell-info frame, the rest skipped', () => {
  const frame = VECTORS.find((x) => x.id === 'jk300-pb-rs485-status')!.hex!;
  const stream = Buffer.from(hex(jkPbStatusTrigger(3)) + frame + '00' + '03101620000105a9' + '00', 'hex');
  const dec = createJk300StreamDecoder();
  const r = dec.push(stream);
  assert.equal(r.frames.map((f) => f.kind), ['cell-info']);
  assert.is(r.skipped_bytes, 11 + 1 + 8 + 1);
  assert.is(r.checksum_failures, 0);
});

test('the held tail is bounded: 100 kB of noise never leaves more than one frame length held', () => {
  for (const [name, make] of Object.entries(MAKERS)) {
    const dec = make();
    for (let k = 0; k < 100; k++) dec.push(seededBytes(k + 1, 1000));
    assert.ok(dec.tail().length < 1100, `${name} holds ${dec.tail().length} bytes`);
  }
});

test.run();
