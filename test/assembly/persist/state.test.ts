// Persistence of the complete core state: a restored core is indistinguishable from one that never
// rebooted, and every corrupted, truncated or foreign image is refused with a clean fresh start.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Core, Flag, RESTORE_REASON } from '../../../host/core/core.ts';
import { crc32 } from '../../../layout/presets.ts';
import { readNasa } from '../../../host/readers/nasa.ts';
import { allFinite } from '../../helpers/cell.ts';

const rec = readNasa(join(import.meta.dirname, '../../../fixtures/B0005'));
const N = rec.samples.length / 4;

function straight(): string {
  const core = Core.create({ chemistry: 'NASA18650' });
  core.stepBatch(rec.samples);
  return core.digest();
}

test('reboot equivalence: save and restore into a fresh instance every 997 samples gives the straight-through digest', () => {
  let core = Core.create({ chemistry: 'NASA18650' });
  let reboots = 0;
  for (let i = 0; i < N; i += 997) {
    core.stepBatch(rec.samples.subarray(i * 4, Math.min(N, i + 997) * 4));
    const image = core.saveState();
    core = Core.create({ chemistry: 'NMC' }); // a reboot: new instance, other preset until restored
    assert.is(core.restoreState(image, 'NMC'), 0);
    reboots++;
  }
  assert.ok(reboots > 30);
  assert.is(core.digest(), straight());
});

/** A healthy image mid-life, its core's snapshot, and the PRNG for the mutations. */
function sampleImage(): { image: Uint8Array } {
  const core = Core.create({ chemistry: 'NASA18650' });
  core.stepBatch(rec.samples.subarray(0, 5000 * 4));
  return { image: core.saveState() };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function assertFresh(core: Core, code: number, kind: string): void {
  assert.ok(code > 0, `${kind}: refused`);
  const s = core.snapshot();
  assert.ok((s.flags! & Flag.RESTORE_FAILED) !== 0, `${kind}: RESTORE_FAILED raised`);
  assert.is(s.accepted, 0, `${kind}: fresh state`);
  assert.ok(allFinite(s), `${kind}: finite`);
  const restoreLog = core.logRecords().filter((r) => r.typeName === 'RESTORE');
  assert.is(restoreLog.length, 1, `${kind}: logged`);
  assert.is(restoreLog[0]!.b, code);
}

test('10,000 corrupted images (bit flips, truncations, foreign versions) are all refused with the fallback taken', () => {
  const { image } = sampleImage();
  const rnd = lcg(42);
  const counts = { flips: 0, truncations: 0, versions: 0 };
  const core = Core.create({ chemistry: 'NASA18650' });
  for (let k = 0; k < 10_000; k++) {
    const bad = image.slice();
    const kind = k % 3;
    let img = bad;
    if (kind === 0) {
      const flips = 1 + Math.floor(rnd() * 8);
      for (let f = 0; f < flips; f++) {
        const bit = Math.floor(rnd() * bad.length * 8);
        bad[bit >> 3]! ^= 1 << (bit & 7);
      }
      counts.flips++;
    } else if (kind === 1) {
      img = bad.subarray(0, Math.floor(rnd() * bad.length));
      counts.truncations++;
    } else {
      // a well-formed image of another layout or core version (CRC recomputed)
      const dv = new DataView(bad.buffer);
      const field = rnd() < 0.5 ? 8 : 12;
      dv.setUint32(field, dv.getUint32(field, true) + (1 + Math.floor(rnd() * 1000)) * 256, true); // another major.minor
      dv.setUint32(0, crc32(bad.subarray(4)), true);
      counts.versions++;
    }
    const code = core.restoreState(img, 'NASA18650');
    if (code === 0) assert.unreachable(`accepted a corrupted image (${['flip', 'truncation', 'version'][kind]}, case ${k})`);
    if (k % 1000 === 0) assertFresh(core, code, ['flip', 'truncation', 'version'][kind]!);
  }
  assert.equal(counts, { flips: 3334, truncations: 3333, versions: 3333 });
});

test('each refusal names its reason', () => {
  const { image } = sampleImage();
  const core = Core.create({ chemistry: 'NASA18650' });
  const flipped = image.slice();
  flipped[100]! ^= 1;
  assert.is(RESTORE_REASON[core.restoreState(flipped)], 'CRC mismatch');
  assert.is(RESTORE_REASON[core.restoreState(image.subarray(0, 6))], 'wrong length');
  const magic = image.slice();
  magic[4]! ^= 0x10;
  assert.is(RESTORE_REASON[core.restoreState(magic)], 'bad magic');
  assert.is(core.restoreState(image), 0, 'the intact image still restores afterwards');
});

test('a restored image carries every estimate and the log', () => {
  const src = Core.create({ chemistry: 'NASA18650' });
  src.stepBatch(rec.samples.subarray(0, 20000 * 4));
  const dst = Core.create({ chemistry: 'LFP' });
  assert.is(dst.restoreState(src.saveState()), 0);
  assert.equal(dst.snapshot(), src.snapshot());
  assert.equal(dst.logRecords(), src.logRecords());
});

test.run();
