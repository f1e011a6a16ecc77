// Scenario profiles: the §6.6 named profiles have the throughput, DoD and time-averaged C-rate the
// reference states, and malformed scenario files are refused with BAD_SCENARIO naming the field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAMED_SCENARIOS, scenarioProfile, loadScenario, validateScenario, periodDays, type Scenario } from '../../../host/twin/scenarios.ts';
import { TwinCore } from '../../../host/twin/wasm.ts';
import { TwinError } from '../../../host/twin/errors.ts';

const core = new TwinCore();

function stressors(name: string) {
  const p = scenarioProfile(NAMED_SCENARIOS[name]!);
  core.reset('lfp250');
  core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
  return core.segment();
}

test('storage: 1 day, 0.8 EFC, DoD 0.8, C-rate 0.8/12 per h averaged over the day (tolerance 1 %)', () => {
  const s = stressors('storage-25');
  assert.ok(Math.abs(s.dtDays - 1) < 1e-9);
  assert.ok(Math.abs(s.dEfc - 0.8) < 0.008);
  assert.ok(Math.abs(s.dod - 0.8) < 1e-9);
  assert.ok(Math.abs(s.crate - 0.8 / 12) / (0.8 / 12) < 0.01, `crate ${s.crate}`);
});

test('UPS: 1 week, 0.5 EFC, DoD 0.5, rests at 100 % (mean SOC above 0.95)', () => {
  const s = stressors('ups-35');
  assert.ok(Math.abs(s.dtDays - 7) < 1e-9);
  assert.ok(Math.abs(s.dEfc - 0.5) < 0.005);
  assert.ok(Math.abs(s.dod - 0.5) < 1e-9);
  assert.ok(s.socMean > 0.95, `mean SOC ${s.socMean}`);
  assert.is(periodDays(NAMED_SCENARIOS['ups-35']!), 7);
});

test('EV: 0.3 EFC per day between 60 and 90 %', () => {
  const s = stressors('ev');
  assert.ok(Math.abs(s.dEfc - 0.3) < 0.003);
  assert.ok(Math.abs(s.dod - 0.3) < 1e-9);
});

test('a scenario file overrides the defaults; bad fields are refused with BAD_SCENARIO', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scn-'));
  const ok = join(dir, 'ok.json');
  writeFileSync(ok, JSON.stringify({ temp_degC: 30, socHigh: 0.8, socLow: 0.2, chargeCrate: 0.5, dischargeCrate: 1, cyclesPerDay: 2 }));
  const s = loadScenario(ok);
  assert.is(s.restAt, 'low');
  assert.is(s.temp_degC, 30);
  const bad: [Partial<Scenario>, RegExp][] = [
    [{ temp_degC: 200 }, /temp_degC/],
    [{ socLow: 0.9 }, /socLow < socHigh/],
    [{ cyclesPerDay: 0 }, /cyclesPerDay/],
    [{ chargeCrate: 0.01, cyclesPerDay: 24 }, /does not fit/],
  ];
  for (const [patch, re] of bad) {
    try {
      validateScenario({ ...s, ...patch });
      assert.unreachable(JSON.stringify(patch));
    } catch (err) {
      assert.instance(err, TwinError);
      assert.is((err as TwinError).code, 'BAD_SCENARIO');
      assert.match((err as Error).message, re);
    }
  }
  writeFileSync(join(dir, 'broken.json'), '{ not json');
  assert.throws(() => loadScenario(join(dir, 'broken.json')), (e: unknown) => e instanceof TwinError && e.code === 'BAD_SCENARIO');
});

test.run();
