// Bad input never breaks the core: NaN, infinities, time going backwards or standing still, huge
// gaps and impossible values are rejected or flagged and counted, and every estimate stays finite.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Core, Flag } from '../../../host/core/core.ts';
import { allFinite } from '../../helpers/cell.ts';

const weird = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324) },
);
const sample = fc.record({ dt: fc.oneof(fc.double({ min: -100, max: 1000, noNaN: true }), fc.constantFrom(NaN, Infinity, 0, -1e9, 1e9)), v: weird, i: weird, t: weird });

test('100,000 random hostile samples: no trap, state finite, every rejection counted', () => {
  const core = Core.create({ chemistry: 'NMC' });
  let t = 0;
  let nonfinite = 0;
  let offered = 0;
  fc.assert(
    fc.property(fc.array(sample, { minLength: 10, maxLength: 20 }), (batch) => {
      for (const s of batch) {
        t += s.dt;
        offered++;
        if (![t, s.v, s.i, s.t].every(Number.isFinite)) nonfinite++;
        const flags = core.step(t, s.v, s.i, s.t);
        if ((flags & Flag.REJECT_NONFINITE) !== 0 && [t, s.v, s.i, s.t].every(Number.isFinite)) return false;
        if (!Number.isFinite(t)) t = 0; // let time recover after an infinite step
      }
      return allFinite(core.snapshot());
    }),
    { numRuns: 10_000, seed: 1 },
  );
  const s = core.snapshot();
  assert.ok(offered >= 100_000, `${offered} samples`);
  assert.is(s.samples, offered);
  assert.is(core.region('GUARD').rejected_nonfinite, nonfinite);
  assert.ok(allFinite(s));
});

test('a clock that goes backwards is flagged, counted and not integrated', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(100, 3.7, 1, 25);
  core.step(110, 3.7, 1, 25);
  const f = core.step(50, 3.7, 1, 25);
  assert.ok(f & Flag.CLOCK_BACKWARDS);
  assert.ok(f & Flag.ACCEPTED, 'the sample resynchronises the clock');
  core.step(60, 3.7, 1, 25);
  const s = core.snapshot();
  assert.is(s.clock_backwards, 1);
  assert.ok(Math.abs(s.dis_Ah! - 20 / 3600) < 1e-12, 'only the two forward 10 s intervals count');
});

test('a duplicate time stamp is rejected and counted', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(1, 3.7, 1, 25);
  const f = core.step(1, 3.7, 1, 25);
  assert.not.ok(f & Flag.ACCEPTED);
  assert.ok(f & Flag.CLOCK_DUPLICATE);
  assert.is(core.snapshot().rejected, 1);
});

test('physically impossible values are rejected and logged once per power of two', () => {
  const core = Core.create({ chemistry: 'NMC' });
  for (let k = 0; k < 10; k++) assert.ok(core.step(k, 99, 0, 25) & Flag.REJECT_RANGE);
  const faults = core.logRecords().filter((r) => r.typeName === 'INPUT_FAULT');
  assert.equal(faults.map((r) => r.b), [1, 2, 4, 8]);
  assert.is(core.snapshot().rejected, 10);
});


test.run();
