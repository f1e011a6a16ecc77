/**
 * state_restore checks the state, not only the CRC: an image whose CRC was recomputed over a NaN,
 * an infinity or an impossible value anywhere in the estimator state is refused with reason 6
 * (layout/param-ranges.ts RestoreReason.STATE) and the core starts afresh, finite. The host wrapper
 * reports the chemistry and parameter version the restored image carried, not the one it was created with.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag, RESTORE_REASON } from '../../../host/core/core.ts';
import { crc32 } from '../../../layout/crc32.ts';
import { REGION } from '../../../layout/core-layout.ts';
import { RestoreReason } from '../../../layout/param-ranges.ts';
import { buildParams } from '../../../layout/presets.ts';
import { stateFloatRuns } from '../../../scripts/gen-layout.ts';
import { TestCell, allFinite } from '../../helpers/cell.ts';

const SAVE = REGION.SAVE_HEADER!.base;
const at = (region: string, field: string): number => REGION[region]!.base + REGION[region]!.layout.fields[field]!.offset - SAVE;

function healthyImage(chemistry: 'NMC' | 'LFP' = 'NMC', version = 1): Uint8Array {
  const core = Core.create({ chemistry, version });
  const cell = new TestCell(chemistry, chemistry === 'NMC' ? 3.8 : 1.05, 0.03, 1);
  for (let c = 0; c < 3; c++) {
    while (cell.soc > 0.03) core.step(...cell.step(10, cell.capacity_Ah));
    for (let k = 0; k < 100; k++) core.step(...cell.step(60, 0));
    while (cell.soc < 0.99) core.step(...cell.step(10, -cell.capacity_Ah));
  }
  return core.saveState();
}

function recrc(image: Uint8Array): Uint8Array {
  new DataView(image.buffer, image.byteOffset).setUint32(0, crc32(image, 4), true);
  return image;
}

function restore(image: Uint8Array): { reason: number; core: Core } {
  const core = Core.create({ chemistry: 'NMC' });
  return { reason: core.restoreState(image), core };
}

test('a healthy image restores (reason 0)', () => {
  assert.is(restore(healthyImage()).reason, 0);
});

test('NaN or infinity in any float of the estimator state, CRC recomputed, is refused with reason 6 and a fresh finite core', () => {
  const runs = stateFloatRuns();
  assert.ok(runs.length > 40, `${runs.length} float runs checked`);
  const base = healthyImage();
  const accepted: string[] = [];
  for (const [addr, word, name] of runs) {
    const last = (word >> 1) - 1;
    for (const [k, bad] of [[0, NaN], [last, Infinity], [last, -Infinity]] as const) {
      const image = base.slice();
      const dv = new DataView(image.buffer);
      const off = addr - SAVE + k * (word & 1 ? 8 : 4);
      if (word & 1) dv.setFloat64(off, bad, true);
      else dv.setFloat32(off, bad, true);
      const { reason, core } = restore(recrc(image));
      if (reason !== RestoreReason.STATE) accepted.push(`${name}[${k}]=${bad}: reason ${reason}`);
      assert.ok((core.snapshot().flags ?? 0) & Flag.RESTORE_FAILED || reason === 0);
      assert.ok(allFinite(core.snapshot()), name);
    }
  }
  assert.equal(accepted, []);
  assert.is(RESTORE_REASON[RestoreReason.STATE], 'state value non-finite or out of range');
});

test('finite but impossible values (capacity outside its clamp, negative variance, SOC far outside 0..1, a rainflow depth past its stack, a log count past its ring) are refused', () => {
  const base = healthyImage();
  const cases: [string, (dv: DataView) => void][] = [
    ['capacity 0 Ah', (dv) => dv.setFloat64(at('CAPACITY', 'q_Ah'), 0, true)],
    ['capacity 1e6 Ah', (dv) => dv.setFloat64(at('CAPACITY', 'q_Ah'), 1e6, true)],
    ['negative capacity variance', (dv) => dv.setFloat64(at('CAPACITY', 'p_Ah2'), -1, true)],
    ['SOC 1e30', (dv) => dv.setFloat32(at('SOC', 'z'), 1e30, true)],
    ['negative SOC variance', (dv) => dv.setFloat32(at('SOC', 'anchor_sigma2'), -0.01, true)],
    ['rainflow depth 1e6', (dv) => dv.setUint32(at('RAINFLOW', 'depth'), 1e6, true)],
    ['log count 1000', (dv) => dv.setUint32(at('LOG_STATE', 'count'), 1000, true)],
  ];
  for (const [what, mutate] of cases) {
    const image = base.slice();
    mutate(new DataView(image.buffer));
    assert.is(restore(recrc(image)).reason, RestoreReason.STATE, what);
  }
});

test('the host wrapper reports the chemistry and parameter version the restored image carried', () => {
  const lfp = Core.create({ chemistry: 'LFP', version: 1 });
  assert.is(lfp.applyParams(buildParams('LFP', { version: 9 })), 0);
  const image = lfp.saveState();
  const core = Core.create({ chemistry: 'NMC' });
  assert.is(core.chemistry, 'NMC');
  assert.is(core.restoreState(image), 0);
  assert.is(core.chemistry, 'LFP');
  assert.is(core.paramsVersion, 9);
  // a refused image falls back to the preset the core was created with
  const bad = image.slice();
  bad[100]! ^= 1;
  assert.is(core.restoreState(bad), RestoreReason.CRC);
  assert.is(core.chemistry, 'NMC');
  assert.is(core.paramsVersion, 1);
});

test.run();
