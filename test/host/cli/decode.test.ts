/**
 * `bms-edge decode`, run in-process through its `run(args)`: JSON shaped like the vectors, stream
 * output with junk and a partial tail, exit codes and messages for bad frames and bad usage.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../../host/cli/commands/decode.ts';
import { CliError, Exit } from '../../../host/cli/exit-codes.ts';

interface Vector { id: string; protocol: string; kind: string; hex?: string; line?: string; layout?: string; cell_count?: number; decoded: unknown }
const vectors = (JSON.parse(readFileSync(new URL('../protocols/vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;
const byId = (id: string): Vector => vectors.find((v) => v.id === id)!;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } catch (e) {
    // what host/cli/main.ts does with a CliError
    if (e instanceof CliError) return { code: e.exitCode, out: out.join('\n'), err: e.message };
    throw e;
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('--json prints exactly the vector decoded object for one frame of each protocol', async () => {
  for (const id of ['jbd-doc-basic-17s', 'daly-solarreader-90', 'jk-uart-doc-14s', 'jk300-v19-32s-discharging', 'ant-new-8s-batmon', 'slcan-elmue18-2', 'pylon-armin-356', 'candump-log-format']) {
    const v = byId(id);
    const args = ['--protocol', v.protocol, '--json'];
    if (v.layout?.startsWith('JK')) args.push('--variant', v.layout);
    const r = await cli([...args, '--', v.hex ?? v.line!]);
    assert.is(r.code, Exit.OK, `${id}: ${r.err}`);
    assert.equal(JSON.parse(r.out), v.decoded, id);
  }
});

test('--stream --cells prints frames, skipped_bytes, trailing_partial_hex and the assembled cells of the Daly 0x95 vector', async () => {
  const v = byId('daly-solarreader-95-14s');
  const r = await cli(['--protocol', 'daly', '--stream', '--cells', '14', '--json', v.hex!]);
  assert.is(r.code, Exit.OK);
  assert.equal(JSON.parse(r.out), v.decoded);
});

test('a stream with junk before, between and a partial frame after reports them (3 junk bytes, 3-byte tail)', async () => {
  const a = 'dd0400080f450f3d0f370f3dfec677';
  const b = 'dd0400080ced0cea0cec0cedfc1877';
  const r = await cli(['--protocol', 'jbd', '--stream', '--json', `0000${a}0f${b}dd0400`]);
  assert.is(r.code, Exit.OK);
  const j = JSON.parse(r.out) as { frames: { cell_voltages_v: number[] }[]; skipped_bytes: number; trailing_partial_hex: string };
  assert.is(j.frames.length, 2);
  assert.equal(j.frames[1]!.cell_voltages_v, [3.309, 3.306, 3.308, 3.309]);
  assert.is(j.skipped_bytes, 3);
  assert.is(j.trailing_partial_hex, 'dd0400');
});

test('a checksum-bad frame exits 1 with a message naming the checksum and both values', async () => {
  const r = await cli(['--protocol', 'daly', 'a5019008023a0000753001ed0e']);
  assert.is(r.code, Exit.CHECK_FAILED);
  assert.match(r.err, /checksum: daly: checksum mismatch \(frame says 0x0e, bytes sum to 0x0d\)/);
});

test('a short frame exits 1 naming the length; an unknown Daly data id exits 1 naming the command', async () => {
  const short = await cli(['--protocol', 'jbd', 'dd03001d0618']);
  assert.is(short.code, Exit.CHECK_FAILED);
  assert.match(short.err, /length: jbd: header says 36 bytes, got 6/);
  // data id 0x50 with a correct checksum
  const bytes = [0xa5, 0x01, 0x50, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
  const frame = Buffer.from([...bytes, bytes.reduce((s, x) => s + x, 0) & 0xff]).toString('hex');
  const unknown = await cli(['--protocol', 'daly', frame]);
  assert.is(unknown.code, Exit.CHECK_FAILED);
  assert.match(unknown.err, /unknown-command: daly: data id 0x50/);
});

test('a stream holding a checksum-bad frame still prints the good frames but exits 1', async () => {
  const good = 'dd0400080f450f3d0f370f3dfec677';
  const bad = 'dd0400080f450f3d0f370f3dfec777';
  const r = await cli(['--protocol', 'jbd', '--stream', '--json', bad + good]);
  assert.is(r.code, Exit.CHECK_FAILED);
  assert.is((JSON.parse(r.out) as { frames: unknown[]; checksum_failures: number }).frames.length, 1);
  assert.is((JSON.parse(r.out) as { checksum_failures: number }).checksum_failures, 1);
  assert.match(r.err, /1 frame\(s\) with a bad checksum/);
});

test('usage errors exit 2: missing or unknown protocol, bad variant, bad cell count', async () => {
  assert.is((await cli(['dd'])).code, Exit.USAGE);
  assert.is((await cli(['--protocol', 'nmea', 'dd'])).code, Exit.USAGE);
  assert.is((await cli(['--protocol', 'jk300', '--variant', 'JK99', 'dd'])).code, Exit.USAGE);
  assert.is((await cli(['--protocol', 'daly', '--cells', '0', 'dd'])).code, Exit.USAGE);
});

test('readable output names the frame kind and its fields with units in the names', async () => {
  const r = await cli(['--protocol', 'jbd', byId('jbd-sp04-cells-1').hex!]);
  assert.is(r.code, Exit.OK);
  assert.match(r.out, /^jbd cells \(15 bytes\)/);
  assert.match(r.out, /cell_voltages_v\s+3\.909, 3\.901, 3\.895, 3\.901/);
});

test('pylon-can takes the candump text line split over several arguments and --meaning-370 switches the 0x370 layout', async () => {
  const r = await cli(['--protocol', 'pylon-can', '--json', 'can0', '370', '[8]', '76', '00', '6C', '00', 'CF', '0C', 'CA', '0C']);
  assert.is(r.code, Exit.OK);
  const j = JSON.parse(r.out) as Record<string, unknown>;
  assert.equal([j.max_temp_c, j.min_temp_c, j.max_cell_v, j.min_cell_v], [11.8, 10.8, 3.279, 3.274]);
  const n = await cli(['--protocol', 'pylon-can', '--meaning-370', 'ascii-name', '--json', '(1.0) can0 370#4A4B2D424D530000']);
  assert.is((JSON.parse(n.out) as Record<string, unknown>).bms_name_1, 'JK-BMS');
});

test('pylon-can: an id outside the DBC exits 0 with the frame raw and known: false; a stream of a real battery set has no bad frame', async () => {
  const r = await cli(['--protocol', 'pylon-can', '--json', '(1.0) can0 3A1#0102']);
  assert.is(r.code, Exit.OK, r.err);
  assert.equal(JSON.parse(r.out), { id: 0x3a1, extended: false, rtr: false, data_hex: '0102', iface: 'can0', known: false });
  const set = ['35F#0100020164000000', '374#3032303400000000', '375#3031313600000000', '376#3032303100000000', '377#3031303300000000', '379#6400', '354#0100020003000400'];
  const s = await cli(['--protocol', 'pylon-can', '--stream', '--json', set.map((l) => `(1.0) can0 ${l}`).join('\n')]);
  assert.is(s.code, Exit.OK, s.err);
  const j = JSON.parse(s.out) as { frames: Record<string, unknown>[]; bad_frames?: unknown };
  assert.is(j.bad_frames, undefined);
  assert.equal(j.frames.map((f) => f.known), set.map(() => undefined));
});

test('slcan --stream splits lines on a literal \\r and reports an unterminated last line as the partial tail', async () => {
  const r = await cli(['--protocol', 'slcan', '--stream', '--json', 't4563112233\\rz\\rT12ABCDEF2AA5']);
  const j = JSON.parse(r.out) as { frames: { kind: string }[]; trailing_partial_hex: string };
  assert.equal(j.frames.map((f) => f.kind), ['frame', 'tx_ack']);
  assert.is(j.trailing_partial_hex, Buffer.from('T12ABCDEF2AA5').toString('hex'));
});

test.run();
