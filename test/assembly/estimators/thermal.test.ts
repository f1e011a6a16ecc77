// Thermal stress: Arrhenius-equivalent time, time-at-temperature histograms per mode, Annex VII time
// in (and charging in) extreme temperatures, all exact to the millisecond.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core } from '../../../host/core/core.ts';

test('an hour at 35 degC counts as 2.17 h at 25 degC for Ea = 59 kJ/mol (algorithms.md 4.1; tolerance 0.5 %)', () => {
  const core = Core.create({ chemistry: 'NMC' });
  for (let k = 0; k <= 360; k++) core.step(k * 10, 3.7, 0, 35);
  const s = core.snapshot();
  assert.is(s.time_s, 3600);
  assert.ok(Math.abs(s.eq_time_25C_s! / 3600 - 2.17) / 2.17 < 0.005, `${s.eq_time_25C_s! / 3600}`);
});

test('time above the extreme-high threshold, and charging there, are counted exactly', () => {
  const core = Core.create({ chemistry: 'NMC' }); // extreme high 45 degC
  let t = 0;
  core.step(t, 3.7, 0, 50);
  for (let k = 0; k < 60; k++) core.step((t += 10), 3.7, 0, 50); // 600 s resting hot
  for (let k = 0; k < 30; k++) core.step((t += 10), 3.9, -2, 50); // 300 s charging hot
  for (let k = 0; k < 30; k++) core.step((t += 10), 3.9, -2, 25); // 300 s charging normal
  const s = core.snapshot();
  assert.is(s.extreme_high_s, 900);
  assert.is(s.chg_extreme_high_s, 300);
  assert.is(s.extreme_low_s, 0);
  assert.is(s.time_s, 1200);
});

test('the time-at-temperature histograms add up to the observed time, per mode', () => {
  const core = Core.create({ chemistry: 'NMC' });
  let t = 0;
  core.step(t, 3.7, 0, -30);
  for (let k = 0; k < 100; k++) core.step((t += 7), 3.7, k < 50 ? 1 : -1, -30 + k);
  const th = core.region('THERMAL');
  const hist = th.temp_hist_ms as number[];
  assert.is(hist.reduce((a, b) => a + b, 0), 700_000);
  assert.ok(hist[0 * 18 + 0] === 0 && hist[2 * 18 + 0]! > 0, 'below -20 degC discharging lands in the underflow bin of mode 2');
  assert.is((th.soc_hist_ms as number[]).reduce((a, b) => a + b, 0), 700_000);
});

test.run();
