// bms-edge simulate: writes a generic CSV with ground truth that the reader and the replay accept,
// the same seed gives the same file byte for byte, --json prints one document, usage errors exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../host/cli/commands/simulate.ts';
import { CliError, Exit } from '../../../host/cli/exit-codes.ts';
import { readGenericCsv } from '../../../host/readers/generic-csv.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'bms-edge-simulate-'));

test('simulate --out --json: one JSON document; the CSV has the truth columns and reads back with its metadata', () => {
  const out = join(dir, 'a.csv');
  const r = cli('simulate', '--out', out, '--days', '2', '--seed', '5', '--cells', '8', '--chemistry', 'LFP', '--capacity-ah', '100', '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.samples > 2000, `${doc.samples} samples`);
  assert.ok(doc.truth.capacity_Ah > 90 && doc.truth.capacity_Ah < 110);
  const rec = readGenericCsv(out);
  assert.is(rec.chemistry, 'LFP');
  assert.is(rec.ratedCapacity_Ah, 100);
  assert.is(rec.samples.length / 4, doc.samples);
  assert.is(rec.skipped.length, 0);
  assert.ok(rec.truth?.soc && rec.truth.capacity_Ah && rec.truth.resistance_ohm);
  assert.ok(Math.abs(rec.samples[1]! / 8 - 3.3) < 0.1, `cell voltage ${rec.samples[1]! / 8}`);
});

test('the same options and seed write the same file byte for byte (through the CLI); the replay runs it', () => {
  const a = join(dir, 'b1.csv'), b = join(dir, 'b2.csv');
  for (const f of [a, b]) assert.is(cli('simulate', '--out', f, '--days', '1', '--seed', '9', '--cells', '4').status, 0);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
  const r = cli('replay', a, '--series-cells', '4', '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.final.soc >= 0 && doc.final.soc <= 1);
});

test('a paced recording (--speed) has the same content as an unpaced one', () => {
  const a = join(dir, 'p1.csv'), b = join(dir, 'p2.csv');
  assert.is(cli('simulate', '--out', a, '--duration-s', '2000', '--seed', '4', '--cells', '4', '--speed', '2000').status, 0);
  assert.is(cli('simulate', '--out', b, '--duration-s', '2000', '--seed', '4', '--cells', '4').status, 0);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
});

test('usage errors exit 2, an unreadable drive file exits 3', async () => {
  const code = async (args: string[]): Promise<number> => {
    try {
      return await run(args);
    } catch (e) {
      assert.instance(e, CliError);
      return (e as CliError).exitCode;
    }
  };
  assert.is(await code([]), Exit.USAGE);
  assert.is(await code(['--out', join(dir, 'x.csv'), '--chemistry', 'NiMH']), Exit.USAGE);
  assert.is(await code(['--out', join(dir, 'x.csv'), '--fault', 'melt:cell=1']), Exit.USAGE);
  assert.is(await code(['--out', join(dir, 'x.csv'), '--profile', 'drive']), Exit.USAGE);
  assert.is(await code(['--out', join(dir, 'x.csv'), '--profile', 'drive', '--drive-file', join(dir, 'none.csv')]), Exit.BAD_INPUT);
  assert.is(await code(['--serve', 'modbus', '--pty']), Exit.USAGE);
  assert.is(await code(['--out', join(dir, 'x.csv'), '--cells', '40']), Exit.USAGE);
});

test('simulate --serve jbd --pty prints the host end; bms-edge monitor connects there and reads samples', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), 'simulate', '--serve', 'jbd', '--pty', '--cells', '8', '--speed', '600', '--duration-s', '15'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const host = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no pty path printed: ${out}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /--port (\S+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
    });
    const r = cli('monitor', '--protocol', 'jbd', '--port', host, '--json', '--max-frames', '6', '--interval-ms', '100', '--series-cells', '8');
    assert.is(r.status, 0, r.stderr);
    const samples = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type === 'sample');
    assert.ok(samples.length >= 3, r.stdout);
    assert.ok(samples.every((e) => e.sample.cellCount === 8 && e.sample.voltage_V > 8 * 3 && e.sample.voltage_V < 8 * 4.25));
  } finally {
    child.kill('SIGINT');
  }
  assert.is(await exited, 0);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test('simulate --score --json: the window profile with reference tests is scored at start (rows, persistence, coverage); the CSV marks each reference', () => {
  const out = join(dir, 'score.csv');
  const r = cli('simulate', '--score', '--out', out, '--profile', 'window', '--soc-window', '0.3-0.7', '--chemistry', 'LFP', '--cells', '4', '--capacity-ah', '100', '--days', '45', '--reference-days', '10', '--log-s', '180', '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.reference_tests, 5);
  assert.is(doc.score.n, 4);
  assert.is(doc.score.rows.length, 4);
  assert.ok(Number.isFinite(doc.score.rmse_Ah) && Number.isFinite(doc.score.baseline_rmse_Ah) && doc.score.within2sigma >= 0 && doc.score.within2sigma <= 1);
  const marked = readGenericCsv(out).discharges.filter((d) => d.measured_capacity_Ah !== null);
  assert.is(marked.length, 5);
  assert.ok(Math.abs(marked[1]!.measured_capacity_Ah! - doc.score.rows[0].measured_Ah) < 1e-4);
});

test('simulate usage errors exit 2: a reversed --soc-window, --score without reference tests, an unknown profile, an unknown --param', () => {
  assert.is(cli('simulate', '--score', '--profile', 'window', '--soc-window', '0.8-0.2', '--days', '1').status, Exit.USAGE);
  const none = cli('simulate', '--score', '--profile', 'rest', '--days', '2', '--cells', '2');
  assert.is(none.status, Exit.USAGE);
  assert.match(none.stderr, /reference tests/);
  assert.is(cli('simulate', '--out', join(dir, 'x.csv'), '--profile', 'nope').status, Exit.USAGE);
  const param = cli('simulate', '--score', '--profile', 'window', '--days', '1', '--param', 'no_such_param=1');
  assert.is(param.status, Exit.USAGE);
  assert.match(param.stderr, /no parameter 'no_such_param'/);
});

test.run();
