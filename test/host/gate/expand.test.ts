// Inputs: a recording, a folder of recordings (NASA folders and CSV files, non-recordings listed as
// skipped), globs; keys are stable relative names; collisions and empty inputs are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expandInputs, globPaths } from '../../../host/gate/expand.ts';
import { GateError } from '../../../host/gate/errors.ts';
import { writeCsvRecording } from './recordings.ts';
import { writeJbdCapture } from './captures.ts';

const root = join(import.meta.dirname, '../../..');

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bms-expand-'));
  cpSync(join(root, 'fixtures/B0005'), join(dir, 'packs/B0005'), { recursive: true });
  writeCsvRecording(dir, 'packs/a.csv');
  writeCsvRecording(dir, 'packs/site2/b.csv');
  writeFileSync(join(dir, 'packs/cells.csv'), 'cell,chemistry\nB0005,NMC\n');
  writeFileSync(join(dir, 'packs/README.md'), 'notes');
  writeJbdCapture(join(dir, 'packs/site2/unit1.jsonl'), { polls: 3 });
  writeFileSync(join(dir, 'packs/site2/events.jsonl'), '{"not":"a capture"}\n');
  mkdirSync(join(dir, 'packs/.hidden'));
  writeCsvRecording(dir, 'packs/.hidden/c.csv');
  return dir;
}

const fail = (fn: () => unknown, code: string, re: RegExp): void => {
  try {
    fn();
    assert.unreachable('no error');
  } catch (err) {
    assert.instance(err, GateError);
    assert.is((err as GateError).code, code);
    assert.match((err as Error).message, re);
  }
};

test('a single recording keeps its base name and is flagged single', () => {
  const dir = tree();
  const e = expandInputs([join(dir, 'packs/B0005')]);
  assert.equal(e.recordings.map((r) => r.key), ['B0005']);
  assert.ok(e.single);
  assert.not.ok(expandInputs([join(dir, 'packs/a.csv'), join(dir, 'packs/B0005')]).single);
});

test('a folder yields every recording and capture below it, sorted, keyed by relative path; other CSVs and JSON lines are listed as skipped', () => {
  const dir = tree();
  const e = expandInputs([join(dir, 'packs')]);
  assert.equal(e.recordings.map((r) => r.key), ['B0005', 'a.csv', 'site2/b.csv', 'site2/unit1.jsonl']);
  assert.equal(e.skipped.map((s) => s.path), [join(dir, 'packs/cells.csv'), join(dir, 'packs/site2/events.jsonl')]);
  assert.match(e.skipped[0]!.reason, /not a recording/);
  assert.not.ok(e.single);
});

test('globs match names with * and ?, folders with **, skip CSVs that are not recordings, and key by the path below the fixed prefix', () => {
  const dir = tree();
  const csv = expandInputs([join(dir, 'packs/*.csv')]);
  assert.equal(csv.recordings.map((r) => r.key), ['a.csv']);
  assert.equal(csv.skipped.map((s) => s.path), [join(dir, 'packs/cells.csv')]);
  assert.equal(expandInputs([join(dir, 'packs/**/?.csv')]).recordings.map((r) => r.key), ['a.csv', 'site2/b.csv']);
  assert.equal(expandInputs([join(dir, 'p*/B000[0-9]')]).recordings.map((r) => r.key), ['packs/B0005']);
  assert.equal(globPaths(join(dir, 'packs/**/b.csv')).matches, [join(dir, 'packs/site2/b.csv')]);
  // '**' alone reaches each recording through several matches: each is listed once, keyed below the prefix
  assert.equal(expandInputs([join(dir, 'packs/**')]).recordings.map((r) => r.key), ['B0005', 'a.csv', 'site2/b.csv', 'site2/unit1.jsonl']);
  assert.equal(expandInputs([join(dir, '*')]).recordings.map((r) => r.key), ['packs/B0005', 'packs/a.csv', 'packs/site2/b.csv', 'packs/site2/unit1.jsonl']);
  assert.equal(expandInputs([join(dir, 'packs/*/*.jsonl')]).recordings.map((r) => r.key), ['site2/unit1.jsonl']);
});

test('missing paths, empty globs, empty folders and duplicate keys are refused with their code', () => {
  const dir = tree();
  fail(() => expandInputs([join(dir, 'nope')]), 'not-found', /nope: no such file or folder/);
  fail(() => expandInputs([join(dir, 'packs/*.dat')]), 'no-recordings', /matches no recording/);
  mkdirSync(join(dir, 'empty'));
  fail(() => expandInputs([join(dir, 'empty')]), 'no-recordings', /no recordings found/);
  writeCsvRecording(dir, 'other/a.csv');
  fail(() => expandInputs([join(dir, 'packs/a.csv'), join(dir, 'other/a.csv')]), 'duplicate-key', /share the name 'a\.csv'/);
});

test.run();
