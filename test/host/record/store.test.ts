// Importing into a record store: a good export is merged in; a bad one (corrupt, another battery,
// tampered signature) is refused with a typed error and the stored bytes stay exactly as they were.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateKeyPairSync } from 'node:crypto';
import { importIntoStore } from '../../../host/record/store.ts';
import { encodeRecord } from '../../../host/record/codec.ts';
import { signPayload } from '../../../host/record/cose.ts';
import { recordFromCore } from '../../../host/record/build.ts';
import { RecordError } from '../../../host/record/errors.ts';
import { drive, newCore, smallRecord } from './sample.ts';

const dir = mkdtempSync(join(tmpdir(), 'bms-store-'));
const store = join(dir, 'store.cbor');
const core = newCore(60);
const t = drive(core, 1);
const first = encodeRecord(recordFromCore(core, { exportedAt: '2026-01-01T00:00:00Z', sourceName: 'x', config: { identity: { serial_number: 'S1' } } }));
drive(core, 1, t);
const second = encodeRecord(recordFromCore(core, { exportedAt: '2026-01-02T00:00:00Z', sourceName: 'x', config: { identity: { serial_number: 'S1' } } }));

const refusedWith = (bytes: Uint8Array, where: string): string => {
  try {
    importIntoStore(store, bytes, where, '2026-01-09T00:00:00Z');
  } catch (err) {
    assert.instance(err, RecordError);
    return (err as RecordError).code;
  }
  return 'accepted';
};

test('good exports are merged into the store', () => {
  importIntoStore(store, first, 'first.cbor', '2026-01-01T01:00:00Z');
  const merged = importIntoStore(store, second, 'second.cbor', '2026-01-02T01:00:00Z');
  assert.is(merged.merge!.sources.length, 2);
  assert.is(merged.log.records[0]!.seq, 1);
});

test('a bad import changes nothing stored and leaves no temporary file', () => {
  const before = readFileSync(store);
  const truncated = second.subarray(0, second.length - 7);
  const flipped = new Uint8Array(second);
  flipped[0]! ^= 0x20; // the top-level map of 7 entries becomes an array of 7 items
  const signed = signPayload(second, generateKeyPairSync('ed25519').privateKey);
  const tampered = new Uint8Array(signed);
  tampered[signed.length - 100]! ^= 1;
  assert.is(refusedWith(truncated, 'truncated.cbor'), 'truncated');
  assert.is(refusedWith(flipped, 'flipped.cbor'), 'trailing-bytes');
  assert.is(refusedWith(tampered, 'tampered.cbor'), 'signature');
  assert.is(refusedWith(encodeRecord(smallRecord('OTHER')), 'other.cbor'), 'different-battery');
  assert.is(refusedWith(new TextEncoder().encode('{"format":"bms-edge-record"}'), 'bad.json'), 'schema');
  assert.equal(readFileSync(store), before);
  assert.equal(readdirSync(dir), ['store.cbor']);
});

test.run();
