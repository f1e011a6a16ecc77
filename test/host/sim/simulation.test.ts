import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { defaultConfig, Simulation, type SimConfig } from '../../../host/sim/simulation.ts';
import { makeProfile } from '../../../host/sim/profiles/index.ts';
import { ArraySink, csvHeader, CsvSink } from '../../../host/sim/sinks.ts';
import { DEFAULT_SENSOR } from '../../../host/sim/sensor.ts';
import { parseFault } from '../../../host/sim/faults.ts';

const DAY = 86400;

function ideal(over: Partial<SimConfig> = {}): SimConfig {
  const c = defaultConfig(over);
  c.sensor = { ...DEFAULT_SENSOR, cellNoise_V: 0, cellOffset_V: 0, currentGain: 0, currentOffset_C: 0, currentNoise_C: 0, tempNoise_degC: 0 };
  c.sampling = { ...c.sampling, jitter_s: 0, dropout: 0, outagesPerDay: 0 };
  return c;
}

function run(cfg: SimConfig, profile: string, days: number): { sim: Simulation; sink: ArraySink } {
  const sim = new Simulation(cfg, makeProfile(profile, { driveFile: 'fixtures/profiles/urban-highway.csv' }));
  const sink = new ArraySink();
  sim.sink = sink;
  sim.advanceTo(days * DAY);
  return { sim, sink };
}

function csvOf(seed: number): string {
  const cfg = defaultConfig({ seed, seriesCells: 8 });
  const sim = new Simulation(cfg, makeProfile('partial'));
  let text = '';
  const sink = new CsvSink((c) => (text += c), csvHeader({ chemistry: 'NMC', rated_Ah: 50, seriesCells: 8, extra: { seed } }));
  sim.sink = sink;
  sim.advanceTo(3 * DAY);
  sink.close();
  return text;
}

test('same seed, same recording byte for byte; another seed, another recording', () => {
  const a = csvOf(42), b = csvOf(42), c = csvOf(43);
  const h = (s: string): string => createHash('sha256').update(s).digest('hex');
  assert.ok(a.length > 100_000, `recording of ${a.length} chars`);
  assert.is(h(a), h(b));
  assert.is.not(h(a), h(c));
});

test('logging rule: every current step of >= 0.2 C has a sample at most 2.2 s before it (>= 99 % of steps; dropouts excepted)', () => {
  const { sink } = run(defaultConfig({ seed: 5 }), 'partial', 20);
  let steps = 0, close = 0;
  const s = sink.samples;
  for (let k = 1; k < sink.n; k++) {
    if (Math.abs(s[4 * k + 2]! - s[4 * (k - 1) + 2]!) < 0.2 * 50) continue;
    steps++;
    if (s[4 * k]! - s[4 * (k - 1)]! <= 2.2) close++;
  }
  assert.ok(steps > 200, `${steps} steps in 20 days`);
  assert.ok(close / steps >= 0.99, `${close} of ${steps} steps sampled closely`);
});

test('jitter and dropouts: intervals are not all equal and some samples are lost; an ideal logger loses none', () => {
  const noisy = run(defaultConfig({ seed: 2 }), 'partial', 30);
  const s = noisy.sink.samples;
  const dts = new Set<string>();
  for (let k = 1; k < 200; k++) dts.add((s[4 * k]! - s[4 * (k - 1)]!).toFixed(3));
  assert.ok(dts.size > 20, `${dts.size} distinct intervals`);
  assert.ok(noisy.sim.dropped > 0, 'some samples dropped');
  const clean = run(ideal({ seed: 2 }), 'partial', 5);
  assert.is(clean.sim.dropped, 0);
  assert.is(clean.sim.samples, clean.sim.steps);
});

test('partial cycles: SOC windows vary, full charges are rare (days pass without one), SOC stays inside 5..100 %', () => {
  const { sink } = run(ideal({ seed: 11 }), 'partial', 60);
  let lo = 1, hi = 0;
  const fullDays = new Set<number>();
  for (let k = 0; k < sink.n; k++) {
    const z = sink.soc[k]!;
    lo = Math.min(lo, z); hi = Math.max(hi, z);
    if (z > 0.97) fullDays.add(Math.floor(sink.samples[4 * k]! / DAY));
  }
  assert.ok(lo > 0.05 && hi <= 1.0, `SOC range ${lo}..${hi}`);
  assert.ok(lo < 0.2 && hi > 0.9, `windows reach ${lo}..${hi}`);
  assert.ok(fullDays.size >= 1 && fullDays.size < 30, `${fullDays.size} of 60 days with a full charge`);
});

test('storage profile: charges only between 08:00 and 16:00 and discharges only from 18:00 to 07:00 (ideal sensors)', () => {
  const { sink } = run(ideal({ seed: 3 }), 'storage', 10);
  let chg = 0, dis = 0;
  for (let k = 0; k < sink.n; k++) {
    const hour = (sink.samples[4 * k]! % DAY) / 3600;
    const i = sink.samples[4 * k + 2]!;
    if (i < -0.5) { chg++; assert.ok(hour >= 8 && hour <= 16.01, `charge at ${hour} h`); }
    if (i > 0.5) { dis++; assert.ok(hour >= 18 || hour <= 7.01, `discharge at ${hour} h`); }
  }
  assert.ok(chg > 100 && dis > 100, `${chg} charge and ${dis} discharge samples`);
});

