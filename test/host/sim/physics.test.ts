/**
 * The simulated cell is an independent model (issue 12): its OCV comes from another source than the
 * core's presets and depends on temperature, its hysteresis is wider than the preset assumes, its
 * delivered capacity depends on rate and temperature, and the pack has sensor error, self-discharge
 * and cell-to-cell spread. Each property is measured here against the number its source gives.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { cellChemistry } from '../../../host/sim/chemistry.ts';
import { LFP_GRAPHITE, NMC111_GRAPHITE } from '../../../host/sim/ocv.ts';
import { Pack } from '../../../host/sim/pack.ts';
import { Prng } from '../../../host/sim/prng.ts';
import { Sensors, DEFAULT_SENSOR } from '../../../host/sim/sensor.ts';
import { defaultConfig, Simulation, type SimChemistry } from '../../../host/sim/simulation.ts';
import { makeProfile } from '../../../host/sim/profiles/index.ts';
import { presetValues } from '../../../layout/presets.ts';

const presetOcv = (chem: SimChemistry, soc: number): number => {
  const v = presetValues(chem);
  const x = soc * 20, i = Math.min(19, Math.floor(x));
  return v[`ocv_V.${i}`]! + (v[`ocv_V.${i + 1}`]! - v[`ocv_V.${i}`]!) * (x - i);
};

test('no simulator cell-model file reads the core presets (host/sim ocv, chemistry, pack, ageing)', () => {
  for (const f of ['ocv', 'chemistry', 'pack', 'ageing']) {
    const src = readFileSync(`host/sim/${f}.ts`, 'utf8');
    assert.not.match(src, /from '[^']*layout\/presets/, `host/sim/${f}.ts imports the presets`);
  }
});

test('OCV differs from the preset table by a measurable amount over 10-90 % SOC: NMC >= 50 mV, LFP >= 15 mV at worst', () => {
  for (const [chem, min] of [['NMC', 0.05], ['LFP', 0.015]] as const) {
    const ocv = cellChemistry(chem).ocv;
    let worst = 0;
    for (let s = 0.1; s <= 0.9001; s += 0.01) worst = Math.max(worst, Math.abs(ocv.at(s, 25) - presetOcv(chem, s)));
    assert.ok(worst >= min, `${chem}: largest difference ${(worst * 1000).toFixed(1)} mV`);
  }
});

test('OCV rises monotonically with SOC and spans the BPX cells voltage windows (NMC 2.7-4.2 V, LFP 2.0-3.65 V, within 10 mV)', () => {
  for (const [chem, lo, hi] of [['NMC', 2.7, 4.2], ['LFP', 2.0, 3.65]] as const) {
    const ocv = cellChemistry(chem).ocv;
    for (let k = 1; k <= 1000; k++) assert.ok(ocv.at(k / 1000) > ocv.at((k - 1) / 1000), `${chem} not rising at ${k / 1000}`);
    assert.ok(Math.abs(ocv.at(0) - lo) < 0.01 && Math.abs(ocv.at(1) - hi) < 0.01, `${chem}: ${ocv.at(0)}..${ocv.at(1)} V`);
  }
});

test('entropic term: OCV(T) - OCV(25) = (T - 25)(dUp/dT(y) - dUn/dT(x)) of the sources; NMC OCV falls with temperature at every SOC', () => {
  for (const [chem, pair] of [['NMC', NMC111_GRAPHITE], ['LFP', LFP_GRAPHITE]] as const) {
    const ocv = cellChemistry(chem).ocv;
    for (const s of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const x = pair.xMin + s * (pair.xMax - pair.xMin), y = pair.yMax - s * (pair.yMax - pair.yMin);
      const want = 20 * (pair.dupdT(y) - pair.dundT(x));
      assert.ok(Math.abs(ocv.at(s, 45) - ocv.at(s, 25) - want) < 2e-5, `${chem} at ${s}: ${ocv.at(s, 45) - ocv.at(s, 25)} vs ${want}`);
    }
  }
  const nmc = cellChemistry('NMC').ocv;
  for (let s = 0; s <= 1.0001; s += 0.05) assert.ok(nmc.entropic_VperK(s) < 0, `NMC dU/dT at ${s} = ${nmc.entropic_VperK(s)}`);
  // magnitude check against the sources: NMC111 -0.1 mV/K minus graphite at x = 0.38 (-0.013 mV/K)
  assert.ok(Math.abs(nmc.entropic_VperK(0.5) * 1000 - (-0.1 - (-0.1112 * 0.3809 + 0.02914 + 0.3561 * Math.exp(-((0.3809 - 0.08309) ** 2) / 0.004616)))) < 0.002);
});

test('hysteresis half-width differs from the preset: LFP 12.5 mV vs preset 10 mV; rest voltage after charge minus after discharge = 2 M (0.5 mV)', () => {
  const chem = cellChemistry('LFP');
  assert.ok(Math.abs(chem.hystM_V - presetValues('LFP').ocv_hysteresis_V!) >= 0.002, `sim ${chem.hystM_V} vs preset ${presetValues('LFP').ocv_hysteresis_V}`);
  const rested = (sign: number): number => {
    const p = new Pack({ chem: { ...chem, selfDischarge_perMonth: 0 }, seriesCells: 1, ratedCapacity_Ah: 100, capacityFactor: 1, spread: { capacity: 0, resistance: 0, selfDischarge: 0, ageing: 0 }, initialSoc: 0.5 - 0.1 * sign, initialTemp_degC: 25, ageingScalar: 1 }, new Prng(1));
    for (let k = 0; k < 60; k++) p.step(60, -sign * 20, 25); // 20 % SOC in 1 h: the hysteresis state saturates (1 - e^-6)
    for (let k = 0; k < 40; k++) p.step(600, 0, 25);
    return p.v_V[0]! - chem.ocv.at(p.z[0]!, p.temp_degC[0]!);
  };
  const gap = rested(1) - rested(-1);
  assert.ok(Math.abs(gap - 2 * chem.hystM_V) < 5e-4, `gap ${(gap * 1000).toFixed(2)} mV`);
});

/** Capacity measured by one reference test of a 1-cell pack at a fixed ambient and rate. */
function referenceCapacity(chemistry: SimChemistry, ambient_degC: number, rate_C: number): number {
  const cfg = defaultConfig({ chemistry, seriesCells: 1, ratedCapacity_Ah: 10, ambient: { mean_degC: ambient_degC, dailyAmp_degC: 0, seasonalAmp_degC: 0 } });
  cfg.spread = { capacity: 0, resistance: 0, selfDischarge: 0, ageing: 0 };
  cfg.sensor = { ...DEFAULT_SENSOR, currentGain: 0, currentOffset_C: 0 };
  const sim = new Simulation(cfg, makeProfile('rest', { referenceDays: 10, referenceRate_C: rate_C }));
  sim.advanceTo(86400);
  assert.is(sim.references.length, 1, `${chemistry} ${ambient_degC} degC ${rate_C} C: one reference test`);
  return sim.references[0]!.measured_capacity_Ah;
}

