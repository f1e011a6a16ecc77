// The replay command: readable summary by default, one JSON document with --json, meaningful exit codes;
// and the regression gate (issue 9): goldens, --check, --param, tolerances, folders in parallel, JUnit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { validateJUnit } from '../gate/junit-schema.ts';
import { parseXml } from '../../../host/gate/xml.ts';
import { writeCsvRecording } from '../gate/recordings.ts';
import { writeJbdCapture } from '../gate/captures.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });

test('replay --json prints one JSON object with a cycles entry per discharge and a final object', () => {
  const r = cli('replay', 'fixtures/B0005', '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.cycles.length, 168);
  for (const key of ['cycle', 'capacity_Ah', 'soh', 'resistance_ohm', 'measured_capacity_Ah']) assert.ok(key in doc.cycles[0], key);
  assert.is(doc.cycles[0].cycle, 1);
  assert.is(doc.cycles[0].measured_capacity_Ah, 1.8565);
  for (const key of ['soc', 'soh', 'capacity_Ah', 'resistance_ohm', 'efc', 'eq_time_25C_s', 'events_total', 'chg_Ah', 'dis_Wh']) assert.type(doc.final[key], 'number', key);
  assert.match(doc.digest, /^[0-9a-f]{16}$/);
});

test('replay prints a readable summary with the accuracy against measured capacity', () => {
  const r = cli('replay', 'fixtures/B0005');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /Capacity vs measured: RMSE 0\.00\d\d Ah/);
  assert.match(r.stdout, /Digest\s+[0-9a-f]{16}/);
});

test('a missing recording exits 3 with a message naming it', () => {
  const r = cli('replay', 'no/such/cell');
  assert.is(r.status, 3);
  assert.match(r.stderr, /no\/such\/cell/);
});

test('a CSV without the required columns exits 3 and says which column is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-'));
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 't_s,voltage_V,current_A\n0,3.7,1\n');
  const r = cli('replay', file);
  assert.is(r.status, 3);
  assert.match(r.stderr, /temp_degC/);
});

test('an unknown option exits 2 with the usage', () => {
  const r = cli('replay', 'fixtures/B0005', '--bogus');
  assert.is(r.status, 2);
  assert.match(r.stderr, /Usage: bms-edge replay/);
});

test('a generic CSV recording replays, with discharges found from the current', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-'));
  const file = join(dir, 'cc.csv');
  const rows = ['# chemistry=NMC rated_capacity_Ah=4', 't_s,voltage_V,current_A,temp_degC'];
  for (let k = 0; k <= 120; k++) rows.push(`${k * 60},${(4.1 - k * 0.005).toFixed(4)},${k < 100 ? 2 : 0},25`);
  writeFileSync(file, rows.join('\n') + '\n');
  const r = cli('replay', file, '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.cycles.length, 1);
  assert.is(doc.chemistry, 'NMC');
  assert.ok(Math.abs(doc.final.dis_Ah - (99 * 60 * 2 + 60) / 3600) < 1e-9, `${doc.final.dis_Ah}`);
});

// ---- regression gate ----

const tmp = (): string => mkdtempSync(join(tmpdir(), 'bms-gate-'));

interface Regression {
  path: string;
  field: string;
  kind: string;
  delta?: number;
}

test('gate: replaying the bundled fixture, writing its golden and replaying again shows no diff', () => {
  const dir = tmp();
  const golden = join(dir, 'ci/golden/replay.json');
  const w = cli('replay', 'fixtures/B0005', '--write-golden', golden);
  assert.is(w.status, 0, w.stderr);
  assert.match(w.stdout, /golden file written/);
  const doc = JSON.parse(readFileSync(golden, 'utf8'));
  assert.is(doc.format, 'bms-edge-golden');
  assert.match(doc.core_version, /^\d+\.\d+\.\d+$/);
  assert.type(doc.layout_version, 'number');
  assert.equal(doc.params_versions, [doc.recordings.B0005.final.params_version]);
  const rec = doc.recordings.B0005;
  assert.match(rec.params_digest, /^[0-9a-f]{16}$/);
  assert.is(rec.cycles.length, 168);
  assert.is(rec.events.length, rec.log.type_EVENT ?? 0);
  for (const k of ['capacity_Ah', 'soh', 'soc', 'efc', 'events_total', 'resistance_ohm']) assert.type(rec.final[k], 'number', k);
  assert.equal(Object.keys(doc), [...Object.keys(doc)].sort()); // sorted keys

  const again = join(dir, 'again.json');
  assert.is(cli('replay', 'fixtures/B0005', '--write-golden', again, '--jobs', '1').status, 0);
  assert.is(readFileSync(again, 'utf8'), readFileSync(golden, 'utf8'), 'the same replay writes the same bytes');

  const c = cli('replay', 'fixtures/B0005', '--check', golden);
  assert.is(c.status, 0, c.stdout + c.stderr);
  assert.match(c.stdout, /B0005\s+pass\s+\d+\s+168\s+0\s/);
  assert.match(c.stdout, /gate: PASS/);
  assert.not.match(c.stdout, /moved beyond tolerance/);
});

