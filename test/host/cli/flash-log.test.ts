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
import { logLayout, slotOffset, RECORD_BYTES } from '../../../host/storage/log-format.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'bms-flash-'));

function deviceDump(geometry = { blockSize_B: 4096, blockCount: 4, programUnit_B: 8 }): { path: string; coreRecords: number; image: Uint8Array } {
  const core = Core.create({ chemistry: 'NMC', overrides: { log_summary_interval_s: 600 } });
  for (let k = 0; k < 3000; k++) core.step(k * 10, k % 500 < 20 ? 4.3 : 3.7, 1, 25); // summaries + over-voltage events
  const dev = new NorFlash(geometry);
  const log = FlashLog.open(dev);
  drainCoreLog(core, log, 1);
  const path = join(dir, 'dump.bin');
  writeFileSync(path, dev.image());
  return { path, coreRecords: core.logRecords().length, image: new Uint8Array(dev.image()) };
}

// small blocks, so that the core's 57 records fill three of them (25 slots each)
const GEOMETRY = { blockSize_B: 1024, blockCount: 4, programUnit_B: 8 };
const LAYOUT = logLayout(GEOMETRY);

/** Writes a damaged copy of the device dump and returns flash-log --json's exit code and document. */
function damagedDump(name: string, damage: (img: Uint8Array) => void): { status: number | null; doc: Record<string, unknown>; stderr: string } {
  const img = deviceDump(GEOMETRY).image;
  damage(img);
  const path = join(dir, name);
  writeFileSync(path, img);
  const r = cli('flash-log', path, '--json');
  return { status: r.status, doc: JSON.parse(r.stdout || '{}') as Record<string, unknown>, stderr: r.stderr };
}

test('bit rot in a committed record is a CRC failure, not a torn slot, and exits 1', () => {
  const r = damagedDump('rot.bin', (img) => { img[slotOffset(LAYOUT, 0, 10) + 12]! ^= 0x04; });
  assert.is(r.status, 1, r.stderr);
  assert.is(r.doc.crc_failures, 1);
  assert.is(r.doc.torn_slots, 0);
  assert.is(r.doc.damaged, true);
});

test('an erased committed slot between written ones is an erased gap and exits 1', () => {
  const r = damagedDump('gap.bin', (img) => { const at = slotOffset(LAYOUT, 1, 5); img.fill(0xff, at, at + LAYOUT.slot_B); });
  assert.is(r.status, 1, r.stderr);
  assert.is(r.doc.erased_gaps, 1);
  assert.is(r.doc.missing_records, 1, 'the erased record is also a hole in the log sequence');
});

test('a whole block missing from the middle of the dump (erased) is counted and exits 1', () => {
  const r = damagedDump('noblock.bin', (img) => img.fill(0xff, 1 * GEOMETRY.blockSize_B, 2 * GEOMETRY.blockSize_B));
  assert.is(r.status, 1, r.stderr);
  assert.is(r.doc.missing_blocks, 1);
  assert.ok((r.doc.missing_records as number) >= LAYOUT.slotsPerBlock - 1);
});

test('a torn write (record programmed, seal never written) is a torn slot only: exit 0', () => {
  const r = damagedDump('torn.bin', (img) => {
    // the first empty slot of the active block receives a record but no seal, as a power cut leaves it
    let block = 0;
    for (let b = 0; b < GEOMETRY.blockCount; b++) if (img[slotOffset(LAYOUT, b, LAYOUT.slotsPerBlock - 1)] === 0xff && img[b * GEOMETRY.blockSize_B] !== 0xff) block = b;
    let slot = 0;
    while (img[slotOffset(LAYOUT, block, slot)] !== 0xff) slot++;
    const src = slotOffset(LAYOUT, block, 0);
    img.set(img.subarray(src, src + RECORD_BYTES), slotOffset(LAYOUT, block, slot));
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.doc.torn_slots, 1);
  assert.is(r.doc.damaged, false);
});

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

test('a directory, an empty file and a missing file exit 3 with one line', () => {
  for (const p of [dir, join(dir, 'empty.bin'), join(dir, 'missing.bin')]) {
    if (p.endsWith('empty.bin')) writeFileSync(p, new Uint8Array(0));
    const r = cli('flash-log', p);
    assert.is(r.status, 3, p);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('a file that is not a bms-edge flash log exits 3 and says why', () => {
  const path = join(dir, 'blank.bin');
  writeFileSync(path, new Uint8Array(8192).fill(0xff));
  const r = cli('flash-log', path);
  assert.is(r.status, 3);
  assert.match(r.stderr, /not a bms-edge flash log/);
});

test.run();
