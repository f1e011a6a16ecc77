/**
 * bms-edge params build|verify: over-the-air parameter updates, host side.
 *   build   a parameter block from a chemistry preset (+ pack size, + named values), signed with an
 *           Ed25519 private key: writes <out> (the block, as the core's params_apply takes it) and
 *           <out>.sig (64-byte detached signature, host/params/signature.ts has the exact message).
 *   verify  the checks the core makes (magic, size, CRC, version if --in-force-version, ranges) and
 *           the signature against an Ed25519 public key.
 */
import { parseCommand } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { CHEMISTRIES, type ChemistryName } from '../../../layout/presets.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { readInputFile, writeOutputFiles } from '../files.ts';
import { buildUpdateBlock, SETTABLE_FIELDS } from '../../params/build.ts';
import { checkParamsBlock, type CheckItem } from '../../params/check.ts';
import { ParamsError } from '../../params/errors.ts';
import { loadPrivateKey, loadPublicKey, signParams, verifyParamsSignature, SIGNATURE_BYTES } from '../../params/signature.ts';
import { PARAMS_REASON } from '../../core/core.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage:
  bms-edge params build (--chemistry <name> | --params <cell.json>) --version <n> --key <private.pem> -o <block.bin> [options]
  bms-edge params verify <block.bin> --pub <public.pem> [options]

build options:
  --chemistry <name>        preset: ${CHEMISTRIES.join(', ')}
${PARAMS_HELP}
                            (its fitted values over its chemistry_like preset; --set still wins)
  --version <n>             block version, 1..4294967295 (the core applies only newer versions)
  --rated-capacity <Ah>     rated capacity (preset currents scale with it)
  --series-cells <n>        cells in series
  --set <name=value>        override one value (repeatable), e.g. --set r_lambda=0.98 --set ocv_V.0=2.6
  --key <private.pem>       Ed25519 private key, PKCS#8 PEM
  -o, --out <block.bin>     output block; the signature goes to <block.bin>.sig
verify options:
  --pub <public.pem>        Ed25519 public key, SPKI PEM
  --sig <file>              detached signature (default <block.bin>.sig)
  --in-force-version <n>    also check the version is newer than the block in force (without it the
                            output says that a rollback to an older signed block was not checked)
common:
  --json                    one JSON document on stdout
  -h, --help

Files: <block.bin> is the raw parameter block; <block.bin>.sig is the 64-byte Ed25519 signature of
"bms-edge/params/v1" 0x00 followed by the block bytes.
Exit codes: 0 ok / verified, 1 a check failed (verify), 2 usage or a value the core would refuse
(build), 3 unreadable file or key.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      chemistry: { type: 'string' },
      ...PARAMS_OPTION,
      version: { type: 'string' },
      'rated-capacity': { type: 'string' },
      'series-cells': { type: 'string' },
      set: { type: 'string', multiple: true },
      key: { type: 'string' },
      out: { type: 'string', short: 'o' },
      pub: { type: 'string' },
      sig: { type: 'string' },
      'in-force-version': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

type Values = ReturnType<typeof parse>['values'];

