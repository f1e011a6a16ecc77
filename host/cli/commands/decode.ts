/**
 * bms-edge decode: decode one frame (or, with --stream, a byte stream with junk, several frames and a
 * partial tail) of a BMS wire protocol and print its fields. Pure decoding (host/protocols); the
 * only I/O is reading the argument / stdin and, for pylon-can, the DBC file.
 *
 * Exit codes: 0 decoded; 1 (CHECK_FAILED) a bad frame — checksum, length, unknown command, bad
 * format — or a stream holding checksum-bad / undecodable frames; 2 usage; 3 unreadable DBC file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DbcError } from '../../can/dbc-parser.ts';
import { decodeInput, DECODE_PROTOCOLS, BYTE_PROTOCOLS, type DecodeOutput, type DecodeProtocol } from '../../protocols/decode-input.ts';
import { DecodeError } from '../../protocols/errors.ts';
import { JK300_VARIANTS, type Jk300Variant } from '../../protocols/jk300.ts';
import { PylonCanDecoder, type Meaning370 } from '../../protocols/pylon-can.ts';
import { toHex } from '../../framing/hex.ts';
import { CliError, Exit } from '../exit-codes.ts';

const HELP = `Usage: bms-edge decode --protocol <name> [--stream] [--variant V] [--cells N] [--json] [--] <hex or line | ->

Decodes one frame; with --stream, a byte stream that may hold junk, several frames and a partial tail.
Byte protocols take hex (spaces allowed); CAN protocols take a text line. '-' (or no argument) reads stdin.

  --protocol <name>   ${DECODE_PROTOCOLS.join(' | ')}
  --stream            input is a stream: print every frame, skipped junk bytes, the trailing partial frame
                      (CAN text protocols: several lines separated by newlines, CR or a literal \\r / \\n)
  --variant <V>       JK 55AAEB90 cell-info layout: ${JK300_VARIANTS.join(' | ')} (default: detected)
  --cells <N>         Daly cell count behind a 0x95 multi-frame reply (adds cell_voltages_v to a stream)
  --meaning-370 <m>   pylon-can 0x370/0x371: cell-extremes (default) | ascii-name (Victron BMS name)
  --dbc <file>        pylon-can: decode with this DBC instead of dbc/pylontech-sma.dbc
  --json              print one JSON object shaped like the shared vectors' "decoded"
                      (stream: frames, skipped_bytes, trailing_partial_hex)

Current is printed as on the wire: current_a positive = charging.
Exit: 0 decoded, 1 bad frame (checksum, length, unknown command, format), 2 usage, 3 unreadable DBC.`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        protocol: { type: 'string', short: 'p' },
        stream: { type: 'boolean', default: false },
        variant: { type: 'string' },
        cells: { type: 'string' },
        'meaning-370': { type: 'string' },
        dbc: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${HELP}`, Exit.USAGE, { cause: err });
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    console.log(HELP);
    return Exit.OK;
  }
  const protocol = o.protocol as DecodeProtocol | undefined;
  if (!protocol || !(DECODE_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new CliError(`--protocol must be one of ${DECODE_PROTOCOLS.join(', ')}${protocol ? ` (got '${protocol}')` : ''}`, Exit.USAGE);
  }
  if (o.variant !== undefined && !(JK300_VARIANTS as readonly string[]).includes(o.variant)) {
    throw new CliError(`--variant must be one of ${JK300_VARIANTS.join(', ')} (got '${o.variant}')`, Exit.USAGE);
  }
  let cells: number | undefined;
  if (o.cells !== undefined) {
    cells = Number(o.cells);
    if (!Number.isInteger(cells) || cells < 1 || cells > 48) throw new CliError(`--cells must be an integer 1..48 (got '${o.cells}')`, Exit.USAGE);
  }
  const meaning = o['meaning-370'];
  if (meaning !== undefined && meaning !== 'cell-extremes' && meaning !== 'ascii-name') throw new CliError(`--meaning-370 must be cell-extremes or ascii-name (got '${meaning}')`, Exit.USAGE);

  const input = positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-') ? readStdin() : positionals.join(' ');
  if (input.trim() === '' && protocol !== 'slcan') throw new CliError('nothing to decode: give hex or a line (or pipe it on stdin)', Exit.USAGE);

  let pylon: PylonCanDecoder | undefined;
  if (protocol === 'pylon-can') {
    try {
      pylon = PylonCanDecoder.load({ meaning370: meaning as Meaning370 | undefined, dbc_path: o.dbc });
    } catch (err) {
      if (err instanceof DbcError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
      throw err;
    }
  }

  let out: DecodeOutput;
  try {
    out = decodeInput(protocol, BYTE_PROTOCOLS.includes(protocol) || o.stream ? input : input.replace(/\r?\n$/, ''), { stream: o.stream, variant: o.variant as Jk300Variant | undefined, cells, pylon });
  } catch (err) {
    if (err instanceof DecodeError) {
      console.error(`bms-edge decode: ${err.code === 'bad-option' ? 'usage' : err.code}: ${err.message}`);
      return err.code === 'bad-option' ? Exit.USAGE : Exit.CHECK_FAILED;
    }
    throw err;
  }
  if (o.json) console.log(JSON.stringify(out.json));
  else console.log(o.stream ? renderStream(out) : renderFrame(out.frames[0]!));
  for (const f of out.frames) for (const w of (f as { warnings?: string[] }).warnings ?? []) console.error(`bms-edge decode: warning: ${w}`);
  for (const p of out.problems) console.error(`bms-edge decode: ${p}`);
  return out.problems.length > 0 ? Exit.CHECK_FAILED : Exit.OK;
}

function readStdin(): string {
  if (process.stdin.isTTY) throw new CliError('nothing to decode: give hex or a line, or pipe it on stdin', Exit.USAGE);
  return readFileSync(0, 'utf8');
}

function renderValue(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.join(', ');
  return String(v);
}

function renderFrame(f: DecodeOutput['frames'][number], indent = ''): string {
  const layout = 'layout' in f && f.layout ? `, layout ${f.layout}` : '';
  const lines = [`${indent}${f.protocol} ${f.kind} (${f.raw.length} bytes${layout}): ${toHex(f.raw).slice(0, 64)}${f.raw.length > 32 ? '…' : ''}`];
  const entries = Object.entries(f.fields as Record<string, unknown>);
  const w = Math.max(0, ...entries.map(([k]) => k.length));
  for (const [k, v] of entries) lines.push(`${indent}  ${k.padEnd(w)}  ${renderValue(v)}`);
  return lines.join('\n');
}

function renderStream(out: DecodeOutput): string {
  const j = out.json as { skipped_bytes: number; trailing_partial_hex: string; cell_voltages_v?: number[] };
  const lines = out.frames.map((f, k) => renderFrame(f, '').replace(/^/, `#${k + 1} `));
  if (j.cell_voltages_v) lines.push(`cell_voltages_v (assembled)  ${j.cell_voltages_v.join(', ')}`);
  lines.push(`${out.frames.length} frame(s); skipped ${j.skipped_bytes} junk byte(s); trailing partial: ${j.trailing_partial_hex === '' ? 'none' : `${j.trailing_partial_hex} (${j.trailing_partial_hex.length / 2} bytes)`}`);
  return lines.join('\n');
}
