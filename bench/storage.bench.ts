/**
 * Storage benchmark: what one lifecycle-log commit costs on flash (bytes programmed, erase bytes
 * amortised over the records a block holds, erase cycles per record for wear), the size of the core's
 * state image (what one snapshot writes), and the host-side cost of append, recovery scan and dump
 * import on the NOR model. Bytes are exact (counted by the model); times are best of 5 on this machine.
 */
import { NorFlash } from '../host/storage/nor-flash.ts';
import { FlashLog } from '../host/storage/flash-log.ts';
import { logLayout } from '../host/storage/log-format.ts';
import { importFlashDump } from '../host/storage/dump.ts';
import type { FlashGeometry } from '../host/storage/flash-device.ts';
import { crc32 } from '../layout/presets.ts';
import { Core } from '../host/core/core.ts';

function record(seq: number): Uint8Array {
  const r = new Uint8Array(32);
  const dv = new DataView(r.buffer);
  dv.setUint32(0, seq, true);
  dv.setUint16(4, 5, true);
  dv.setFloat64(8, seq * 3600, true);
  dv.setFloat32(16, 0.5, true);
  dv.setUint32(28, crc32(r.subarray(0, 28)), true);
  return r;
}

function best(rounds: number, fn: () => number): number {
  let b = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const n = fn();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e3 / n);
  }
  return b;
}

// endurance_cycles: datasheet minimum erase cycles per block (W25Q 100k; STM32L4/G4 and H7 10k)
const DEVICES: { name: string; g: FlashGeometry; endurance_cycles: number }[] = [
  { name: 'SPI NOR (4 KiB sectors, byte program), 16 sectors', g: { blockSize_B: 4096, blockCount: 16, programUnit_B: 1 }, endurance_cycles: 100000 },
  { name: 'STM32L4/G4 internal (2 KiB pages, 8-B double words), 8 pages', g: { blockSize_B: 2048, blockCount: 8, programUnit_B: 8 }, endurance_cycles: 10000 },
  { name: 'STM32H7 internal (128 KiB sectors, 32-B flash words), 2 sectors', g: { blockSize_B: 131072, blockCount: 2, programUnit_B: 32 }, endurance_cycles: 10000 },
];

console.log('Lifecycle log on flash: cost per committed 32-B record');
for (const { name, g, endurance_cycles } of DEVICES) {
  const layout = logLayout(g);
  const dev = new NorFlash(g);
  const log = FlashLog.open(dev);
  const n = layout.slotsPerBlock * g.blockCount * 3; // three trips round the ring
  for (let i = 1; i <= n; i++) log.append(record(i));
  const s = dev.stats;
  const perCommit = (s.programBytes - (s.eraseOps * layout.headerArea_B)) / n;
  console.log(`  ${name}`);
  console.log(`    slots per block ${layout.slotsPerBlock}, retention >= ${(g.blockCount - 1) * layout.slotsPerBlock} records, block use ${((layout.headerArea_B + layout.slotsPerBlock * layout.slot_B) / g.blockSize_B * 100).toFixed(1)} %`);
  console.log(`    programmed per commit: ${perCommit} B (record 32 B + seal ${layout.slot_B - 32} B), 2 program operations`);
  console.log(`    amortised per commit: header ${(s.eraseOps * layout.headerArea_B / n).toFixed(2)} B programmed, ${(s.eraseOps * g.blockSize_B / n).toFixed(1)} B erased, ${(s.eraseOps / n).toFixed(5)} erase cycles`);
  console.log(`    measured over ${n} commits: ${s.programBytes} B programmed in ${s.programOps} operations, ${s.eraseOps} erases`);
  const wear = endurance_cycles * g.blockCount * layout.slotsPerBlock;
  console.log(`    wear-out at ${endurance_cycles} erase cycles per block: ${wear.toExponential(2)} records = ${(wear / 200 / 365).toFixed(0)} years at 200 records/day`);
}

console.log('\nState image (core.saveState): bytes written per snapshot');
const core = Core.create({ chemistry: 'NMC' });
for (let k = 0; k < 1000; k++) core.step(k * 10, 3.7, 1, 25);
console.log(`  ${core.saveState().length} B per image`);

console.log('\nHost-side cost on the NOR model (Node, best of 5)');
{
  const g: FlashGeometry = { blockSize_B: 4096, blockCount: 16, programUnit_B: 8 };
  const recs = Array.from({ length: 1000 }, (_, i) => record(i + 1));
  const appendUs = best(5, () => {
    const log = FlashLog.open(new NorFlash(g));
    for (const r of recs) log.append(r);
    return recs.length;
  });
  const dev = new NorFlash(g);
  const log = FlashLog.open(dev);
  for (let i = 1; i <= logLayout(g).slotsPerBlock * 16; i++) log.append(record(i));
  const scanUs = best(5, () => (FlashLog.open(dev), 1));
  const img = dev.image();
  const importUs = best(5, () => (importFlashDump(img), 1));
  console.log(`  append (CRC check + 2 programs): ${appendUs.toFixed(2)} us per record`);
  console.log(`  recovery scan of a full 64 KiB region (${logLayout(g).slotsPerBlock * 16} slots): ${(scanUs / 1000).toFixed(2)} ms`);
  console.log(`  dump import of the same 64 KiB (geometry detection + scan + decode): ${(importUs / 1000).toFixed(2)} ms`);
}
console.log('\nInstructions on an MCU: no MCU harness for the log yet (the firmware implements docs/flash-log.md in C).');
