// The replay command: readable summary by default, one JSON document with --json, meaningful exit codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

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

test.run();
