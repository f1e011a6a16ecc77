import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cellChemistry, type CellChemistry } from '../../../host/sim/chemistry.ts';
import { Pack, type PackConfig } from '../../../host/sim/pack.ts';
import { Prng } from '../../../host/sim/prng.ts';

function pack(over: Partial<CellChemistry> = {}, n = 4, soc = 0.6): Pack {
  const chem = { ...cellChemistry('NMC'), selfDischarge_perMonth: 0, ...over };
  const cfg: PackConfig = {
    chem, seriesCells: n, ratedCapacity_Ah: 50, capacityFactor: 1,
    spread: { capacity: 0, resistance: 0, selfDischarge: 0, ageing: 0 }, initialSoc: soc, initialTemp_degC: 25, ageingScalar: 1,
  };
  return new Pack(cfg, new Prng(1));
}

test('coulomb counting: 30 min at 1 C discharges exactly 50 % of the capacity (rel 1e-9)', () => {
  const p = pack();
  for (let k = 0; k < 1800; k++) p.step(1, 50, 25);
  assert.ok(Math.abs(p.trueSoc() - 0.1) < 1e-9, `soc ${p.trueSoc()}`);
  // charging counts with the coulombic efficiency
  for (let k = 0; k < 1800; k++) p.step(1, -50, 25);
  assert.ok(Math.abs(p.trueSoc() - (0.1 + 0.5 * p.chem.chargeEfficiency)) < 1e-9, `soc ${p.trueSoc()}`);
});

test('a current step moves the terminal voltage by R0 + R1(1-e^-dt/tau1) + R2(1-e^-dt/tau2) times dI, beside the surface OCV change (rel 1e-6)', () => {
  const p = pack({ hystM_V: 0 });
  const v0 = p.v_V[0]!;
  const z0 = p.z[0]!;
  p.step(1, 25, 25);
  const c = p.chem;
  const dOcv = c.ocv.atSurface(p.z[0]!, p.dp[0]!, p.dn[0]!, p.temp_degC[0]!) - c.ocv.at(z0, 25);
  const want = 25 * (p.r0Now(0) + p.r1Now(0) * (1 - Math.exp(-1 / c.tau1_s)) + p.r2Now(0) * (1 - Math.exp(-1 / c.tau2_s)));
  assert.ok(Math.abs((v0 - p.v_V[0]! + dOcv) / want - 1) < 1e-6, `drop ${v0 - p.v_V[0]!} vs ${want}`);
});

test('after a discharge the rest voltage relaxes to OCV(z) on the discharge hysteresis branch (within 0.3 mV after 5 tau2)', () => {
  const p = pack();
  for (let k = 0; k < 60; k++) p.step(30, 25, 25);
  for (let k = 0; k < 50; k++) p.step(p.chem.tau2_s / 10, 0, 25);
  const want = p.chem.ocv.at(p.z[0]!, p.temp_degC[0]!) - p.chem.hystM_V;
  assert.ok(Math.abs(p.v_V[0]! - want) < 3e-4, `rest ${p.v_V[0]} vs ${want}`);
});

test('solid diffusion: under constant current the surface deficits settle at I/Q x R^2/(15 D) per electrode (rel 1 %: the cell warms meanwhile), and relax to 0 at rest', () => {
  const p = pack({}, 1, 0.8);
  for (let k = 0; k < 60; k++) p.step(10, 25, 25); // 10 min at 0.5 C: >> R^2/(pi^2 D) ~ 70 s (NMC)
  const c = p.chem, rate = 25 / (3600 * p.capacity_Ah(0));
  const t = p.temp_degC[0]!; // the deficits follow the cell temperature (Arrhenius D)
  assert.ok(Math.abs(p.dp[0]! / ((rate * p.diffPosNow_s(0)) / 15) - 1) < 0.01, `dp ${p.dp[0]} at ${t} degC`);
  assert.ok(Math.abs(p.dn[0]! / ((rate * p.diffNegNow_s(0)) / 15) - 1) < 0.01, `dn ${p.dn[0]}`);
  assert.ok(p.dp[0]! > 0.001 && p.dp[0]! < 0.02, `NMC111 deficit at 0.5 C ${p.dp[0]}`);
  for (let k = 0; k < 60; k++) p.step(60, 0, 25);
  assert.ok(Math.abs(p.dp[0]!) < 1e-6 && Math.abs(p.dn[0]!) < 1e-6, `relaxed ${p.dp[0]}, ${p.dn[0]}`);
  assert.ok(c.diffPos.r2OverD_s > 0);
});