test('drive profile from a file: 1 s samples during trips with regenerative (negative) current; CC-CV charge ends at the taper', () => {
  const { sink, sim } = run(ideal({ seed: 4 }), 'drive', 3);
  let regen = 0, fast = 0;
  for (let k = 1; k < sink.n; k++) {
    if (sink.samples[4 * k + 2]! < -5 && (sink.samples[4 * k]! % DAY) / 3600 < 20) regen++;
    if (sink.samples[4 * k]! - sink.samples[4 * (k - 1)]! <= 1.001) fast++;
  }
  assert.ok(regen > 50, `${regen} regenerative samples`);
  assert.ok(fast > 3000, `${fast} 1-s samples`);
  assert.ok(sim.firmware.trips === 0, 'no protection trip in normal driving');
});

test('CC-CV charge: ends with the mean cell at the charge voltage, current below C/20 and the pack above 98 % SOC', () => {
  const { sim, sink } = run(ideal({ seed: 1, initialSoc: 0.3, seriesCells: 8 }), 'cccv', 0.6);
  let last = -1;
  for (let k = 0; k < sink.n; k++) if (sink.samples[4 * k + 2]! < 0) last = k;
  assert.ok(last > 0, 'charged');
  const cellV = sink.samples[4 * last + 1]! / 8;
  assert.ok(Math.abs(cellV - 4.2) < 0.003, `cell at ${cellV} V`);
  assert.ok(-sink.samples[4 * last + 2]! <= 0.05 * 50, `last charge current ${sink.samples[4 * last + 2]}`);
  assert.ok(sim.pack.trueSoc() > 0.98, `SOC ${sim.pack.trueSoc()}`);
});

test('passive balancing narrows the SOC spread of a pack resting near full', () => {
  const cfg = ideal({ seed: 8, initialSoc: 0.95, seriesCells: 8 });
  const sim = new Simulation(cfg, makeProfile('rest'));
  sim.pack.z[2] = 0.99;
  sim.pack.z[5] = 0.985;
  const before = sim.pack.maxSoc() - sim.pack.minSoc();
  sim.advanceTo(3 * DAY);
  const after = sim.pack.maxSoc() - sim.pack.minSoc();
  assert.ok(after < before / 3, `spread ${before} -> ${after}`);
});

test('fault: an overheating cell trips the over-temperature protection and the FETs stop the discharge', () => {
  const cfg = defaultConfig({ seed: 1, faults: [parseFault('overheat:cell=0,at=600,W=40')] });
  const { sim } = run(cfg, 'cc', 2 / 24);
  assert.ok(sim.firmware.active.has('discharge_overtemperature'), [...sim.firmware.active].join(','));
  assert.is(sim.firmware.dischargeAllowed, false);
  assert.ok(sim.pack.temp_degC[0]! >= 60, `cell 0 at ${sim.pack.temp_degC[0]} degC`);
  assert.is(sim.current_A, 0);
});

test('fault: a soft short over-discharges one cell until the under-voltage protection opens the discharge FET', () => {
  const cfg = defaultConfig({ seed: 1, faults: [parseFault('overdischarge:cell=3,at=0,A=5')] });
  const { sim } = run(cfg, 'rest', 0.5);
  assert.ok(sim.firmware.active.has('cell_undervoltage'));
  assert.is(sim.firmware.dischargeAllowed, false);
  assert.ok(sim.pack.z[3]! < 0.05 && sim.pack.z[0]! > 0.55, `cell 3 at ${sim.pack.z[3]}, cell 0 at ${sim.pack.z[0]}`);
});

test('fault: a stuck temperature sensor repeats its reading while the cells warm up', () => {
  const cfg = defaultConfig({ seed: 1, faults: [parseFault('stuck:sensor=temperature,at=600')] });
  const sim = new Simulation(cfg, makeProfile('cc', { cRate: 1 }));
  sim.advanceTo(700);
  const stuckAt = sim.reading.temp_degC, t0 = sim.pack.meanTemp();
  sim.advanceTo(2400);
  assert.is(sim.reading.temp_degC, stuckAt);
  assert.ok(sim.pack.meanTemp() > t0 + 2, `true ${t0} -> ${sim.pack.meanTemp()}`);
});

test('bad fault specs and unknown profiles are typed errors', () => {
  for (const bad of ['melt:cell=1', 'overheat:cell=1', 'stuck:sensor=pressure', 'overheat:W=x']) {
    try { parseFault(bad); assert.unreachable(bad); } catch (e) { assert.is((e as { code?: string }).code, 'bad-config', bad); }
  }
  try { makeProfile('nope'); assert.unreachable(); } catch (e) { assert.is((e as { code?: string }).code, 'bad-config'); }
});

test.run();
