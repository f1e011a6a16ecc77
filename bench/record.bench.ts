/**
 * Record benchmark: sizes of the B0005 export (CBOR, signed, JSON), and the best-of-N time of each
 * step: encode, decode (scan + CDDL + content checks), sign, verify, merge, passport + schema check.
 * Run: npx tsx bench/record.bench.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { openRecording } from '../host/readers/open.ts';
import { replayRecording } from '../host/replay/replay.ts';
import { recordFromReplay } from '../host/record/build.ts';
import { decodeRecord, encodeRecord, recordToJson } from '../host/record/codec.ts';
import { signPayload } from '../host/record/cose.ts';
import { verifyExport } from '../host/record/verify.ts';
import { mergeRecords } from '../host/record/merge.ts';
import { buildPassport } from '../host/record/passport.ts';
import { validatePassport } from '../host/record/passport-validate.ts';

function best(label: string, rounds: number, f: () => unknown, perKB?: number): void {
  f();
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} ${min.toFixed(2).padStart(8)} ms${perKB ? `  (${((min * 1000) / perKB).toFixed(1)} us/KB)` : ''}`);
}

const replay = replayRecording(openRecording(join(import.meta.dirname, '../fixtures/B0005')));
const record = recordFromReplay(replay, { exportedAt: '2026-01-01T00:00:00Z', sourceName: 'B0005' });
const bytes = encodeRecord(record);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signed = signPayload(bytes, privateKey);
const json = JSON.stringify(recordToJson(record));
const kb = bytes.length / 1024;
console.log(`B0005 record: ${record.log.records.length} log records, ${Object.keys(record.counters).length} counters`);
console.log(`  CBOR ${bytes.length} B (${(bytes.length / record.log.records.length).toFixed(1)} B per log record incl. the rest), signed ${signed.length} B, JSON form ${json.length} B`);
best('encode (cbor-x)', 20, () => encodeRecord(record), kb);
best('decode (scan + CDDL + content checks)', 20, () => decodeRecord(bytes), kb);
best('sign (Ed25519, COSE_Sign1)', 20, () => signPayload(bytes, privateKey));
best('verify (signature + decode + consistency)', 20, () => verifyExport(signed, { publicKey }), kb);
const half = { ...record, log: { ...record.log, records: record.log.records.slice(0, 700) } };
best('merge of two overlapping exports', 20, () => mergeRecords([half, record], '2026-01-02T00:00:00Z'));
best('passport build', 20, () => buildPassport(record));
const passport = buildPassport(record);
best('passport schema validation (ajv, compiled)', 20, () => validatePassport(passport));
