// bms-edge flash-log: a dump of a device's log region (here: records drained from a running core into
// the NOR-flash model) reads back with the device's own recovery scan; bad dumps exit 3 with a reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../host/core/core.ts';
import { NorFlash } from '../../../host/storage/nor-flash.ts';
import { FlashLog } from '../../../host/storage/flash-log.ts';
import { drainCoreLog } from '../../../host/storage/core-drain.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'bms-flash-'));

function deviceDump(): { path: string; coreRecords: number } {
  const core = Core.create({ chemistry: 'NMC', overrides: { log_summary_interval_s: 600 } });
  for (let k = 0; k < 3000; k++) core.step(k * 10, k % 500 < 20 ? 4.3 : 3.7, 1, 25); // summaries + over-voltage events
  const dev = new NorFlash({ blockSize_B: 4096, blockCount: 4, programUnit_B: 8 });
  const log = FlashLog.open(dev);
  drainCoreLog(core, log, 1);
  const path = join(dir, 'dump.bin');
  writeFileSync(path, dev.image());
  return { path, coreRecords: core.logRecords().length };
}

test('flash-log --json lists every committed record of a dump, decoded as the core wrote it', () => {
  const { path, coreRecords } = deviceDump();
  const r = cli('flash-log', path, '--json');
  assert.is(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.committed, coreRecords);
  assert.equal(doc.geometry, { blockSize_B: 4096, blockCount: 4, programUnit_B: 8 });
  assert.is(doc.crc_failures, 0);
  assert.ok(doc.records.some((x: { typeName: string }) => x.typeName === 'EVENT'));
});

test('flash-log prints a readable summary by default', () => {
  const { path } = deviceDump();
  const r = cli('flash-log', path);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /geometry\s+4 blocks x 4096 B/);
  assert.match(r.stdout, /OVER_VOLTAGE/);
});

test('a file that is not a bms-edge flash log exits 3 and says why', () => {
  const path = join(dir, 'blank.bin');
  writeFileSync(path, new Uint8Array(8192).fill(0xff));
  const r = cli('flash-log', path);
  assert.is(r.status, 3);
  assert.match(r.stderr, /not a bms-edge flash log/);
});

test.run();