test('gate: changing one parameter fails with exit 1, a diff naming the fields that moved, and a JUnit failure', () => {
  const dir = tmp();
  const golden = join(dir, 'golden.json');
  assert.is(cli('replay', 'fixtures/B0005', '--write-golden', golden).status, 0);
  const junit = join(dir, 'reports/ci/junit.xml'); // folders created as needed
  const r = cli('replay', 'fixtures/B0005', '--check', golden, '--param', 'cap_sigma_w_Ah=0.001', '--junit', junit);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /why: parameter block changed \(digest [0-9a-f]{16} -> [0-9a-f]{16}\): cap_sigma_w_Ah 0\.02 -> 0\.001\n/);
  assert.match(r.stdout, /B0005: \d+ value\(s\) moved beyond tolerance/);
  // capacity random-walk sigma drives the capacity filter: its per-discharge estimates must move
  assert.match(r.stdout, /\n\s+cycles\.capacity_Ah\s+\d+\/168\s+cycles\[\d+\]\.capacity_Ah\s/);
  assert.match(r.stdout, /B0005\s+FAIL/);
  assert.match(r.stdout, /gate: FAIL \(exit 1\)/);

  const xml = readFileSync(junit, 'utf8');
  assert.equal(validateJUnit(xml), []);
  const suite = parseXml(xml).children[0]!;
  assert.equal([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors], ['1', '1', '0']);
  const failure = suite.children.find((c) => c.name === 'testcase')!.children[0]!;
  assert.is(failure.name, 'failure');
  assert.is(failure.attrs.type, 'regression');
  assert.match(failure.attrs.message!, /cycles\.capacity_Ah/);
  assert.match(failure.text, /cap_sigma_w_Ah 0\.02 -> 0\.001/);
});

test('gate: --json is one document; a tolerance file that covers every move passes, one that halves a field fails on that field only', () => {
  const dir = tmp();
  const golden = join(dir, 'golden.json');
  assert.is(cli('replay', 'fixtures/B0005', '--write-golden', golden).status, 0);
  const j = cli('replay', 'fixtures/B0005', '--check', golden, '--param', 'cap_sigma_w_Ah=0.001', '--json');
  assert.is(j.status, 1, j.stderr);
  const doc = JSON.parse(j.stdout);
  assert.is(doc.ok, false);
  assert.is(doc.counts.fail, 1);
  const regs: Regression[] = doc.recordings[0].regressions;
  assert.ok(regs.length > 0);
  for (const g of regs) assert.match(g.field, /^(recording|chemistry|rated_capacity_Ah|cycles|final|events|log|accuracy|histograms)\b/, g.field);
  const worst = new Map<string, number>();
  for (const g of regs) worst.set(g.field, g.kind === 'moved' && g.delta !== undefined ? Math.max(worst.get(g.field) ?? 0, Math.abs(g.delta)) : Infinity);
  const fields: Record<string, object> = {};
  for (const [f, d] of worst) fields[f] = Number.isFinite(d) ? { abs: d * 1.01 } : { ignore: true };
  const loose = join(dir, 'loose.json');
  writeFileSync(loose, JSON.stringify({ fields }));
  const pass = cli('replay', 'fixtures/B0005', '--check', golden, '--param', 'cap_sigma_w_Ah=0.001', '--tolerance', loose);
  assert.is(pass.status, 0, pass.stdout);

  const target = [...worst].find(([, d]) => Number.isFinite(d) && d > 0)![0];
  fields[target] = { abs: worst.get(target)! / 2 };
  writeFileSync(loose, JSON.stringify({ fields }));
  const fail = cli('replay', 'fixtures/B0005', '--check', golden, '--param', 'cap_sigma_w_Ah=0.001', '--tolerance', loose, '--json');
  assert.is(fail.status, 1);
  const left: Regression[] = JSON.parse(fail.stdout).recordings[0].regressions;
  assert.ok(left.length > 0);
  assert.equal([...new Set(left.map((g) => g.field))], [target]);
});

