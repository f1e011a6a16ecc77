// Importer fuzz: 100,000 mutated CBOR inputs (deterministic PRNG; bit flips, byte writes, inserts,
// deletes, truncations, slice copies, CBOR-head bytes) through the importer. Every input either
// decodes to a record that passes the schema or fails with a typed RecordError; nothing else is
// thrown, nothing hangs (each input is at most a few KB and the scanner is bounded). Also the hostile
// shapes the issue names, each with its error code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPairSync } from 'node:crypto';
import { encodeRecord } from '../../../host/record/codec.ts';
import { signPayload } from '../../../host/record/cose.ts';
import { parseRecordBytes } from '../../../host/record/load.ts';
import { scanCbor, DEFAULT_LIMITS } from '../../../host/record/cbor-scan.ts';
import { RecordError, type RecordErrorCode } from '../../../host/record/errors.ts';
import { smallRecord } from './sample.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bare = encodeRecord(smallRecord());
const signed = signPayload(bare, generateKeyPairSync('ed25519').privateKey);
const HEADS = [0x00, 0x17, 0x18, 0x1b, 0x1c, 0x1f, 0x3b, 0x5f, 0x7f, 0x9f, 0xbf, 0xc0, 0xd2, 0xd8, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xff, 0x9b, 0xbb, 0x5b, 0x7b];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  let b: Uint8Array = new Uint8Array(src);
  const ops = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * Math.max(1, b.length));
    switch (Math.floor(rnd() * 8)) {
      case 0:
        b[at] = b[at]! ^ (1 << Math.floor(rnd() * 8));
        break;
      case 1:
        b[at] = Math.floor(rnd() * 256);
        break;
      case 2:
        b[at] = HEADS[Math.floor(rnd() * HEADS.length)]!;
        break;
      case 3: {
        const n = 1 + Math.floor(rnd() * 8);
        const ins = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 4:
        b = concat(b.subarray(0, at), b.subarray(at + 1 + Math.floor(rnd() * 16)));
        break;
      case 5:
        b = b.slice(0, at);
        break;
      case 6: {
        const from = Math.floor(rnd() * b.length);
        const n = Math.floor(rnd() * 32);
        b = concat(b.subarray(0, at), b.subarray(from, from + n), b.subarray(at));
        break;
      }
      default:
        for (let i = 0; i < 4 && at + i < b.length; i++) b[at + i] = 0xff;
    }
  }
  return b;
}

test('100,000 mutated inputs: each decodes or fails with a typed RecordError, never anything else', () => {
  const rnd = mulberry32(20260301);
  const codes = new Map<RecordErrorCode | 'ok', number>();
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    // one in 20 mutates the signed form (each costs an Ed25519 verification)
    const input = mutate(i % 20 === 0 ? signed : bare, rnd);
    try {
      const r = parseRecordBytes(input, 'fuzz.cbor');
      assert.type(r.identity.serial_number, 'string');
      codes.set('ok', (codes.get('ok') ?? 0) + 1);
    } catch (err) {
      if (!(err instanceof RecordError)) throw new Error(`input ${i} (${Buffer.from(input).toString('hex').slice(0, 80)}...) threw ${String(err)}`, { cause: err });
      codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
    }
  }
  const total = [...codes.values()].reduce((a, b) => a + b, 0);
  assert.is(total, N);
  // the mutations reach every layer: the scanner, the schema, the content checks and the signature
  for (const code of ['truncated', 'malformed', 'not-allowed', 'schema', 'signature', 'trailing-bytes'] as const) assert.ok((codes.get(code) ?? 0) > 0, `no input failed with ${code}: ${JSON.stringify([...codes])}`);
});

const code = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (err) {
    return err instanceof RecordError ? err.code : `untyped ${String(err)}`;
  }
};

test('hostile shapes get the error that names them', () => {
  const deep = new Uint8Array(100_000).fill(0x81); // [[[[...]]]] 100,000 deep
  assert.is(code(() => scanCbor(deep)), 'too-deep');
  assert.is(code(() => scanCbor(Uint8Array.from([0x9b, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]))), 'truncated', 'array claiming 4e9 elements');
  assert.is(code(() => scanCbor(Uint8Array.from([0x5a, 0x7f, 0xff, 0xff, 0xff, 1]))), 'truncated', 'byte string claiming 2 GB');
  assert.is(code(() => scanCbor(Uint8Array.from([0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))), 'int-out-of-range');
  assert.is(code(() => scanCbor(Uint8Array.from([0x9f, 0x01, 0xff]))), 'not-allowed', 'indefinite-length array');
  assert.is(code(() => scanCbor(Uint8Array.from([0xc1, 0x01]))), 'not-allowed', 'a tag');
  assert.is(code(() => scanCbor(Uint8Array.from([0xf7]))), 'not-allowed', 'undefined');
  assert.is(code(() => scanCbor(Uint8Array.from([0xa2, 0x01, 0x01, 0x01, 0x02]))), 'duplicate-key');
  assert.is(code(() => scanCbor(Uint8Array.from([0x62, 0xc3, 0x28]))), 'bad-utf8');
  assert.is(code(() => scanCbor(Uint8Array.from([0x01, 0x02]))), 'trailing-bytes');
  assert.is(code(() => scanCbor(Uint8Array.from([0x1c]))), 'malformed');
  assert.is(code(() => scanCbor(new Uint8Array(0))), 'truncated');
  assert.is(code(() => scanCbor(new Uint8Array(DEFAULT_LIMITS.maxBytes + 1))), 'too-large');
  assert.is(code(() => scanCbor(Uint8Array.from([0x8a, ...new Array<number>(10).fill(0x80)]), { maxBytes: 100, maxDepth: 8, maxItems: 5 })), 'too-many-items');
});

test('type confusion in a well-formed record is a schema error naming the field', () => {
  const bytes = new Uint8Array(bare);
  // the serial number "TEST-0001" becomes a byte string of the same length
  const at = Buffer.from(bytes).indexOf(Buffer.from('TEST-0001')) - 1;
  assert.is(bytes[at], 0x69);
  bytes[at] = 0x49;
  let msg = '';
  try {
    parseRecordBytes(bytes, 'x.cbor');
  } catch (err) {
    assert.instance(err, RecordError);
    assert.is((err as RecordError).code, 'schema');
    msg = (err as Error).message;
  }
  assert.match(msg, /serial_number/);
});

test.run();
