// The CDDL schema in record/bms-record.cddl and the subset validator: exports validate, and each kind
// of mismatch is refused with a message naming where and what.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Encoder } from 'cbor-x';
import { parseCddl, Validator, CddlError } from '../../../host/record/cddl.ts';
import { scanCbor, type Item } from '../../../host/record/cbor-scan.ts';
import { recordValidator, CDDL_PATH } from '../../../host/record/schema.ts';
import { encodeRecord, recordToTree } from '../../../host/record/codec.ts';
import { mergeRecords } from '../../../host/record/merge.ts';
import { COUNTERS, IDENTITY } from '../../../host/record/keys.ts';
import { Snapshot } from '../../../layout/core-layout.ts';
import { openRecording } from '../../../host/readers/open.ts';
import { replayRecording } from '../../../host/replay/replay.ts';
import { recordFromReplay } from '../../../host/record/build.ts';
import { smallRecord, EXPORTED_AT } from './sample.ts';

const enc = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, pack: false });
const item = (v: unknown): Item => scanCbor(new Uint8Array(enc.encode(v))).item;
const schemaOf = (src: string) => {
  const { rules, root } = parseCddl(src);
  return new Validator(rules, root);
};

test('exports of a replayed NASA cell, of a live core and of a merge validate against record/bms-record.cddl', () => {
  const v = recordValidator();
  const nasa = recordFromReplay(replayRecording(openRecording('fixtures/B0005')), { exportedAt: EXPORTED_AT, sourceName: 'B0005' });
  const small = smallRecord();
  const merged = mergeRecords([small, { ...small, provenance: { ...small.provenance, exported_at: '2026-03-02T00:00:00Z' } }], EXPORTED_AT);
  for (const r of [nasa, small, merged]) assert.is(v.validate(scanCbor(encodeRecord(r)).item), null);
});

test('a record with a wrong type, a missing key or an extra key is refused, naming the place', () => {
  const v = recordValidator();
  const tree = recordToTree(smallRecord());
  const id = tree.get(1) as Map<number, unknown>;
  id.set(3, 'two amp-hours');
  let m = v.validate(item(tree));
  assert.ok(m);
  assert.match(m!.path, /rated_capacity_Ah/);
  assert.match(m!.message, /expected number, got tstr/);
  id.set(3, 2);
  id.delete(1);
  m = v.validate(item(tree));
  assert.match(m!.message, /missing key 1 \(serial_number\)/);
  id.set(1, 'X');
  id.set(99, 1);
  m = v.validate(item(tree));
  assert.match(m!.message, /unexpected key uint 99/);
});

test('uint, nint and float are told apart; .size and literal choices are enforced', () => {
  const v = schemaOf('r = { 1 => uint, 2 => tstr .size (1..3), ? 3 => "a" / "b", 4 => [* number] }');
  assert.is(v.validate(item(new Map<number, unknown>([[1, 5], [2, 'ab'], [3, 'b'], [4, [1, -1, 0.5]]]))), null);
  assert.match(v.validate(item(new Map<number, unknown>([[1, 5.5], [2, 'ab'], [4, []]])))!.message, /expected uint, got float 5.5/);
  assert.match(v.validate(item(new Map<number, unknown>([[1, -5], [2, 'ab'], [4, []]])))!.message, /expected uint, got nint -5/);
  assert.match(v.validate(item(new Map<number, unknown>([[1, 5], [2, 'abcd'], [4, []]])))!.message, /size 4 bytes outside 1..3/);
  assert.match(v.validate(item(new Map<number, unknown>([[1, 5], [2, 'a'], [3, 'c'], [4, []]])))!.message, /matches none of/);
  assert.match(v.validate(item(new Map<number, unknown>([[1, 5], [2, 'a'], [4, ['x']]])))!.message, /unexpected extra array element/);
});

test('positional arrays check their length and each element', () => {
  const v = schemaOf('r = [a: uint, b: uint / null, ? c: tstr]');
  assert.is(v.validate(item([1, null])), null);
  assert.is(v.validate(item([1, 2, 'x'])), null);
  assert.match(v.validate(item([1]))!.message, /array too short: entry b/);
  assert.match(v.validate(item([1, 2, 3]))!.message, /unexpected extra array element/);
});

test('the parser refuses CDDL outside the supported subset instead of ignoring it', () => {
  for (const src of ['r = { a // b }', 'r = tstr .regexp "x"', 'r = u\nx = 1', 'r = 1...3', 'r = { a: uint']) {
    assert.throws(() => parseCddl(src), (e: unknown) => e instanceof CddlError, src);
  }
});

test('every Snapshot field of the core has a counter key, and every key is unique', () => {
  for (const f of Snapshot.fields) assert.ok(COUNTERS[f.name] !== undefined, `Snapshot.${f.name} has no key in host/record/keys.ts COUNTERS`);
  const keys = Object.values(COUNTERS);
  assert.is(new Set(keys).size, keys.length);
  const idKeys = IDENTITY.map((f) => f.key);
  assert.is(new Set(idKeys).size, idKeys.length);
});

test('the CDDL names every counter and identity key with the name keys.ts gives it', () => {
  const src = readFileSync(CDDL_PATH, 'utf8');
  for (const [name, key] of Object.entries(COUNTERS)) assert.match(src, new RegExp(`\\n  ${key} => number,\\s+; ${name}\\n`), name);
  for (const f of IDENTITY) assert.match(src, new RegExp(`\\n  (\\? )?${f.key} => [^;]+; ${f.name}\\b`), f.name);
});

test.run();
