/**
 * Verification of an export: the signature (when signed, and against an expected key when given),
 * then the record's internal consistency: strictly increasing sequence numbers, every gap declared as
 * lost, each log record's CRC-32, the parameter block's CRC and version, counters that agree with the
 * log. Problems make verification fail; notes (declared losses, clock steps, merge issues) are
 * reported and do not.
 */
import type { KeyObject } from 'node:crypto';
import { decodeRecord, jsonToRecord } from './codec.ts';
import { isSigned, openEnvelope, rawPublicKey } from './cose.ts';
import { fingerprint } from './signing-keys.ts';
import { RecordError } from './errors.ts';
import { logCrc, logFieldsExact, paramsProblems, decodeParams } from './device-bytes.ts';
import { missingRanges } from './build.ts';
import type { BmsRecord } from './model.ts';
import type { ScanLimits } from './cbor-scan.ts';

export interface ConsistencyReport {
  problems: string[];
  notes: string[];
}

const ranges = (rs: [number, number][]): string => rs.map(([a, b]) => (a === b ? `${a}` : `${a}..${b}`)).join(', ');

export function checkRecord(r: BmsRecord): ConsistencyReport {
  const problems: string[] = [];
  const notes: string[] = [];
  const recs = r.log.records;
  let prev = 0;
  let badCrc = 0;
  let deviceBad = 0;
  let backwards = 0;
  let prevT = -Infinity;
  for (const e of recs) {
    if (e.seq <= prev) problems.push(`log seq ${e.seq} follows ${prev}: not strictly increasing`);
    if (e.seq >= r.log.next_seq) problems.push(`log seq ${e.seq} is not below next_seq ${r.log.next_seq}`);
    prev = Math.max(prev, e.seq);
    if (e.crc32 === null) deviceBad++;
    else if (!logFieldsExact(e) || logCrc(e) !== e.crc32) {
      if (badCrc < 5) problems.push(`log record ${e.seq}: CRC-32 does not match its content`);
      badCrc++;
    }
    if (e.t_s < prevT) backwards++;
    prevT = e.t_s;
  }
  if (badCrc > 5) problems.push(`${badCrc - 5} more log records with a CRC mismatch`);
  if (deviceBad) notes.push(`${deviceBad} log records the device itself reported with a bad CRC`);
  if (backwards) notes.push(`${backwards} log records are earlier than the record before them (device clock set back)`);
  const missing = missingRanges(recs, r.log.next_seq);
  if (ranges(missing) !== ranges(r.log.lost)) problems.push(`log gaps ${ranges(missing) || 'none'} differ from the declared lost ranges ${ranges(r.log.lost) || 'none'}`);
  else if (missing.length) notes.push(`log records ${ranges(missing)} were overwritten on the device before being read out (declared)`);
  const c = r.counters;
  if (c.log_next_seq !== undefined && c.log_next_seq !== r.log.next_seq) problems.push(`counters.log_next_seq ${c.log_next_seq} differs from log.next_seq ${r.log.next_seq}`);
  if (c.params_version !== undefined && c.params_version !== r.device.params_version) problems.push(`counters.params_version ${c.params_version} differs from device.params_version ${r.device.params_version}`);
  for (const p of paramsProblems(r.device.params_block)) problems.push(p);
  const params = decodeParams(r.device.params_block);
  if (params && params.version !== r.device.params_version) problems.push(`parameter block version ${String(params.version)} differs from device.params_version ${r.device.params_version}`);
  for (const i of r.merge?.issues ?? []) notes.push(`merge ${i.kind}${i.first_seq !== null ? ` seq ${i.first_seq}..${i.last_seq}` : ''}: ${i.detail}`);
  return { problems, notes };
}

export interface VerifyReport {
  ok: boolean;
  signed: boolean;
  signature_valid: boolean | null;
  signer_fingerprint: string | null;
  /** Null when no expected key was given. */
  key_matches: boolean | null;
  serial_number: string | null;
  log_records: number | null;
  problems: string[];
  notes: string[];
  /** Code of the typed error that stopped decoding, if any. */
  error_code: string | null;
  record?: BmsRecord;
}

export interface VerifyOptions {
  publicKey?: KeyObject;
  /** Accept an unsigned export (content checks only). */
  allowUnsigned?: boolean;
  limits?: ScanLimits;
  /** The bytes are the JSON form (never signed). */
  json?: boolean;
}

export function verifyExport(bytes: Uint8Array, opts: VerifyOptions = {}): VerifyReport {
  const rep: VerifyReport = { ok: false, signed: !opts.json && isSigned(bytes), signature_valid: null, signer_fingerprint: null, key_matches: null, serial_number: null, log_records: null, problems: [], notes: [], error_code: null };
  try {
    let payload = bytes;
    if (rep.signed) {
      const env = openEnvelope(bytes, opts.limits);
      payload = env.payload;
      rep.signature_valid = env.signatureValid;
      rep.signer_fingerprint = fingerprint(env.signer);
      if (!env.signatureValid) rep.problems.push('signature does not verify: the export was changed after signing (content not checked: it cannot be trusted)');
      if (opts.publicKey) {
        rep.key_matches = Buffer.compare(Buffer.from(rawPublicKey(opts.publicKey)), Buffer.from(env.signer)) === 0;
        if (!rep.key_matches) rep.problems.push('signed by another key than the expected public key');
      }
    } else if (!opts.allowUnsigned) rep.problems.push('export is not signed');
    if (opts.publicKey && !rep.signed) {
      rep.key_matches = false;
      rep.problems.push('a signature by the given public key was expected; the export is not signed');
    }
    if (rep.signature_valid === false) {
      rep.ok = false;
      return rep;
    }
    const record = opts.json ? jsonToRecord(Buffer.from(payload).toString('utf8'), opts.limits) : decodeRecord(payload, opts.limits);
    rep.record = record;
    rep.serial_number = record.identity.serial_number;
    rep.log_records = record.log.records.length;
    const c = checkRecord(record);
    rep.problems.push(...c.problems);
    rep.notes.push(...c.notes);
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    rep.error_code = err.code;
    rep.problems.push(err.message);
  }
  rep.ok = rep.problems.length === 0;
  return rep;
}
