// The §6.6 reference outputs of BLAST-Lite (fresh cell, repeated 1-min profiles) and the §6.3/§6.4
// worked examples, reproduced by the WASM twin. Acceptance tolerance 5 % (issue 8).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TwinCore, type ModelName } from '../../../host/twin/wasm.ts';
import { NAMED_SCENARIOS, scenarioProfile, periodDays } from '../../../host/twin/scenarios.ts';
import { closeRel } from './close.ts';

const core = new TwinCore();
const TOL = 0.05;

function useScenario(name: string): number {
  const s = NAMED_SCENARIOS[name]!;
  const p = scenarioProfile(s);
  core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
  return periodDays(s);
}

function freshCrossings(model: ModelName, scenario: string, years: number) {
  core.reset(model);
  const period = useScenario(scenario);
  return core.project((years * 365) / period, [0.8, 0.6]).crossings;
}

// [model, scenario, years to 0.8, EFC to 0.8 or null, years to 0.6 or null (= beyond 60 y)]
const TABLE: [ModelName, string, number, number | null, number | null][] = [
  ['lfp250', 'storage-25', 23.0, 6721, 56.9],
  ['lfp250', 'storage-35', 22.0, null, 58.2],
  ['lfp250', 'ups-35', 29.4, null, null],
  ['lfpSony', 'storage-25', 19.5, null, 51.6],
  ['lfpSony', 'storage-35', 12.2, null, 35.5],
  ['lfpSony', 'ups-25', 25.7, null, null],
  ['lfpSony', 'ups-35', 10.5, null, null],
  ['nmcKokam', 'storage-25', 18.9, null, 20.6],
  ['nmcKokam', 'storage-35', 8.2, null, 23.0],
  ['nmcKokam', 'ups-25', 36.6, null, null],
  ['nmcKokam', 'ups-35', 5.6, null, 34.9],
  ['nmcB1', 'storage-25', 11.0, 3201, 33.0],
  ['nmcB1', 'storage-35', 6.6, null, 19.5],
  ['nmcB1', 'ups-25', 7.5, null, 20.3],
  ['nmcB1', 'ups-35', 4.3, null, 11.5],
];

for (const [model, scenario, y80, efc80, y60] of TABLE) {
  test(`§6.6 ${model} ${scenario}: years (and EFC) to q < 0.8 and 0.6 within 5 %`, () => {
    const [c80, c60] = freshCrossings(model, scenario, 60);
    assert.ok(c80!.days !== null, 'q < 0.8 reached');
    closeRel(c80!.days! / 365, y80, TOL, 'years to 0.8');
    if (efc80 !== null) closeRel(c80!.efc!, efc80, TOL, 'EFC to 0.8');
    if (y60 === null) assert.is(c60!.days, null, 'q stays above 0.6 for 60 years');
    else closeRel(c60!.days! / 365, y60, TOL, 'years to 0.6');
  });
}

test('§6.6 LFP 250Ah UPS 25 degC: q(10 y) = 0.934 within 0.5 %, and q stays above 0.8 for 60 years', () => {
  core.reset('lfp250');
  const period = useScenario('ups-25');
  core.step(Math.round((10 * 365) / period));
  closeRel(core.q, 0.934, 0.005, 'q(10 y)');
  const [c80] = freshCrossings('lfp250', 'ups-25', 60);
  assert.is(c80!.days, null, '> 60 years to 0.8');
});

test('§6.3 LFP 250Ah storage 25 degC: q(10 y) = 0.893 within 0.5 %', () => {
  core.reset('lfp250');
  useScenario('storage-25');
  core.step(3650);
  closeRel(core.q, 0.893, 0.005, 'q(10 y)');
});

test('§6.4 Sony storage 25 degC: q1, q3, q5 averages and the 10-year split, q and r within 1 %', () => {
  core.reset('lfpSony');
  useScenario('storage-25');
  const r = core.rates();
  closeRel(r[0]!, 0.297, 0.01, 'q1');
  closeRel(r[1]!, 0.532, 0.01, 'q3');
  closeRel(r[2]!, 1.607e-5, 0.01, 'q5');
  core.step(3650);
  closeRel(core.state(0), 0.0965, 0.01, 'calendar loss');
  closeRel(core.state(1), 0.0317, 0.01, 'cycling loss');
  closeRel(core.q, 0.872, 0.01, 'q');
  closeRel(core.r!, 1.236, 0.01, 'r');
});

// Second life: EV first life at 25 °C until q < 0.8, then the second-life profile until q < 0.6.
// [model, first-life years, storage-25 (+years, +EFC), ups-35 (+years, +EFC or null)]
const SECOND: [ModelName, number, [number, number], [number, number]][] = [
  ['nmcB1', 9.6, [20.7, 4832], [7.2, 151]],
  ['lfpSony', 29.8, [49.4, 11530], [68.9, 1438]],
  ['nmcKokam', 56.4, [2.1, 500], [23.8, 496]],
  ['lfp250', 45.0, [43.6, 10182], [60.2, 1256]],
];

for (const [model, firstYears, storage, ups] of SECOND) {
  test(`§6.6 second life ${model}: EV first life to 0.8, then storage-25 and ups-35 to 0.6 within 5 %`, () => {
    for (const [scenario, [years, efc]] of [['storage-25', storage], ['ups-35', ups]] as const) {
      core.reset(model);
      useScenario('ev');
      const first = core.project(100 * 365, [0.8]).crossings[0]!;
      closeRel(first.days! / 365, firstYears, TOL, 'first-life years');
      const d0 = core.days;
      const e0 = core.efc;
      const period = useScenario(scenario);
      const c = core.project((100 * 365) / period, [0.6]).crossings[0]!;
      assert.ok(c.days !== null, `${scenario} reaches 0.6`);
      closeRel((c.days! - d0) / 365, years, TOL, `${scenario} added years`);
      closeRel(c.efc! - e0, efc, TOL, `${scenario} added EFC`);
    }
  });
}

test('§6.6 B1 first life splits the fade into calendar 0.186 and cycling 0.014 (±0.005 absolute)', () => {
  core.reset('nmcB1');
  useScenario('ev');
  core.project(100 * 365, [0.8]);
  assert.ok(Math.abs(core.state(0) - 0.186) <= 0.005, `calendar ${core.state(0)}`);
  assert.ok(Math.abs(core.state(1) - 0.014) <= 0.005, `cycling ${core.state(1)}`);
});

test.run();
