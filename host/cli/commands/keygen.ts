/**
 * bms-edge keygen <dir>: an Ed25519 key pair for signing exports, <dir>/private.pem (PKCS#8,
 * mode 0600) and <dir>/public.pem (SPKI). Existing keys are never overwritten.
 */
import { parseArgs } from 'node:util';
import { CliError, Exit } from '../exit-codes.ts';
import { generateKeyFiles } from '../../record/signing-keys.ts';
import { asCliError } from '../../record/cli-errors.ts';

const HELP = `Usage: bms-edge keygen <dir> [options]

  Writes <dir>/private.pem (PKCS#8 PEM, mode 0600) and <dir>/public.pem (SPKI PEM) and prints the
  public key's fingerprint (SHA-256 of the raw key) for the buyer to compare. Refuses to overwrite.
  Keep private.pem off shared disks; publish public.pem or its fingerprint.
  --json               one JSON document
  -h, --help

Exit codes: 0 written, 2 usage, 3 cannot write (or keys already there).`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${HELP}`, Exit.USAGE, { cause: err });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return Exit.OK;
  }
  if (positionals.length !== 1) throw new CliError(`expected one directory, got ${positionals.length}\n${HELP}`, Exit.USAGE);
  let files;
  try {
    files = generateKeyFiles(positionals[0]!);
  } catch (err) {
    throw asCliError(err);
  }
  if (values.json) console.log(JSON.stringify({ private_key: files.privatePath, public_key: files.publicPath, fingerprint_sha256: files.fingerprint }, null, 2));
  else console.log(`${files.privatePath} (mode 0600) and ${files.publicPath} written; public key sha256 ${files.fingerprint}`);
  return Exit.OK;
}
