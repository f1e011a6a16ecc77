import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NorFlash } from '../../../host/storage/nor-flash.ts';
import { FlashLog } from '../../../host/storage/flash-log.ts';
import { FlashLogError } from '../../../host/storage/errors.ts';
import { importFlashDump, detectGeometry } from '../../../host/storage/dump.ts';
import { drainCoreLog } from '../../../host/storage/core-drain.ts';
import { decodeLogRecord } from '../../../host/storage/log-record.ts';
import { Core } from '../../../host/core/core.ts';
import { hex, makeRecord, Seeded } from './helpers.ts';

function expectDumpError(fn: () => unknown): void {
  try {
    fn();
    assert.unreachable('accepted a bad dump');
  } catch (err) {
    assert.instance(err, FlashLogError);
    assert.is((err as FlashLogError).code, 'bad-dump');
  }
}

test('a dump of the region imports with its geometry read from the block headers, the same records as the device', () => {
  const g = { blockSize_B: 1024, blockCount: 6, programUnit_B: 16 };
  const dev = new NorFlash(g);
  const rng = new Seeded(11);
  const log = FlashLog.open(dev);
  const written = Array.from({ length: 300 }, (_, i) => makeRecord(i + 1, rng));
  for (const r of written) log.append(r);
  const imported = importFlashDump(dev.image());
  assert.equal(imported.geometry, g);
  assert.equal(imported.records.map((e) => hex(e.bytes)), FlashLog.open(dev).recovery.records.map((e) => hex(e.bytes)));
  assert.is(imported.records.at(-1)!.flashSeq, 300);
  assert.equal(imported.records.map((e) => e.record.seq), imported.records.map((e) => e.flashSeq), 'core seq decoded (equal to the log seq here)');
  assert.ok(imported.records.every((e) => e.record.crcOk));
});

test('geometry detection skips a garbage first block; a dump without a log header or of the wrong length is refused', () => {
  const g = { blockSize_B: 512, blockCount: 4, programUnit_B: 4 };
  const dev = new NorFlash(g);
  const log = FlashLog.open(dev);
  const rng = new Seeded(12);
  for (let i = 1; i <= 40; i++) log.append(makeRecord(i, rng));
  const img = dev.image();
  img.fill(0x00, 0, 512); // block 0 destroyed
  assert.equal(detectGeometry(img), g);
  const imported = importFlashDump(img);
  assert.is(imported.invalidBlocks, 1);
  assert.is(imported.records[0]!.flashSeq, 13, 'block 0 held records 1..12');
  expectDumpError(() => importFlashDump(new Uint8Array(4096).fill(0xff)));
  expectDumpError(() => importFlashDump(dev.image().subarray(0, 1000), g));
});

test('records drained from a running core into the flash log and read back from a dump decode exactly as the core reports them', () => {
  const core = Core.create({ chemistry: 'NMC' });
  const g = { blockSize_B: 4096, blockCount: 4, programUnit_B: 8 };
  const dev = new NorFlash(g);
  const log = FlashLog.open(dev);
  let cursor = 1;
  // two days at 10 s: cycling current, an over-voltage spell and a hot afternoon (events + hourly summaries)
  for (let k = 0; k < 17280; k++) {
    const t_s = k * 10;
    const i_A = 2 * Math.sin((2 * Math.PI * t_s) / 7200);
    const v_V = (k > 3000 && k < 3010 ? 4.3 : 3.7) - 0.05 * i_A;
    const temp_degC = k > 9000 && k < 9100 ? 65 : 25;
    core.step(t_s, v_V, i_A, temp_degC);
    if (k % 100 === 99) cursor = drainCoreLog(core, log, cursor);
  }
  cursor = drainCoreLog(core, log, cursor);
  const fromCore = core.logRecords();
  assert.ok(fromCore.length > 40, `core wrote ${fromCore.length} records`);
  assert.ok(fromCore.some((r) => r.typeName === 'EVENT') && fromCore.some((r) => r.typeName === 'SUMMARY'));
  const imported = importFlashDump(dev.image()).records.map((e) => e.record);
  assert.equal(imported, fromCore);
  assert.is(cursor, fromCore.at(-1)!.seq + 1);
  assert.equal(decodeLogRecord(importFlashDump(dev.image()).records[0]!.bytes), fromCore[0]);
});

test.run();