test('gate: a folder replays on worker threads; new and missing recordings fail; the JUnit file has one case per recording', () => {
  const dir = tmp();
  const recs = join(dir, 'recs');
  cpSync(join(root, 'fixtures/B0005'), join(recs, 'B0005'), { recursive: true });
  writeCsvRecording(recs, 'site/a.csv', 2);
  writeCsvRecording(recs, 'site/b.csv', 1);
  const golden = join(dir, 'golden.json');
  const w = cli('replay', recs, '--jobs', '2', '--write-golden', golden);
  assert.is(w.status, 0, w.stdout + w.stderr);
  assert.match(w.stdout, /3 recording\(s\): 3 replayed in [\d.]+ s on 2 worker\(s\)/);
  assert.match(w.stderr, /\[3\/3\] ok/); // plain progress lines when stderr is not a terminal
  assert.equal(Object.keys(JSON.parse(readFileSync(golden, 'utf8')).recordings), ['B0005', 'site/a.csv', 'site/b.csv']);
  assert.is(cli('replay', join(recs, '**'), '--jobs', '2', '--check', golden).status, 0);

  rmSync(join(recs, 'site/b.csv'));
  writeCsvRecording(recs, 'site/c.csv', 3);
  const junit = join(dir, 'junit.xml');
  const r = cli('replay', recs, '--jobs', '2', '--check', golden, '--junit', junit);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /site\/c\.csv: no golden record/);
  assert.match(r.stdout, /site\/b\.csv: in the golden file but not replayed/);
  assert.match(r.stdout, /4 recording\(s\): 2 passed, 1 new, 1 missing/);
  const xml = readFileSync(junit, 'utf8');
  assert.equal(validateJUnit(xml), []);
  const suite = parseXml(xml).children[0]!;
  const cases = suite.children.filter((c) => c.name === 'testcase');
  assert.equal(cases.map((c) => c.attrs.name), ['B0005', 'site/a.csv', 'site/c.csv', 'site/b.csv']);
  assert.equal([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors], ['4', '2', '0']);
  assert.equal(cases.map((c) => c.children[0]?.attrs.type ?? 'pass'), ['pass', 'pass', 'new', 'missing']);
});

test('gate: an unreadable recording is a JUnit error and exit 3, and no golden file is written', () => {
  const dir = tmp();
  const good = writeCsvRecording(dir, 'good.csv');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 't_s,voltage_V,current_A\n0,3.7,1\n');
  const junit = join(dir, 'junit.xml');
  const golden = join(dir, 'golden.json');
  const r = cli('replay', good, bad, '--write-golden', golden, '--junit', junit);
  assert.is(r.status, 3, r.stdout + r.stderr);
  assert.match(r.stdout, /bad\.csv: cannot replay .*temp_degC/);
  assert.match(r.stdout, /golden file NOT written/);
  assert.not.ok(readFileOrNull(golden));
  const xml = readFileSync(junit, 'utf8');
  assert.equal(validateJUnit(xml), []);
  assert.match(xml, /<error message="[^"]*temp_degC[^"]*" type="RecordingError">/);
});

test('gate: a wrong --param is a usage error naming it; a missing or foreign golden file is exit 3', () => {
  const p = cli('replay', 'fixtures/B0005', '--param', 'cap_sigma=0.001');
  assert.is(p.status, 2);
  assert.match(p.stderr, /no parameter 'cap_sigma' \(did you mean .*cap_sigma_w_Ah/);
  assert.is(cli('replay', 'fixtures/B0005', '--param', 'cap_sigma_w_Ah=abc').status, 2);
  const dir = tmp();
  const m = cli('replay', 'fixtures/B0005', '--check', join(dir, 'none.json'));
  assert.is(m.status, 3);
  assert.match(m.stderr, /none\.json not found \(write it with --write-golden/);
  writeFileSync(join(dir, 'other.json'), '{"recordings": {}}');
  const f = cli('replay', 'fixtures/B0005', '--check', join(dir, 'other.json'));
  assert.is(f.status, 3);
  assert.match(f.stderr, /not a bms-edge golden file/);
});

test('gate: a monitor capture replays like any recording, alone or in a folder, and a changed capture fails the check', () => {
  const dir = tmp();
  const cap = writeJbdCapture(join(dir, 'recs/unit1.jsonl'));
  const one = cli('replay', cap, '--rated-capacity', '4', '--json');
  assert.is(one.status, 0, one.stderr);
  const doc = JSON.parse(one.stdout);
  assert.is(doc.recording.samples, 121);
  assert.is(doc.cycles.length, 1);
  const golden = join(dir, 'golden.json');
  assert.is(cli('replay', join(dir, 'recs'), '--rated-capacity', '4', '--write-golden', golden).status, 0);
  assert.is(cli('replay', join(dir, 'recs'), '--rated-capacity', '4', '--check', golden).status, 0);
  writeJbdCapture(cap, { current_A: 2.5 });
  const r = cli('replay', join(dir, 'recs'), '--rated-capacity', '4', '--check', golden);
  assert.is(r.status, 1, r.stdout);
  assert.match(r.stdout, /unit1\.jsonl: \d+ value\(s\) moved/);
  assert.match(r.stdout, /final\.dis_Ah\s+1\/1/);
});

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

test.run();