/** Every input of this command is refused when empty: an empty block, signature or key is never meant. */
function readInput(path: string, what: string): Buffer {
  return readInputFile(path, what, { nonEmpty: true });
}

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} must be an integer in ${min}..${max}, got '${value}'`, Exit.USAGE);
  return n;
}

function keyCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ParamsError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
}

/** First 16 hex digits of SHA-256 over the raw 32-byte public key: names the key in output. */
function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const raw = Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function build(values: Values): number {
  const cell = paramsOption(values.params, values.chemistry);
  const chem = cell?.chemistry ?? (values.chemistry as ChemistryName | undefined);
  if (!chem || !CHEMISTRIES.includes(chem)) throw new CliError(`--chemistry (one of ${CHEMISTRIES.join(', ')}) or --params <cell.json> is required`, Exit.USAGE);
  const version = integer(values.version, '--version', 1, 0xffffffff);
  if (version === undefined) throw new CliError('--version is required', Exit.USAGE);
  if (!values.key) throw new CliError('--key <private.pem> is required', Exit.USAGE);
  if (!values.out) throw new CliError('-o <block.bin> is required', Exit.USAGE);
  const set: Record<string, number> = { ...(cell?.overrides ?? {}) };
  for (const s of values.set ?? []) {
    const m = /^([a-zA-Z_][\w.]*)=(.+)$/.exec(s);
    if (!m) throw new CliError(`--set '${s}': expected name=value`, Exit.USAGE);
    if (!SETTABLE_FIELDS.includes(m[1]!)) throw new CliError(`--set: unknown parameter '${m[1]}' (one of ${SETTABLE_FIELDS.join(', ')})`, Exit.USAGE);
    set[m[1]!] = Number(m[2]);
  }
  const rated = values['rated-capacity'] === undefined ? cell?.ratedCapacity_Ah : Number(values['rated-capacity']);
  if (rated !== undefined && !(rated > 0)) throw new CliError(`--rated-capacity must be a positive number, got '${values['rated-capacity']}'`, Exit.USAGE);
  const series = integer(values['series-cells'], '--series-cells', 1, 1024) ?? cell?.seriesCells;
  const key = keyCall(() => loadPrivateKey(readInput(values.key!, 'private key')));
  let block: Uint8Array;
  try {
    block = buildUpdateBlock({ chemistry: chem, version, set, ...(rated !== undefined ? { ratedCapacity_Ah: rated } : {}), ...(series !== undefined ? { seriesCells: series } : {}) });
  } catch (err) {
    if (err instanceof ParamsError) throw new CliError(err.message, Exit.USAGE, { cause: err });
    throw err;
  }
  const sig = signParams(block, key);
  const sigPath = `${values.out}.sig`;
  writeOutputFiles([[values.out, block], [sigPath, sig]]);
  const crc = new DataView(block.buffer, block.byteOffset).getUint32(0, true);
  const doc = { block: values.out, signature: sigPath, bytes: block.length, chemistry: chem, version, crc32: `0x${crc.toString(16).padStart(8, '0')}`, keyId: keyId(key) };
  if (values.json) console.log(JSON.stringify(doc));
  else console.log(`wrote ${doc.block} (${doc.bytes} B, ${chem} version ${version}, CRC ${doc.crc32}) and ${sigPath} (Ed25519, key ${doc.keyId})`);
  return Exit.OK;
}

function verifyCmd(values: Values, positionals: string[]): number {
  if (positionals.length !== 1) throw new CliError(`expected one block file, got ${positionals.length}\n${HELP}`, Exit.USAGE);
  if (!values.pub) throw new CliError('--pub <public.pem> is required', Exit.USAGE);
  const inForce = integer(values['in-force-version'], '--in-force-version', 0, 0xffffffff);
  const path = positionals[0]!;
  const block = new Uint8Array(readInput(path, 'parameter block'));
  const sigPath = values.sig ?? `${path}.sig`;
  const sig = new Uint8Array(readInput(sigPath, 'signature'));
  const key = keyCall(() => loadPublicKey(readInput(values.pub!, 'public key')));
  const check = checkParamsBlock(block, inForce === undefined ? {} : { inForceVersion: inForce });
  const sigOk = verifyParamsSignature(block, sig, key);
  const checks: (CheckItem | { name: 'signature'; ok: boolean; detail: string })[] = [
    ...check.checks,
    { name: 'signature', ok: sigOk, detail: sig.length !== SIGNATURE_BYTES ? `${sig.length} B, expected ${SIGNATURE_BYTES}` : `Ed25519, key ${keyId(key)}` },
  ];
  const ok = check.reason === 0 && sigOk;
  // without the version in force a correctly signed OLDER block (a rollback) verifies: say so, every time
  const rollbackChecked = inForce !== undefined;
  const doc = { file: path, ok, rollbackChecked, coreReason: check.reason, coreReasonText: check.reason ? PARAMS_REASON[check.reason] : 'accepted', version: check.version ?? null, chemistry: check.chemistry ?? null, checks };
  if (values.json) console.log(JSON.stringify(doc));
  else {
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(9)} ${c.detail}`);
    if (!rollbackChecked) console.log('SKIP version   rollback NOT checked: pass --in-force-version <n> (the version on the device) to refuse an older block');
    console.log(ok ? `${path}: verified (${doc.chemistry} version ${doc.version}${rollbackChecked ? '' : '; rollback not checked'})` : `${path}: REFUSED${check.reason ? ` (the core would answer ${check.reason}: ${doc.coreReasonText})` : ''}${sigOk ? '' : ', bad signature'}`);
  }
  return ok ? Exit.OK : Exit.CHECK_FAILED;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length === 0) {
    console.log(HELP);
    return Exit.USAGE;
  }
  const [sub, ...rest] = positionals;
  if (sub === 'build') {
    if (rest.length) throw new CliError(`build takes no positional arguments, got ${rest.join(' ')}`, Exit.USAGE);
    return build(values);
  }
  if (sub === 'verify') return verifyCmd(values, rest);
  throw new CliError(`unknown subcommand '${sub}': build or verify\n${HELP}`, Exit.USAGE);
}
