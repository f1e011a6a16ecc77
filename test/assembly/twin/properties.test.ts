// Property tests (fast-check, fixed seed): for any valid scenario and any model, capacity never
// rises and resistance never falls while stepping, every output stays finite; arbitrary samples,
// garbage included, never trap the module.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { TwinCore, type ModelName } from '../../../host/twin/wasm.ts';
import { scenarioProfile, validateScenario, type Scenario } from '../../../host/twin/scenarios.ts';

const core = new TwinCore();
const MODELS: ModelName[] = ['lfp250', 'lfpSony', 'nmcKokam', 'nmcB1'];

const scenarioArb = fc
  .record({
    temp_degC: fc.double({ min: -10, max: 55, noNaN: true }),
    socLow: fc.double({ min: 0, max: 0.6, noNaN: true }),
    dod: fc.double({ min: 0.05, max: 0.4, noNaN: true }),
    chargeCrate: fc.double({ min: 0.1, max: 2, noNaN: true }),
    dischargeCrate: fc.double({ min: 0.1, max: 3, noNaN: true }),
    cyclesPerDay: fc.double({ min: 0.1, max: 3, noNaN: true }),
    restAt: fc.constantFrom<'low' | 'high'>('low', 'high'),
  })
  .map(
    (x): Scenario => ({
      name: 'prop',
      description: 'property',
      temp_degC: x.temp_degC,
      socLow: x.socLow,
      socHigh: x.socLow + x.dod,
      restAt: x.restAt,
      chargeCrate: x.chargeCrate,
      dischargeCrate: x.dischargeCrate,
      cyclesPerDay: x.cyclesPerDay,
    }),
  );

test('any valid scenario, any BLAST model: q non-increasing, r non-decreasing, all finite over 200 steps', () => {
  fc.assert(
    fc.property(scenarioArb, fc.constantFrom(...MODELS), (s, model) => {
      validateScenario(s);
      const p = scenarioProfile(s);
      core.reset(model);
      core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
      let q = core.q;
      let r = core.r;
      for (let i = 0; i < 200; i++) {
        core.step(1);
        const q2 = core.q;
        const r2 = core.r;
        if (!Number.isFinite(q2) || q2 > q + 1e-12) return false;
        if (r !== null && r2 !== null && (!Number.isFinite(r2) || r2 < r - 1e-12)) return false;
        q = q2;
        r = r2;
      }
      return true;
    }),
    { numRuns: 60, seed: 8 },
  );
});

test('arbitrary samples (NaN, infinities, huge, negative, repeated times) never trap and are counted', () => {
  const num = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 0));
  fc.assert(
    fc.property(fc.array(fc.tuple(num, num, num), { minLength: 0, maxLength: 40 }), fc.constantFrom(...MODELS, 'empirical' as ModelName), (samples, model) => {
      core.reset(model);
      try {
        const rejected = core.segmentFromSamples(samples.map((x) => x[0]), samples.map((x) => x[1]), samples.map((x) => x[2]));
        assert.ok(rejected <= samples.length);
        core.step(3);
      } catch (err) {
        // Only the typed refusal of a segment with < 2 valid samples is allowed.
        if (!(err instanceof Error && err.name === 'TwinError')) throw err;
      }
      return Number.isFinite(core.q);
    }),
    { numRuns: 300, seed: 8 },
  );
});

test.run();