test('delivered capacity depends on rate: 1 C delivers >= 0.5 % less than 0.2 C at 25 degC (NMC and LFP); 0.2 C never exceeds the charge capacity', () => {
  for (const chem of ['NMC', 'LFP'] as const) {
    const slow = referenceCapacity(chem, 25, 0.2), fast = referenceCapacity(chem, 25, 1);
    assert.ok(fast < 0.995 * slow, `${chem}: 1 C ${fast.toFixed(3)} Ah, 0.2 C ${slow.toFixed(3)} Ah`);
    assert.ok(slow < 10.001, `${chem}: 0.2 C ${slow} Ah of a 10 Ah cell`);
  }
});

test('delivered capacity depends on temperature: 0.5 C at 5 degC delivers >= 0.5 % less than at 25 degC (Arrhenius resistances and diffusivities)', () => {
  for (const chem of ['NMC', 'LFP'] as const) {
    const cold = referenceCapacity(chem, 5, 0.5), warm = referenceCapacity(chem, 25, 0.5);
    assert.ok(cold < 0.995 * warm, `${chem}: 5 degC ${cold.toFixed(3)} Ah, 25 degC ${warm.toFixed(3)} Ah`);
  }
});

test('cell-to-cell spread: 32 cells with 1 % capacity / 4 % resistance / 30 % self-discharge spread show relative SDs of 0.5-1.5 % / 2-6 % / 15-45 %', () => {
  const p = new Pack({ chem: cellChemistry('NMC'), seriesCells: 32, ratedCapacity_Ah: 50, capacityFactor: 1, spread: { capacity: 0.01, resistance: 0.04, selfDischarge: 0.3, ageing: 0.1 }, initialSoc: 0.5, initialTemp_degC: 25, ageingScalar: 1 }, new Prng(3));
  const rsd = (a: ArrayLike<number>): number => {
    const xs = Array.from(a), m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) / m;
  };
  const q = rsd(p.q0_Ah), r = rsd(p.r0bol_ohm), sd = rsd(p.sdRate_perS);
  assert.ok(q > 0.005 && q < 0.015, `capacity RSD ${q}`);
  assert.ok(r > 0.02 && r < 0.06, `resistance RSD ${r}`);
  assert.ok(sd > 0.15 && sd < 0.45, `self-discharge RSD ${sd}`);
});

test('self-discharge: 30 days open circuit lose the chemistry\'s monthly rate of SOC (NMC 2 %, LFP 1.5 %, rel 1 %)', () => {
  for (const chem of ['NMC', 'LFP'] as const) {
    const c = cellChemistry(chem);
    const p = new Pack({ chem: c, seriesCells: 2, ratedCapacity_Ah: 50, capacityFactor: 1, spread: { capacity: 0, resistance: 0, selfDischarge: 0, ageing: 0 }, initialSoc: 0.5, initialTemp_degC: 25, ageingScalar: 0 }, new Prng(1));
    for (let k = 0; k < 30 * 24; k++) p.step(3600, 0, 25);
    const lost = 0.5 - p.trueSoc();
    assert.ok(Math.abs(lost / c.selfDischarge_perMonth - 1) < 0.01, `${chem}: lost ${lost}`);
  }
});

test('current sensor: a fixed gain and offset per unit (reading = I (1 + g) + o), |g| <= 0.2 %, |o| <= 0.05 % of C, both non-zero', () => {
  const spec = { ...DEFAULT_SENSOR, currentNoise_C: 0, currentQuant_A: 0 };
  const p = new Pack({ chem: cellChemistry('NMC'), seriesCells: 1, ratedCapacity_Ah: 100, capacityFactor: 1, spread: { capacity: 0, resistance: 0, selfDischarge: 0, ageing: 0 }, initialSoc: 0.5, initialTemp_degC: 25, ageingScalar: 1 }, new Prng(1));
  const s = new Sensors(spec, 1, 100, new Prng(5));
  const o = s.read(p, 0).current_A;
  const g = (s.read(p, 100).current_A - o) / 100 - 1;
  assert.ok(o !== 0 && Math.abs(o) <= 0.05, `offset ${o} A`);
  assert.ok(g !== 0 && Math.abs(g) <= 0.002, `gain error ${g}`);
});

test.run();
