// Merging exports of one battery taken at different times: no duplicates, and every gap, overwrite,
// conflict, clock step and reset is reported in the merged record, never hidden.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recordFromCore } from '../../../host/record/build.ts';
import { mergeRecords } from '../../../host/record/merge.ts';
import { logCrc } from '../../../host/record/device-bytes.ts';
import { checkRecord } from '../../../host/record/verify.ts';
import { decodeRecord, encodeRecord } from '../../../host/record/codec.ts';
import { RecordError } from '../../../host/record/errors.ts';
import type { BmsRecord } from '../../../host/record/model.ts';
import { drive, newCore } from './sample.ts';

const ctx = (exportedAt: string) => ({ exportedAt, sourceName: 'bench', config: { identity: { serial_number: 'SN-42' } } });

// A SUMMARY record every 60 s: one drive() cycle (4,600 s) writes about 80 records, so the
// 256-record ring overwrites between exports A and B.
const core = newCore(60);
let t = drive(core, 1);
const A = recordFromCore(core, ctx('2026-01-01T00:00:00Z'));
t = drive(core, 5, t);
const B = recordFromCore(core, ctx('2026-01-02T00:00:00Z'));
drive(core, 1, t);
const C = recordFromCore(core, ctx('2026-01-03T00:00:00Z'));
const allSeq = (r: BmsRecord) => r.log.records.map((e) => e.seq);

test('the sample exports overlap (B, C) and leave a range the ring overwrote (between A and B)', () => {
  assert.ok(A.log.records.length > 0 && A.log.lost.length === 0);
  assert.ok(B.log.records[0]!.seq > A.log.records[A.log.records.length - 1]!.seq + 1, 'the ring overwrote records between A and B');
  assert.ok(C.log.records[0]!.seq <= B.log.records[B.log.records.length - 1]!.seq, 'B and C overlap');
});

test('merging in any order keeps each sequence number once, in order, and the latest counters', () => {
  const m = mergeRecords([C, A, B], '2026-01-04T00:00:00Z');
  const seqs = allSeq(m);
  assert.equal(seqs, [...new Set([...allSeq(A), ...allSeq(B), ...allSeq(C)])].sort((x, y) => x - y));
  assert.equal(m.counters, C.counters);
  assert.is(m.log.next_seq, C.log.next_seq);
  assert.is(m.provenance.source_kind, 'merge');
  assert.is(m.merge!.sources.length, 3);
  assert.equal(checkRecord(m).problems, []);
  assert.equal(decodeRecord(encodeRecord(m)), m, 'a merged record survives the CBOR form');
});

test('the range no export holds is reported as overwritten, with its exact bounds', () => {
  const m = mergeRecords([A, B, C], '2026-01-04T00:00:00Z');
  const first = A.log.records[A.log.records.length - 1]!.seq + 1;
  const last = B.log.records[0]!.seq - 1;
  const ow = m.merge!.issues.filter((i) => i.kind === 'overwritten');
  assert.equal(ow.map((i) => [i.first_seq, i.last_seq]), [[first, last]]);
  assert.equal(m.log.lost, [[first, last]]);
  assert.not.ok(m.merge!.issues.some((i) => i.kind === 'gap' || i.kind === 'conflict'));
});

test('a range missing without being declared lost is reported as a gap', () => {
  const cut = structuredClone(C);
  cut.log.records = cut.log.records.filter((e) => e.seq % 50 !== 7);
  const dropped = C.log.records.filter((e) => e.seq % 50 === 7).map((e) => e.seq);
  const m = mergeRecords([A, cut], '2026-01-04T00:00:00Z');
  const gaps = m.merge!.issues.filter((i) => i.kind === 'gap').map((i) => i.first_seq);
  assert.equal(gaps, dropped);
});

test('the same sequence number with different content is a conflict; the earlier export wins', () => {
  const bad = structuredClone(C);
  const victim = bad.log.records.find((e) => B.log.records.some((b) => b.seq === e.seq))!;
  victim.a += 1;
  victim.crc32 = logCrc(victim);
  const m = mergeRecords([B, bad], '2026-01-04T00:00:00Z');
  const conflicts = m.merge!.issues.filter((i) => i.kind === 'conflict');
  assert.equal(conflicts.map((i) => [i.first_seq, i.last_seq]), [[victim.seq, victim.seq]]);
  assert.equal(m.log.records.find((e) => e.seq === victim.seq), B.log.records.find((e) => e.seq === victim.seq));
});

test('log time going backwards and export times against the device progress are reported', () => {
  const bad = structuredClone(C);
  const e = bad.log.records[bad.log.records.length - 1]!;
  e.t_s = 1;
  e.crc32 = logCrc(e);
  const m = mergeRecords([{ ...B, provenance: { ...B.provenance, exported_at: '2026-02-01T00:00:00Z' } }, bad], '2026-01-04T00:00:00Z');
  const kinds = m.merge!.issues.map((i) => i.kind);
  assert.ok(kinds.includes('clock-backwards'), kinds.join());
  assert.ok(kinds.includes('export-order'), kinds.join());
});

test('a device reset (counters shrink, sequence numbers restart) is reported, not merged silently', () => {
  const fresh = newCore(60);
  drive(fresh, 1);
  const R = recordFromCore(fresh, ctx('2026-01-05T00:00:00Z'));
  const m = mergeRecords([C, R], '2026-01-06T00:00:00Z');
  const kinds = new Set(m.merge!.issues.map((i) => i.kind));
  assert.ok(kinds.has('counter-decrease'), [...kinds].join());
  assert.ok(kinds.has('export-order'), [...kinds].join());
  assert.ok(m.merge!.issues.some((i) => i.kind === 'counter-decrease' && /dis_Ah/.test(i.detail)));
});

test('records of two different serial numbers are refused with a typed error', () => {
  const other = { ...A, identity: { ...A.identity, serial_number: 'SN-43' } };
  assert.throws(() => mergeRecords([A, other], '2026-01-04T00:00:00Z'), (e: unknown) => e instanceof RecordError && e.code === 'different-battery');
});

test('merging a merged record with a newer export keeps the earlier sources and issues', () => {
  const ab = mergeRecords([A, B], '2026-01-02T01:00:00Z');
  const abc = mergeRecords([ab, C], '2026-01-04T00:00:00Z');
  assert.is(abc.merge!.sources.length, 3);
  assert.equal(abc.log, mergeRecords([A, B, C], '2026-01-04T00:00:00Z').log);
  assert.ok(abc.merge!.issues.some((i) => i.kind === 'overwritten'));
});

test.run();
