// The package as a user installs it: `npm pack` holds the compiled CLI, core.wasm, twin.wasm, the
// passport schemas and the DBC files, and no tests or fixtures; `npm install -g <tarball>` into a
// scratch prefix gives a `bms-edge` that runs replay, passport, decode and grade from a folder
// outside the repository. Needs the build (`npm test` runs it first) and the npm cache of `npm ci`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const B0005 = join(root, 'fixtures/B0005');
const JBD_BASIC = 'dd03001f19dff8240da50fa00002249100000000000012570311040b980ba90b960b97f89a77'; // JBD protocol document's example

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 300_000 });
}

const scratch = mkdtempSync(join(tmpdir(), 'bms-install-'));
let tarball = '';

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('npm pack: compiled CLI, core.wasm, twin.wasm, schemas and DBC files; no tests, fixtures or TypeScript sources', () => {
  for (const built of ['dist/host/cli/main.js', 'build/core.wasm', 'build/twin.wasm']) assert.ok(existsSync(join(root, built)), `${built} missing: run 'npm run build' first`);
  const r = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root);
  assert.is(r.status, 0, r.stderr);
  const info = (JSON.parse(r.stdout) as { filename: string; size: number; files: { path: string }[] }[])[0]!;
  tarball = join(scratch, info.filename);
  const files = info.files.map((f) => f.path);
  for (const f of ['bin/bms-edge.js', 'dist/host/cli/main.js', 'dist/host/gate/replay-worker.js', 'build/core.wasm', 'build/twin.wasm', 'schemas/passport/PerformanceAndDurability-1.2.1.schema.json', 'schemas/passport/README.md', 'dbc/pylontech-sma.dbc', 'record/bms-record.cddl']) {
    assert.ok(files.includes(f), `${f} in the tarball`);
  }
  const unwanted = files.filter((f) => /^(test|fixtures|bench|assembly|embed|scripts)\//.test(f) || /\.ts$/.test(f) || /\.test\./.test(f));
  assert.equal(unwanted, [], 'no tests, fixtures or sources');
  console.log(`  tarball ${info.filename}: ${(info.size / 1024).toFixed(0)} KiB, ${files.length} files`);
});

test('npm install -g <tarball> into a scratch prefix: bms-edge runs replay, passport, decode and grade from any folder', () => {
  assert.ok(tarball, 'the pack step ran');
  const prefix = join(scratch, 'prefix');
  const elsewhere = join(scratch, 'elsewhere');
  mkdirSync(elsewhere);
  const inst = run('npm', ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'], elsewhere);
  assert.is(inst.status, 0, inst.stderr);
  const bin = join(prefix, 'bin/bms-edge');
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NODE_OPTIONS: '' };
  const cli = (...args: string[]) => run(bin, args, elsewhere, env);

  const help = cli('--help');
  assert.is(help.status, 0, help.stderr);
  for (const c of ['replay', 'passport', 'decode', 'grade', 'gate']) assert.match(help.stdout, new RegExp(`^  ${c} `, 'm'));

  const replay = cli('replay', B0005, '--json');
  assert.is(replay.status, 0, replay.stderr);
  const doc = JSON.parse(replay.stdout) as { cycles: unknown[]; digest: string };
  assert.is(doc.cycles.length, 168, 'every discharge of the B0005 fixture');

  // a folder on two worker threads: the compiled worker module starts without tsx
  for (const copy of ['one', 'two']) cpSync(B0005, join(elsewhere, 'recs', copy), { recursive: true });
  const gate = cli('replay', 'recs', '--jobs', '2', '--json');
  assert.is(gate.status, 0, gate.stderr);
  const g = JSON.parse(gate.stdout) as { workers: number; recordings: { key: string; status: string; samples: number }[] };
  assert.is(g.workers, 2);
  assert.equal(g.recordings.map((o) => [o.key, o.status, o.samples]), [['one', 'ok', 36300], ['two', 'ok', 36300]]);

  const passport = cli('passport', B0005, '-o', 'passport.json');
  assert.is(passport.status, 0, passport.stderr);
  assert.match(passport.stdout, /valid against the Battery Pass 1\.2\.1 schema/);
  const pass = JSON.parse(readFileSync(join(elsewhere, 'passport.json'), 'utf8')) as { batteryTechicalProperties: { ratedCapacity: number } };
  assert.is(pass.batteryTechicalProperties.ratedCapacity, 2);

  const decode = cli('decode', '--protocol', 'jbd', '--json', JBD_BASIC);
  assert.is(decode.status, 0, decode.stderr);
  assert.is((JSON.parse(decode.stdout) as { pack_voltage_v: number }).pack_voltage_v, 66.23);
  const can = cli('decode', '--protocol', 'pylon-can', '--json', 'can0  355   [4]  3C 00 64 00');
  assert.is(can.status, 0, `${can.stderr} (the shipped DBC)`);
  assert.is((JSON.parse(can.stdout) as { soc_pct: number }).soc_pct, 60);

  const grade = cli('grade', B0005, '--json');
  assert.is(grade.status, 0, grade.stderr);
  assert.is((JSON.parse(grade.stdout) as { grade: string }).grade, 'recycle');
});

test.run();
