import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NorFlash } from '../../../host/storage/nor-flash.ts';
import { FlashLog } from '../../../host/storage/flash-log.ts';
import { FlashLogError, PowerCutError } from '../../../host/storage/errors.ts';
import { logLayout, slotOffset } from '../../../host/storage/log-format.ts';
import { importFlashDump } from '../../../host/storage/dump.ts';
import fc from 'fast-check';
import { crc32 } from '../../../layout/crc32.ts';
import { bitwiseCrc32 } from '../../helpers/crc32-reference.ts';
import { hex, makeRecord, Seeded } from './helpers.ts';

const geometry = { blockSize_B: 512, blockCount: 4, programUnit_B: 8 };

test('the table CRC-32 equals the layout (bitwise, core) CRC-32 on random inputs', () => {
  const rng = new Seeded(3);
  for (let n = 0; n < 200; n++) {
    const b = Uint8Array.from({ length: rng.below(300) }, () => rng.u32() & 0xff);
    assert.is(crc32(b), bitwiseCrc32(b));
  }
});

test('records appended to a blank device come back in order with log sequence 1..n after a restart', () => {
  const dev = new NorFlash(geometry);
  const rng = new Seeded(1);
  const log = FlashLog.open(dev);
  assert.is(log.recovery.records.length, 0);
  assert.is(log.recovery.blocks.filter((b) => b.state === 'blank').length, 4);
  const written = Array.from({ length: 20 }, (_, i) => makeRecord(i + 1, rng));
  written.forEach((r, i) => assert.is(log.append(r).flashSeq, i + 1));
  const again = FlashLog.open(dev);
  assert.equal(again.recovery.records.map((e) => e.flashSeq), written.map((_, i) => i + 1));
  assert.equal(again.recovery.records.map((e) => hex(e.bytes)), written.map(hex));
  assert.is(again.recovery.tornSlots, 0);
  assert.is(again.nextFlashSeq, 21);
});

test('the ring wraps: the newest (blockCount - 1) blocks of records are kept, oldest erased first, erase counts grow', () => {
  const dev = new NorFlash(geometry);
  const rng = new Seeded(2);
  const { slotsPerBlock } = logLayout(geometry);
  const log = FlashLog.open(dev);
  const n = slotsPerBlock * geometry.blockCount * 3 + 5;
  const written = Array.from({ length: n }, (_, i) => makeRecord(i + 1, rng));
  for (const r of written) log.append(r);
  const rec = FlashLog.open(dev).recovery;
  const kept = rec.records.map((e) => e.flashSeq);
  assert.ok(kept.length >= (geometry.blockCount - 1) * slotsPerBlock, `kept ${kept.length}`);
  assert.is(kept.at(-1), n);
  assert.equal(kept, Array.from({ length: kept.length }, (_, i) => n - kept.length + 1 + i), 'contiguous newest records');
  assert.equal(rec.records.map((e) => hex(e.bytes)), written.slice(n - kept.length).map(hex));
  assert.equal([...dev.eraseCounts], [4, 3, 3, 3]);
  assert.equal(rec.blocks.map((b) => b.eraseCount).sort(), [3, 3, 3, 4]);
});

test('a record whose CRC does not verify, or of the wrong size, is refused and nothing is written', () => {
  const dev = new NorFlash(geometry);
  const log = FlashLog.open(dev);
  const r = makeRecord(1, new Seeded(4));
  r[10]! ^= 1;
  for (const bad of [r, new Uint8Array(31)]) {
    try {
      log.append(bad);
      assert.unreachable('accepted a bad record');
    } catch (err) {
      assert.instance(err, FlashLogError);
      assert.is((err as FlashLogError).code, 'bad-record');
    }
  }
  assert.ok(dev.image().every((b) => b === 0xff));
});

