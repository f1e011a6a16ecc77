/**
 * bms-edge verify <file.cbor> [--pub <public.pem>]: checks an export's signature and its internal
 * consistency (sequence continuity, CRCs, parameter block, counters). Exit 0 only when both hold.
 */
import { parseCommand } from '../args.ts';
import { readFileSync, statSync } from 'node:fs';
import { CliError, Exit } from '../exit-codes.ts';
import { readPublicKey } from '../../record/signing-keys.ts';
import { verifyExport } from '../../record/verify.ts';
import { DEFAULT_LIMITS } from '../../record/cbor-scan.ts';
import { asCliError } from '../../record/cli-errors.ts';
import { RecordError } from '../../record/errors.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge verify <file.cbor> [options]

  <file.cbor>          a CBOR export (a .json record form is checked for content only: it is never signed)

  --pub <public.pem>   the signer's public key: the export must be signed by it
                       (without it the signature is checked against the key the export names;
                       compare the printed fingerprint with the one the seller published)
  --allow-unsigned     accept an unsigned export (content checks only)
  --json               one JSON document
  -h, --help

Exit codes: 0 signature and content hold, 1 they do not (reason printed), 2 usage, 3 unreadable file
or key (missing, a directory, empty, or not CBOR / JSON at all).`;

/** Decoder verdicts that mean the bytes are not an export at all (unreadable), not an export that fails. */
const UNREADABLE = new Set(['truncated', 'malformed', 'trailing-bytes', 'bad-json', 'bad-utf8']);

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      pub: { type: 'string' },
      'allow-unsigned': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) throw new CliError(`expected one export file, got ${positionals.length}\n${HELP}`, Exit.USAGE);
  const path = positionals[0]!;
  let bytes: Uint8Array;
  let publicKey;
  try {
    publicKey = values.pub ? readPublicKey(values.pub) : undefined;
    const size = statSync(path).size;
    if (size > DEFAULT_LIMITS.maxBytes) throw new RecordError(`${path}: ${size} bytes exceeds the limit of ${DEFAULT_LIMITS.maxBytes} bytes`, 'too-large');
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    if (err instanceof RecordError) throw asCliError(err);
    throw new CliError(`${path}: cannot read (${(err as Error).message})`, Exit.BAD_INPUT, { cause: err });
  }
  const opts: Parameters<typeof verifyExport>[1] = { allowUnsigned: values['allow-unsigned'], json: /\.json$/i.test(path) };
  if (publicKey) opts.publicKey = publicKey;
  const rep = verifyExport(bytes, opts);
  const { record: _record, ...doc } = rep;
  if (values.json) console.log(JSON.stringify({ file: path, ...doc }, null, 2));
  else {
    console.log(`${path}: ${rep.ok ? 'OK' : 'FAILED'}`);
    console.log(`  signature  ${rep.signed ? (rep.signature_valid ? 'valid' : 'INVALID') : 'none'}${rep.signer_fingerprint ? `, signer key sha256 ${rep.signer_fingerprint}` : ''}${rep.key_matches === null ? '' : rep.key_matches ? ', the expected key' : ', NOT the expected key'}`);
    if (rep.serial_number !== null) console.log(`  record     ${rep.serial_number}, ${rep.log_records} log records`);
    for (const p of rep.problems) console.log(`  problem    ${p}`);
    for (const n of rep.notes) console.log(`  note       ${n}`);
  }
  if (!rep.ok && rep.error_code !== null && UNREADABLE.has(rep.error_code) && !rep.signature_valid) {
    if (!values.json) console.error(`bms-edge verify: ${path}: not a readable export (${rep.error_code})`);
    return Exit.BAD_INPUT;
  }
  return rep.ok ? Exit.OK : Exit.CHECK_FAILED;
}
