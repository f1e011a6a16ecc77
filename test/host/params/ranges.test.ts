/**
 * The host's restatement of the core's range checks (host/params/ranges.ts) gives the core's verdict:
 * random edits of a valid block (boundary values, NaN/inf, random bit patterns in random fields),
 * CRC recomputed and version newer, are applied to a core and checked on the host; both must agree.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Core } from '../../../host/core/core.ts';
import { buildParams, CHEMISTRIES } from '../../../layout/presets.ts';
import { PARAMS_SIZE } from '../../../layout/core-layout.ts';
import { checkParamsBlock } from '../../../host/params/check.ts';
import { rangeViolations, wordName } from '../../../host/params/ranges.ts';
import { recrc } from './mutations.ts';

const F32_EDGES = [0, -0, 1e-45, 0.0009, 0.001, 0.0011, 0.3, 0.5, 0.50001, 0.9999, 1, 1.0001, 2, 3.7, 1000, 1024, 1025, 99999, 100000, 1e6, -1, -1e-3, NaN, Infinity, -Infinity];
const U32_EDGES = [0, 1, 2, 999, 1000, 1001, 1023, 1024, 1025, 0x7f800000, 0x7fc00000, 0xffffffff];

const edit = fc.record({
  word: fc.integer({ min: 5, max: PARAMS_SIZE / 4 - 2 }), // body words after the header (series_cells on), before the end marker
  value: fc.oneof(
    fc.record({ f32: fc.constantFrom(...F32_EDGES) }),
    fc.record({ u32: fc.constantFrom(...U32_EDGES) }),
    fc.record({ u32: fc.integer({ min: 0, max: 0xffffffff }) }),
    fc.record({ scale: fc.double({ min: -2, max: 2, noNaN: true }) }),
  ),
});

test('host range check and core agree on 2,000 randomly edited blocks (CRC recomputed, version newer)', () => {
  const core = Core.create({ chemistry: 'NMC', version: 1 });
  let version = 1;
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(fc.constantFrom(...CHEMISTRIES), fc.array(edit, { minLength: 1, maxLength: 3 }), (chem, edits) => {
      const block = buildParams(chem, { version: ++version });
      const dv = new DataView(block.buffer);
      for (const e of edits) {
        const at = e.word * 4;
        if ('f32' in e.value) dv.setFloat32(at, e.value.f32, true);
        else if ('u32' in e.value) dv.setUint32(at, e.value.u32, true);
        else dv.setFloat32(at, dv.getFloat32(at, true) * e.value.scale, true);
      }
      recrc(block);
      const host = rangeViolations(block);
      const coreReason = core.applyParams(block);
      const where = edits.map((e) => `${wordName(e.word * 4)}=${JSON.stringify(e.value)}`).join(', ');
      assert.is(coreReason, host.length ? 5 : 0, `${chem} ${where}: host says ${host.join('; ') || 'ok'}`);
      assert.is(checkParamsBlock(block).reason, coreReason);
      if (coreReason === 0) accepted++;
      else refused++;
    }),
    { numRuns: 2000, seed: 42 },
  );
  assert.ok(accepted > 200 && refused > 200, `both verdicts exercised: ${accepted} accepted, ${refused} refused`);
});

test('every preset, as built, is in range', () => {
  for (const chem of CHEMISTRIES) assert.equal(rangeViolations(buildParams(chem)), [], chem);
});

test.run();
