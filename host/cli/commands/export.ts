/**
 * bms-edge export <recording or record>... -o <file.cbor|file.json> [--key <private.pem>]: the
 * lifecycle record of a battery (replayed from a recording, or read from records, several of which
 * are merged) as CBOR (optionally signed, COSE_Sign1 / Ed25519) or as its JSON form.
 */
import { parseCommand } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { existsSync } from 'node:fs';
import { CliError, Exit } from '../exit-codes.ts';
import { encodeRecord, recordToJson } from '../../record/codec.ts';
import { signPayload, rawPublicKey } from '../../record/cose.ts';
import { fingerprint, readPrivateKey } from '../../record/signing-keys.ts';
import { readIdentityConfig } from '../../record/identity.ts';
import { loadRecord, readRecordFile } from '../../record/load.ts';
import { mergeRecords } from '../../record/merge.ts';
import { writeAtomic } from '../../record/store.ts';
import { asCliError } from '../../record/cli-errors.ts';
import type { BmsRecord } from '../../record/model.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge export <recording or record>... -o <file.cbor|file.json> [options]

  <recording or record>     a NASA cell folder or CSV recording (replayed through the core), or a
                            record (.cbor, signed or not, or .json); records of one battery are merged
  -o, --output <file>       .cbor: the CBOR record; .json: its JSON form (unsigned)
  --key <private.pem>       sign the CBOR export (COSE_Sign1, Ed25519; see bms-edge keygen)
  --identity <config.json>  serial number and declared values for recordings (record/identity.example.json)
  --append                  merge into <file> when it exists (a bad input leaves it unchanged)
  --json                    print the report as one JSON document
${PARAMS_HELP}
  -h, --help

Exit codes: 0 written, 2 usage, 3 unreadable input or key.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      output: { type: 'string', short: 'o' },
      key: { type: 'string' },
      identity: { type: 'string' },
      ...PARAMS_OPTION,
      append: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cell = paramsOption(values.params);
  if (positionals.length === 0) throw new CliError(`expected a recording or record\n${HELP}`, Exit.USAGE);
  const out = values.output;
  if (!out) throw new CliError(`-o <file.cbor|file.json> is required\n${HELP}`, Exit.USAGE);
  const asJson = /\.json$/i.test(out);
  if (asJson && values.key) throw new CliError('signatures are carried by the CBOR form only: use -o <file.cbor> with --key', Exit.USAGE);

  const exportedAt = new Date().toISOString();
  let record: BmsRecord;
  let signer: string | null = null;
  let bytes: Uint8Array;
  try {
    const key = values.key ? readPrivateKey(values.key) : undefined;
    const config = values.identity ? readIdentityConfig(values.identity) : undefined;
    const inputs = positionals.map((p) => loadRecord(p, { ...(config ? { config } : {}), exportedAt, ...(cell ? { cell } : {}) }));
    if (values.append && existsSync(out)) inputs.unshift(readRecordFile(out));
    record = inputs.length === 1 ? inputs[0]! : mergeRecords(inputs, exportedAt);
    if (asJson) bytes = new TextEncoder().encode(JSON.stringify(recordToJson(record), null, 1) + '\n');
    else {
      bytes = encodeRecord(record);
      if (key) {
        bytes = signPayload(bytes, key);
        signer = fingerprint(rawPublicKey(key));
      }
    }
    writeAtomic(out, bytes);
  } catch (err) {
    throw asCliError(err);
  }
  const report = {
    output: out,
    bytes: bytes.length,
    form: asJson ? 'json' : 'cbor',
    signed: signer !== null,
    signer_fingerprint: signer,
    serial_number: record.identity.serial_number,
    log_records: record.log.records.length,
    log_next_seq: record.log.next_seq,
    lost: record.log.lost,
    merge_issues: record.merge?.issues ?? [],
  };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`${out}: ${report.form} record of ${report.serial_number}, ${report.bytes} bytes, ${report.log_records} log records${report.signed ? `, signed by key ${signer!.slice(0, 16)}...` : ', unsigned'}`);
    if (report.lost.length) console.log(`  log records lost before read-out: ${report.lost.map(([a, b]) => (a === b ? a : `${a}..${b}`)).join(', ')}`);
    for (const i of report.merge_issues) console.log(`  merge ${i.kind}${i.first_seq !== null ? ` seq ${i.first_seq}..${i.last_seq}` : ''}: ${i.detail}`);
  }
  return Exit.OK;
}