test('thermal steady state under constant current: T - T_amb = I^2 (R0 + R1 + R2) tau / C (rel 1 %, Ea = 0)', () => {
  const p = pack({ r0Ea_J_per_mol: 0, r1Ea_J_per_mol: 0, r2Ea_J_per_mol: 0, thermalTau_s: 120, tau2_s: 60 }, 1, 0.9);
  const i = 25;
  for (let k = 0; k < 40; k++) p.step(30, i, 25); // 10 thermal and RC time constants; SOC stays above 15 %
  const c = p.chem, r = p.r0_25(0);
  const want = i * i * r * (1 + c.r1_frac + c.r2_frac) * c.thermalTau_s / (c.heatCapacity_JperKAh * p.q0_Ah[0]!);
  assert.ok(Math.abs((p.temp_degC[0]! - 25) / want - 1) < 0.01, `rise ${p.temp_degC[0]! - 25} vs ${want}`);
});

test('each resistance is Arrhenius in temperature: at 0 degC R0, R1, R2 grow by exp(Ea/Rg (1/273.15 - 1/298.15)) with Ea 17.1 / 45 / 17.1 kJ/mol (NMC, rel 1e-3)', () => {
  const p = pack({}, 1);
  for (let k = 0; k < 100; k++) p.step(3600, 0, 0);
  const f = (ea: number): number => Math.exp((ea / 8.314) * (1 / 273.15 - 1 / 298.15));
  const c = p.chem, r = p.r0_25(0);
  for (const [name, got, ea] of [['R0', p.r0Now(0) / r, 17100], ['R1', p.r1Now(0) / (r * c.r1_frac), 45000], ['R2', p.r2Now(0) / (r * c.r2_frac), 17100], ['R^2/D NMC111', p.diffPosNow_s(0) / c.diffPos.r2OverD_s, 15000], ['R^2/D graphite', p.diffNegNow_s(0) / c.diffNeg.r2OverD_s, 30000]] as const) {
    assert.ok(Math.abs(got / f(ea) - 1) < 1e-3, `${name} factor ${got} vs ${f(ea)}`);
  }
});

test('truth definitions: SOC = mean cell SOC, capacity = harmonic mean, R = mean cell R0 at 25 degC', () => {
  const chem = cellChemistry('LFP');
  const p = new Pack({ chem, seriesCells: 8, ratedCapacity_Ah: 100, capacityFactor: 1.02, spread: { capacity: 0.02, resistance: 0.05, selfDischarge: 0.3, ageing: 0.1 }, initialSoc: 0.5, initialTemp_degC: 25, ageingScalar: 1 }, new Prng(9));
  let h = 0, r = 0, z = 0;
  for (let i = 0; i < 8; i++) { h += 1 / p.capacity_Ah(i); r += p.r0_25(i); z += p.z[i]!; }
  assert.ok(Math.abs(p.trueCapacity_Ah() - 8 / h) < 1e-12);
  assert.ok(Math.abs(p.trueResistance_ohm() - r / 8) < 1e-15);
  assert.ok(Math.abs(p.trueSoc() - z / 8) < 1e-15);
  assert.ok(new Set(Array.from(p.q0_Ah)).size === 8, 'cells differ in capacity');
});

test.run();
