import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { anodePotential_V, PackAgeing, powerStep, powerBStep, sigmoidStep } from '../../../host/sim/ageing.ts';

test('anode potential proxy matches the algorithms.md 6.1 test values within 0.5 mV', () => {
  const want: [number, number][] = [[0, 0.6844], [0.1, 0.2332], [0.2, 0.1805], [0.5, 0.1233], [0.8, 0.0943], [1, 0.0864]];
  for (const [soc, v] of want) assert.ok(Math.abs(anodePotential_V(soc) - v) < 5e-4, `Ua(${soc}) = ${anodePotential_V(soc)}, want ${v}`);
});

test('state laws stepped in pieces equal the closed form (equivalent-x re-evaluation), rel 1e-9', () => {
  let y = 0, yb = 0, ys = 0;
  for (let k = 0; k < 100; k++) {
    y = powerStep(y, 1.2e-3, 0.357, 3.65);
    yb = powerBStep(yb, 1.6e-5, 1.128, 3.65);
    ys = sigmoidStep(ys, 0.3, 1.3e-4, 0.53, 3.65);
  }
  const close = (a: number, b: number): boolean => Math.abs(a / b - 1) < 1e-9;
  assert.ok(close(y, 1.2e-3 * Math.pow(365, 0.357)), `power ${y}`);
  assert.ok(close(yb, Math.pow(1.6e-5 * 365, 1.128)), `power_B ${yb}`);
  assert.ok(close(ys, 2 * 0.3 * (0.5 - 1 / (1 + Math.exp(Math.pow(1.3e-4 * 365, 0.53))))), `sigmoid ${ys}`);
});

function storeOneYear(law: 'kokam-nmc' | 'sony-lfp', soc: number, temp_degC: number): PackAgeing {
  const a = new PackAgeing(law, 2, [1, 1]);
  const z = new Float64Array([soc, soc]);
  const t = new Float64Array([temp_degC, temp_degC]);
  for (let k = 0; k < 365 * 24; k++) a.observe(3600, z, t);
  return a;
}

test('Kokam NMC calendar fade at 25 degC, 50 % SOC after a year = q1 * 365^0.357 with q1 = 1.233e-3 (6.5 test vector), rel 1 %', () => {
  const a = storeOneYear('kokam-nmc', 0.5, 25);
  const want = 1.233e-3 * Math.pow(365, 0.357);
  assert.ok(Math.abs((1 - a.q[0]!) / want - 1) < 0.01, `loss ${1 - a.q[0]!}, want ${want}`);
  assert.ok(a.r[0]! > 1, 'resistance grows in storage');
});

test('Sony LFP calendar resistance growth at 25 degC, 50 % SOC is about +1.7 %/year (algorithms.md 3.5), abs 0.1 %', () => {
  const a = storeOneYear('sony-lfp', 0.5, 25);
  assert.ok(Math.abs(a.r[0]! - 1 - 0.0168) < 0.001, `r = ${a.r[0]}`);
  assert.ok(a.q[0]! < 1 && a.q[0]! > 0.95, `q = ${a.q[0]}`);
});

test('hotter and fuller storage ages faster (both laws)', () => {
  for (const law of ['kokam-nmc', 'sony-lfp'] as const) {
    const cool = storeOneYear(law, 0.5, 15), hot = storeOneYear(law, 0.5, 40), full = storeOneYear(law, 0.95, 15);
    assert.ok(hot.q[0]! < cool.q[0]!, `${law}: 40 degC q ${hot.q[0]} vs 15 degC ${cool.q[0]}`);
    assert.ok(full.q[0]! < cool.q[0]!, `${law}: 95 % SOC q ${full.q[0]} vs 50 % ${cool.q[0]}`);
  }
});

test('cycling adds fade on top of calendar ageing (Kokam); a degradation scalar s turns k x^p into k (s x)^p (ratio 2^0.357 in storage, rel 1 %)', () => {
  const run = (scalar: number, cycle: boolean): number => {
    const a = new PackAgeing('kokam-nmc', 1, [scalar]);
    const z = new Float64Array(1), t = new Float64Array([25]);
    for (let k = 0; k < 200 * 24; k++) {
      const h = k % 24; // one 0.8 DoD cycle per day: down 0.1 per hour for 8 h, up for 8 h
      z[0] = !cycle ? 0.5 : h < 8 ? 0.9 - 0.1 * h : h < 16 ? 0.1 + 0.1 * (h - 8) : 0.9;
      a.observe(3600, z, t);
    }
    return 1 - a.q[0]!;
  };
  assert.ok(run(1, true) > run(1, false) * 1.5, `cycling loss ${run(1, true)} vs storage ${run(1, false)}`);
  const ratio = run(2, false) / run(1, false);
  assert.ok(Math.abs(ratio / Math.pow(2, 0.357) - 1) < 0.01, `storage loss ratio with scalar 2: ${ratio}`);
});

test.run();
