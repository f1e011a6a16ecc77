/**
 * Fault injection: 10,000 power cuts at random byte offsets of the program and erase work of the
 * log, over four flash geometries. After every cut the device restarts and the log is reopened:
 * - every record committed before the cut (append returned) and not in a block whose erase had
 *   started is present, byte for byte, in its block;
 * - every accepted record is one that was written, byte for byte, with that log sequence number (the
 *   record cut in flight may be accepted only when it is complete and exact);
 * - sequence numbers increase, the last one is the last committed, and the next append continues it;
 * - the log only ever erases the block holding the oldest records, never one with newer records.
 * The model knows nothing of the log's internals beyond what append returns and which block the
 * device is asked to erase.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NorFlash } from '../../../host/storage/nor-flash.ts';
import { FlashLog } from '../../../host/storage/flash-log.ts';
import { PowerCutError } from '../../../host/storage/errors.ts';
import { logLayout } from '../../../host/storage/log-format.ts';
import type { FlashDevice, FlashGeometry } from '../../../host/storage/flash-device.ts';
import type { ScanResult } from '../../../host/storage/log-scan.ts';
import { hex, makeRecord, Seeded } from './helpers.ts';

interface Written {
  bytes: string;
  block: number;
}

interface Counts {
  cuts: number;
  cutsDuringProgram: number;
  cutsDuringErase: number;
  erasePatterns: Record<string, number>;
  tornDiscarded: number;
  inFlightFoundComplete: number;
  invalidBlocksSeen: number;
  staleRecordsSeen: number;
  appends: number;
}

function campaign(geometry: FlashGeometry, cuts: number, seed: number): Counts {
  const rng = new Seeded(seed);
  const dev = new NorFlash({ ...geometry, rand32: () => rng.u32() });
  const layout = logLayout(geometry);
  const written = new Map<number, Written>(); // every committed record, by log sequence
  const live = new Set<number>(); // committed and not in a block whose erase has started
  const tornByBlock = new Map<string, number>(); // block:blockSeq -> torn slots seen (for distinct counts)
  const counts: Counts = { cuts: 0, cutsDuringProgram: 0, cutsDuringErase: 0, erasePatterns: {}, tornDiscarded: 0, inFlightFoundComplete: 0, invalidBlocksSeen: 0, staleRecordsSeen: 0, appends: 0 };

  const spy: FlashDevice = {
    geometry: dev.geometry,
    read: (o, n) => dev.read(o, n),
    program: (o, d) => dev.program(o, d),
    erase: (b) => {
      const inBlock = [...live].filter((s) => written.get(s)!.block === b);
      const others = [...live].filter((s) => written.get(s)!.block !== b);
      if (inBlock.length && others.length) assert.ok(Math.max(...inBlock) < Math.min(...others), `erase of block ${b} would drop records newer than others kept`);
      if (inBlock.length) assert.ok(others.length > 0, `erase of block ${b} would drop the newest record`);
      for (const s of inBlock) live.delete(s);
      dev.erase(b);
    },
  };

  let inFlight: { seq: number; bytes: string } | undefined;
  let lastCommitted = 0;
  const verify = (rec: ScanResult, log: FlashLog): void => {
    let prev = 0;
    const seen = new Set<number>();
    for (const e of rec.records) {
      assert.ok(e.flashSeq > prev, 'sequence numbers increase');
      prev = e.flashSeq;
      seen.add(e.flashSeq);
      const w = written.get(e.flashSeq);
      if (!w) {
        assert.ok(inFlight && inFlight.seq === e.flashSeq, `accepted record ${e.flashSeq} was never written`);
        assert.is(hex(e.bytes), inFlight!.bytes, 'the in-flight record is accepted only when exact');
        written.set(e.flashSeq, { bytes: inFlight!.bytes, block: e.block });
        live.add(e.flashSeq);
        lastCommitted = e.flashSeq;
        counts.inFlightFoundComplete++;
        continue;
      }
      assert.is(hex(e.bytes), w.bytes, `record ${e.flashSeq} intact`);
      assert.is(e.block, w.block, `record ${e.flashSeq} in its block`);
      if (!live.has(e.flashSeq)) counts.staleRecordsSeen++;
    }
    for (const s of live) assert.ok(seen.has(s), `committed record ${s} lost`);
    assert.is(rec.lastSeq, lastCommitted, 'the last committed record is the last one found');
    assert.is(log.nextFlashSeq, lastCommitted + 1, 'the sequence continues');
    assert.is(rec.outOfOrder, 0);
    for (const b of rec.blocks) {
      if (b.state === 'invalid') counts.invalidBlocksSeen++;
      if (b.state !== 'valid') continue;
      const key = `${b.block}:${b.blockSeq}`;
      const before = tornByBlock.get(key) ?? 0;
      assert.ok(b.torn >= before, 'a torn slot never becomes valid');
      counts.tornDiscarded += b.torn - before;
      tornByBlock.set(key, b.torn);
    }
  };

  let coreSeq = 1;
  const rotationBytes = geometry.blockSize_B + layout.headerArea_B + layout.slotsPerBlock * layout.slot_B;
  for (let c = 0; c < cuts; c++) {
    const log = FlashLog.open(spy);
    verify(log.recovery, log);
    inFlight = undefined;
    dev.armPowerCut(rng.below(rotationBytes));
    let cut = false;
    for (let k = 0; k < 4 * layout.slotsPerBlock + 4; k++) {
      const r = makeRecord(coreSeq++, rng);
      const seq = log.nextFlashSeq;
      try {
        const at = log.append(r);
        assert.is(at.flashSeq, seq);
        written.set(seq, { bytes: hex(r), block: at.block });
        live.add(seq);
        lastCommitted = seq;
        counts.appends++;
      } catch (err) {
        if (!(err instanceof PowerCutError)) throw err;
        inFlight = { seq, bytes: hex(r) };
        cut = true;
        break;
      }
    }
    assert.ok(cut, 'the armed cut happened');
    counts.cuts++;
    dev.powerOn();
  }
  const log = FlashLog.open(spy);
  verify(log.recovery, log);
  counts.cutsDuringProgram = dev.stats.cutsDuringProgram;
  counts.cutsDuringErase = dev.stats.cutsDuringErase;
  counts.erasePatterns = { ...dev.stats.eraseCutPatterns };
  return counts;
}

const GEOMETRIES: FlashGeometry[] = [
  { blockSize_B: 256, blockCount: 4, programUnit_B: 8 },
  { blockSize_B: 512, blockCount: 3, programUnit_B: 4 },
  { blockSize_B: 1024, blockCount: 4, programUnit_B: 32 },
  { blockSize_B: 4096, blockCount: 2, programUnit_B: 8 },
];

test('10,000 random power cuts during programs and erases: nothing committed is lost, nothing torn is accepted, the sequence continues', () => {
  const total: Counts = { cuts: 0, cutsDuringProgram: 0, cutsDuringErase: 0, erasePatterns: {}, tornDiscarded: 0, inFlightFoundComplete: 0, invalidBlocksSeen: 0, staleRecordsSeen: 0, appends: 0 };
  GEOMETRIES.forEach((g, i) => {
    const c = campaign(g, 2500, 1000 + i);
    console.log(`fault-injection ${g.blockCount} x ${g.blockSize_B} B, unit ${g.programUnit_B} B: ${JSON.stringify(c)}`);
    for (const k of ['cuts', 'cutsDuringProgram', 'cutsDuringErase', 'tornDiscarded', 'inFlightFoundComplete', 'invalidBlocksSeen', 'staleRecordsSeen', 'appends'] as const) total[k] += c[k];
    for (const [p, n] of Object.entries(c.erasePatterns)) total.erasePatterns[p] = (total.erasePatterns[p] ?? 0) + n;
  });
  console.log(`fault-injection total: ${JSON.stringify(total)}`);
  assert.is(total.cuts, 10000);
  assert.is(total.cutsDuringProgram + total.cutsDuringErase, 10000);
  // the campaign must actually exercise both phases, every erase pattern and torn slots
  assert.ok(total.cutsDuringProgram > 2000 && total.cutsDuringErase > 2000, 'both phases hit');
  for (const p of ['prefix', 'scatter', 'preprogram']) assert.ok((total.erasePatterns[p] ?? 0) > 300, `erase pattern ${p} hit`);
  assert.ok(total.tornDiscarded > 1000, 'torn slots were produced and discarded');
  assert.ok(total.invalidBlocksSeen > 100, 'interrupted erases left invalid blocks');
});

test.run();
