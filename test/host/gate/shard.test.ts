// Sharding the regression gate across CI jobs: `replay --check --shard k/n` parts are disjoint and
// their union is the unsharded run (recordings and golden records alike); `gate merge` joins the
// shards' JUnit files into one result with the gate's exit code and notices a part that is missing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShard, shardNames } from '../../../host/gate/shard.ts';
import { validateJUnit } from './junit-schema.ts';
import { writeCsvRecording } from './recordings.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });

test('shard parts are disjoint, cover every name, and differ in size by at most one (300 runs)', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (names, n) => {
      const all = new Set(names);
      const parts = Array.from({ length: n }, (_, k) => shardNames(names, { index: k + 1, count: n }));
      const union = parts.flatMap((p) => [...p]);
      const sizes = parts.map((p) => p.size);
      return union.length === all.size && new Set(union).size === all.size && Math.max(...sizes) - Math.min(...sizes) <= 1;
    }),
    { numRuns: 300 },
  );
  // stable by name: the order the names arrive in does not matter
  assert.equal([...shardNames(['c', 'a', 'b', 'd'], { index: 2, count: 3 })], ['b']);
  assert.equal([...shardNames(['d', 'b', 'a', 'c'], { index: 1, count: 3 })], ['a', 'd']);
});

test('--shard must be k/n with 1 <= k <= n', () => {
  assert.equal(parseShard('2/3'), { index: 2, count: 3 });
  for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/3/2', '-1/3']) assert.throws(() => parseShard(bad), /k\/n/, bad);
});

test('3 shards: their union equals the unsharded run; gate merge gives its counts and exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-shard-'));
  try {
    const recs = join(dir, 'recs');
    const names = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv', 'f.csv', 'g.csv'];
    for (const n of names) writeCsvRecording(recs, n);
    const golden = join(dir, 'golden.json');
    let r = cli('replay', recs, '--write-golden', golden, '--jobs', '1');
    assert.is(r.status, 0, r.stderr);
    // a regression, a new recording and a missing one, so every status crosses the shard boundary
    writeCsvRecording(recs, 'c.csv', 2.5);
    writeCsvRecording(recs, 'h.csv');
    rmSync(join(recs, 'f.csv'));

    r = cli('replay', recs, '--check', golden, '--jobs', '1', '--json');
    assert.is(r.status, 1, r.stderr);
    const whole = JSON.parse(r.stdout) as { recordings: { key: string; status: string }[]; counts: Record<string, number> };
    const expected = whole.recordings.map((o) => `${o.key}:${o.status}`).sort();
    assert.equal(expected, ['a.csv:pass', 'b.csv:pass', 'c.csv:fail', 'd.csv:pass', 'e.csv:pass', 'f.csv:missing', 'g.csv:pass', 'h.csv:new']);

    const junits: string[] = [];
    const union: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const junit = join(dir, `reports/shard-${k}.xml`);
      junits.push(junit);
      r = cli('replay', recs, '--check', golden, '--jobs', '1', '--json', '--shard', `${k}/3`, '--junit', junit);
      const part = JSON.parse(r.stdout) as { shard: string; exit_code: number; recordings: { key: string; status: string }[] };
      assert.is(part.shard, `${k}/3`);
      assert.is(r.status, part.exit_code);
      assert.ok(part.recordings.length >= 2 && part.recordings.length <= 3, `shard ${k}: ${part.recordings.length} of 8 names`);
      union.push(...part.recordings.map((o) => `${o.key}:${o.status}`));
      validateJUnit(readFileSync(junit, 'utf8'));
    }
    assert.equal(union.sort(), expected, 'the union of the 3 shards is the unsharded run, each recording once');

    const merged = join(dir, 'merged.xml');
    r = cli('gate', 'merge', ...junits, '--json', '--junit', merged);
    assert.is(r.status, 1, r.stderr);
    const m = JSON.parse(r.stdout) as { counts: Record<string, number>; problems: string[]; recordings: { key: string; status: string }[] };
    assert.equal(m.problems, []);
    assert.equal(m.counts, { pass: whole.counts.pass, fail: whole.counts.fail, new: whole.counts.new, missing: whole.counts.missing, error: whole.counts.error });
    assert.equal(m.recordings.map((o) => `${o.key}:${o.status}`).sort(), expected);
    validateJUnit(readFileSync(merged, 'utf8'));

    r = cli('gate', 'merge', junits[0]!, junits[2]!);
    assert.is(r.status, 1);
    assert.match(r.stdout, /shard 2\/3 not given/);

    writeFileSync(join(dir, 'junk.xml'), '<testsuites><testsuite>');
    r = cli('gate', 'merge', join(dir, 'junk.xml'));
    assert.is(r.status, 3);
    assert.match(r.stderr, /not readable JUnit/);

    r = cli('replay', recs, '--write-golden', golden, '--shard', '1/3');
    assert.is(r.status, 2);
    assert.match(r.stderr, /without --shard/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gate merge of clean shards passes with exit 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-shard-'));
  try {
    const recs = join(dir, 'recs');
    for (const n of ['a.csv', 'b.csv', 'c.csv']) writeCsvRecording(recs, n);
    const golden = join(dir, 'golden.json');
    assert.is(cli('replay', recs, '--write-golden', golden, '--jobs', '1').status, 0);
    const junits = [1, 2].map((k) => {
      const junit = join(dir, `s${k}.xml`);
      const r = cli('replay', recs, '--check', golden, '--jobs', '1', '--shard', `${k}/2`, '--junit', junit);
      assert.is(r.status, 0, r.stdout + r.stderr);
      return junit;
    });
    const r = cli('gate', 'merge', ...junits);
    assert.is(r.status, 0, r.stdout);
    assert.match(r.stdout, /3 recording\(s\) from 2 file\(s\): 3 passed/);
    assert.match(r.stdout, /gate: PASS/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
