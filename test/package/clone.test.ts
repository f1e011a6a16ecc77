// A fresh clone stands on its own: the committed repository cloned into an empty temporary folder
// (no ../shared or anything else beside it), installed with `npm ci` (whose `prepare` builds the core,
// the twin and the compiled CLI), runs `npx bms-edge` at once and passes a representative slice of the
// suite there (replay, passport, report, decode). Guarded by BMS_EDGE_IN_CLONE so that the clone's own
// run never starts this test again. It tests HEAD (what a user clones), not uncommitted edits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const SLICE = '^host/(cli/(replay|passport|decode)|record/passport|report/|readers/)';
const inClone = process.env.BMS_EDGE_IN_CLONE === '1';

(inClone ? test.skip : test)('a clone in an empty folder installs with npm ci and passes the replay, passport, report and decode tests', () => {
  const parent = mkdtempSync(join(tmpdir(), 'bms-clone-'));
  try {
    const dir = join(parent, 'bms-edge');
    const env = { ...process.env, BMS_EDGE_IN_CLONE: '1', FORCE_COLOR: '0' };
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', timeout: 540_000 });
    const clone = spawnSync('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, dir], { encoding: 'utf8' });
    assert.is(clone.status, 0, clone.stderr);
    assert.equal(readdirSync(parent), ['bms-edge'], 'nothing beside the clone');

    const install = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    assert.is(install.status, 0, install.stderr.slice(-2000));

    const help = run('npx', ['--no-install', 'bms-edge', '--help']);
    assert.is(help.status, 0, `npx bms-edge right after npm ci: ${help.stderr}`);
    assert.match(help.stdout, /^ {2}replay /m);

    const slice = run(process.execPath, ['scripts/run-tests.mjs', SLICE]);
    const summary = /(\d+) passed, (\d+) failed/.exec(slice.stdout);
    assert.ok(summary, `no summary line:\n${slice.stdout.slice(-3000)}\n${slice.stderr.slice(-2000)}`);
    assert.is(Number(summary[2]), 0, `failures in the clone:\n${slice.stdout.slice(-4000)}`);
    assert.ok(Number(summary[1]) >= 20, `the slice ran (${summary[1]} tests)`);
    assert.is(slice.status, 0);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test.run();
