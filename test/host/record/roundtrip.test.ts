// Round trip: replay a real NASA recording, export (CBOR and JSON form), import: every log record and
// every counter identical (exact equality, no tolerance), histograms and parameter block too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Decoder } from 'cbor-x';
import { openRecording } from '../../../host/readers/open.ts';
import { replayRecording } from '../../../host/replay/replay.ts';
import { recordFromReplay } from '../../../host/record/build.ts';
import { decodeRecord, encodeRecord, jsonToRecord, recordToJson } from '../../../host/record/codec.ts';
import { decodeParams, fromEntry } from '../../../host/record/device-bytes.ts';
import { scanCbor, toPlain } from '../../../host/record/cbor-scan.ts';
import { checkRecord } from '../../../host/record/verify.ts';
import { EXPORTED_AT } from './sample.ts';
import { LOG_CAPACITY } from '../../../layout/core-layout.ts';
import { generateKeyPairSync } from 'node:crypto';
import { signPayload } from '../../../host/record/cose.ts';
import { parseRecordBytes } from '../../../host/record/load.ts';

const replay = replayRecording(openRecording('fixtures/B0005'));
const record = recordFromReplay(replay, { exportedAt: EXPORTED_AT, sourceName: 'B0005' });
const bytes = encodeRecord(record);

test('replay -> CBOR export -> import gives every log record of the replay, identical', () => {
  const back = decodeRecord(bytes);
  assert.is(back.log.records.length, replay.log.length);
  assert.ok(replay.log.length > 3 * LOG_CAPACITY, 'the fixture writes several times more records than the ring holds');
  assert.equal(back.log.records.map(fromEntry), replay.log);
  assert.ok(back.log.records.every((e) => e.crc32 !== null));
});

test('replay -> CBOR export -> import gives every counter of the final snapshot, identical', () => {
  const back = decodeRecord(bytes);
  assert.equal(Object.keys(back.counters).sort(), Object.keys(replay.final).sort());
  for (const [k, v] of Object.entries(replay.final)) assert.ok(Object.is(back.counters[k], v) || back.counters[k] === v, `${k}: ${back.counters[k]} vs ${v}`);
  assert.equal(back.histograms, replay.histograms);
  assert.is(back.device.digest, replay.digest);
});

test('the exported parameter block decodes to the parameters the replay ran with', () => {
  const back = decodeRecord(bytes);
  assert.equal(decodeParams(back.device.params_block), replay.params);
  assert.equal(checkRecord(back), { problems: [], notes: [] });
});

test('a signed export imports to the same record as the bare one', () => {
  const signed = signPayload(bytes, generateKeyPairSync('ed25519').privateKey);
  const back = parseRecordBytes(signed, 'b5.cbor');
  assert.equal(back, decodeRecord(bytes));
  assert.equal(back.log.records.map(fromEntry), replay.log);
});

test('the JSON form reads back to the same record as the CBOR form', () => {
  const fromJson = jsonToRecord(JSON.stringify(recordToJson(record)));
  assert.equal(fromJson, decodeRecord(bytes));
});

test('cbor-x decodes the export to the same values as the bounded scanner', () => {
  const ours = toPlain(scanCbor(bytes).item);
  const theirs = new Decoder({ useRecords: false, mapsAsObjects: false }).decode(bytes) as unknown;
  // cbor-x gives Buffers for byte strings; compare them as plain bytes
  const norm = (x: unknown): unknown => (x instanceof Uint8Array ? Array.from(x) : x instanceof Map ? new Map([...x].map(([k, v]) => [k, norm(v)])) : Array.isArray(x) ? x.map(norm) : x);
  assert.equal(norm(ours), norm(theirs));
});

test('exports are deterministic: the same record encodes to the same bytes', () => {
  assert.equal(Buffer.from(encodeRecord(decodeRecord(bytes))), Buffer.from(bytes));
});

test.run();