test('a cut inside a seal leaves a torn slot that start-up counts and skips; the sequence continues from the last committed record', () => {
  const dev = new NorFlash({ ...geometry, rand32: () => 0x2 }); // torn-unit mode 2: a partial subset of the bits
  const rng = new Seeded(5);
  const log = FlashLog.open(dev);
  for (let i = 1; i <= 3; i++) log.append(makeRecord(i, rng));
  dev.armPowerCut(32 + 2); // record programmed, cut at byte 2 of its seal
  try {
    log.append(makeRecord(4, rng));
    assert.unreachable();
  } catch (err) {
    assert.instance(err, PowerCutError);
  }
  dev.powerOn();
  const again = FlashLog.open(dev);
  assert.is(again.recovery.tornSlots, 1);
  assert.equal(again.recovery.records.map((e) => e.flashSeq), [1, 2, 3]);
  assert.is(again.nextFlashSeq, 4);
  const r5 = makeRecord(5, rng);
  assert.equal(again.append(r5), { flashSeq: 4, block: 0, slot: 4 });
  const third = FlashLog.open(dev).recovery;
  assert.equal(third.records.map((e) => e.flashSeq), [1, 2, 3, 4]);
  assert.is(hex(third.records[3]!.bytes), hex(r5));
});

test('every program unit size from 1 to 32 B works, each unit programmed once per erase', () => {
  for (const programUnit_B of [1, 2, 4, 8, 16, 32]) {
    const g = { blockSize_B: 256, blockCount: 3, programUnit_B };
    const dev = new NorFlash(g); // programOnce: a second program of a unit would throw
    const rng = new Seeded(programUnit_B);
    const log = FlashLog.open(dev);
    const n = logLayout(g).slotsPerBlock * 5;
    const written = Array.from({ length: n }, (_, i) => makeRecord(i + 1, rng));
    for (const r of written) log.append(r);
    const got = FlashLog.open(dev).recovery.records;
    assert.is(got.at(-1)!.flashSeq, n, `unit ${programUnit_B}`);
    assert.equal(got.map((e) => hex(e.bytes)), written.slice(n - got.length).map(hex));
  }
});

test('bit rot (1 to 5 flipped bits anywhere): no wrong record is accepted; only records whose slot or block header was hit are lost', () => {
  const g = { blockSize_B: 512, blockCount: 3, programUnit_B: 8 };
  const dev = new NorFlash(g);
  const rng = new Seeded(9);
  const log = FlashLog.open(dev);
  const written = new Map<number, string>();
  const where = new Map<number, { block: number; slot: number }>();
  for (let i = 1; i <= 30; i++) {
    const r = makeRecord(i, rng);
    const at = log.append(r);
    written.set(at.flashSeq, hex(r));
    where.set(at.flashSeq, at);
  }
  const L = logLayout(g);
  const image = dev.image();
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: image.length * 8 - 1 }), { minLength: 1, maxLength: 5 }), (bits) => {
      const img = image.slice();
      for (const bit of bits) img[bit >> 3]! ^= 1 << (bit & 7);
      let got;
      try {
        got = importFlashDump(img, g);
      } catch {
        return;
      }
      for (const e of got.records) assert.is(hex(e.bytes), written.get(e.flashSeq), `record ${e.flashSeq} after flips ${bits}`);
      const found = new Set(got.records.map((e) => e.flashSeq));
      for (const [seq, { block, slot }] of where) {
        const slotAt = slotOffset(L, block, slot);
        const hit = bits.some((bit) => {
          const byte = bit >> 3;
          return (byte >= slotAt && byte < slotAt + L.slot_B) || (byte >= block * g.blockSize_B && byte < block * g.blockSize_B + L.headerArea_B);
        });
        if (!hit) assert.ok(found.has(seq), `record ${seq} untouched by flips ${bits} is kept`);
      }
    }),
    { numRuns: 3000, seed: 8 },
  );
});

test('records whose sequence does not increase in log order are dropped and counted (a medium that lies)', () => {
  const g = { blockSize_B: 512, blockCount: 3, programUnit_B: 8 };
  const dev = new NorFlash(g);
  const rng = new Seeded(10);
  const log = FlashLog.open(dev);
  const { slotsPerBlock, headerArea_B } = logLayout(g);
  for (let i = 1; i <= 2 * slotsPerBlock; i++) log.append(makeRecord(i, rng));
  const img = dev.image();
  img.copyWithin(512 + headerArea_B, headerArea_B, 512); // block 1 (newer header) now holds block 0's records 1..n
  const got = importFlashDump(img, g);
  assert.is(got.outOfOrder, slotsPerBlock);
  assert.equal(got.records.map((e) => e.flashSeq), Array.from({ length: slotsPerBlock }, (_, i) => i + 1));
});

test.run();
