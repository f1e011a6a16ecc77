/**
 * End to end over real serial I/O: the simulated BMS serves JBD on one end of a socat pty pair,
 * `bms-edge monitor` (a separate process, as a user runs it) polls the other end; every sample the
 * monitor decodes must equal what the simulator sent, at the wire's resolution.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openPtyPair } from '../../../helpers/pty.ts';
import { defaultConfig, Simulation } from '../../../../host/sim/simulation.ts';
import { makeProfile } from '../../../../host/sim/profiles/index.ts';
import { SerialBmsServer } from '../../../../host/sim/wire/server.ts';
import type { BmsState } from '../../../../host/sim/wire/bms-state.ts';

const ROOT = join(import.meta.dirname, '../../../..');

function runMonitor(args: string[], command = 'monitor'): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'host/cli/main.ts'), command, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, lines: out.split('\n').filter(Boolean), stderr: err }); });
  });
}

interface MonitorSample { voltage_V: number; current_A: number; temp_degC: number; cellCount: number; cellMin_V: number; cellMax_V: number; bmsSoc: number }

type Sent = Map<number, BmsState[]>;
const q = (x: number, lsb: number): number => Math.round(x / lsb) * lsb;
const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/** Serves `protocol` on a pty, runs the monitor against it, returns its samples and what was sent. */
async function session(protocol: 'jbd' | 'daly' | 'jk-uart' | 'slcan-pylon', cells: number, frames: number): Promise<{ samples: MonitorSample[]; sent: Sent }> {
  const pair = await openPtyPair();
  const sim = new Simulation(defaultConfig({ seed: 3, seriesCells: cells, core: true }), makeProfile('partial'));
  const sent: Sent = new Map();
  const server = new SerialBmsServer(sim, { path: pair.b, protocol, speed: 3600, broadcast_ms: 100, onSent: (code, st) => void (sent.get(code) ?? sent.set(code, []).get(code)!).push(st) });
  try {
    await server.start();
    const cap = join(pair.dir, `${protocol}.jsonl`);
    const r = await runMonitor(['--protocol', protocol, '--port', pair.a, '--json', '--max-frames', String(frames), '--interval-ms', '50', '--series-cells', String(cells), '--record', cap]);
    assert.is(r.code, 0, r.stderr);
    const samples = r.lines.map((l) => JSON.parse(l) as { type: string; sample?: MonitorSample }).filter((e) => e.type === 'sample').map((e) => e.sample!);
    assert.ok(samples.length >= 5, `${samples.length} samples: ${r.lines.join('\n')}`);
    assert.ok(new Set(samples.map((m) => m.voltage_V)).size > 1, 'the simulated pack moved between polls');
    // the capture replays to the samples the monitor saw (bytes that arrived after --max-frames stopped it may add more), with a summary
    const again = await runMonitor(['--replay', cap, '--protocol', protocol, '--json', '--series-cells', String(cells)]);
    assert.is(again.code, 0, again.stderr);
    const events = again.lines.map((l) => JSON.parse(l) as { type: string; sample?: MonitorSample; endedBy?: string });
    assert.equal(events.filter((e) => e.type === 'sample').map((e) => e.sample!).slice(0, samples.length), samples, `${protocol}: monitor --replay of the capture`);
    assert.equal([events.at(-1)!.type, events.at(-1)!.endedBy], ['summary', 'end-of-data']);
    const gate = await runMonitor([cap, '--json'], 'replay');
    assert.is(gate.code, 0, gate.stderr);
    const doc = JSON.parse(gate.lines.join('\n')) as { recording: { samples: number } };
    assert.ok(doc.recording.samples >= samples.length, `${protocol}: replay prints one JSON document over the replayed samples (${doc.recording.samples} >= ${samples.length})`);
    return { samples, sent };
  } finally {
    await server.stop();
    await pair.close();
  }
}

test('JBD on a pty: bms-edge monitor decodes exactly what the simulated BMS sent (V 10 mV, I 10 mA, T 0.1 K, cells 1 mV, SOC 1 %)', async () => {
  const { samples, sent } = await session('jbd', 13, 16);
  samples.forEach((m, k) => {
    const a = sent.get(3)![k]!, c = sent.get(4)![k]!;
    const cells = c.cells_V.map((v) => Math.round(v * 1000) / 1000);
    const temps = a.temps_degC.map((t) => Math.round(t * 10) / 10);
    assert.ok(near(m.voltage_V, Math.round(a.pack_voltage_V * 100) / 100), `V ${m.voltage_V} vs ${a.pack_voltage_V}`);
    assert.ok(near(m.current_A, -Math.round(-a.current_A * 100) / 100), `I ${m.current_A} vs ${a.current_A}`);
    assert.ok(near(m.temp_degC, temps.reduce((s, t) => s + t, 0) / temps.length), `T ${m.temp_degC} vs ${temps}`);
    assert.is(m.cellCount, 13);
    assert.ok(near(m.cellMin_V, Math.min(...cells)) && near(m.cellMax_V, Math.max(...cells)), `cells ${m.cellMin_V}..${m.cellMax_V}`);
    assert.ok(near(m.bmsSoc, Math.round(a.soc_pct) / 100), `SOC ${m.bmsSoc} vs ${a.soc_pct}`);
  });
});

test('Daly on a pty: bms-edge monitor decodes exactly what the simulated BMS sent (V 0.1 V, I 0.1 A, T 1 K, cells 1 mV, SOC 0.1 %)', async () => {
  const { samples, sent } = await session('daly', 13, 54);
  samples.forEach((m, k) => {
    const a = sent.get(0x90)![k]!, t = sent.get(0x92)![k]!, c = sent.get(0x95)![k]!;
    const cells = c.cells_V.map((v) => Math.round(v * 1000) / 1000);
    const temps = t.temps_degC.map(Math.round);
    assert.ok(near(m.voltage_V, Math.round(a.pack_voltage_V * 10) / 10), `V ${m.voltage_V} vs ${a.pack_voltage_V}`);
    assert.ok(near(m.current_A, Math.round(a.current_A * 10) / 10), `I ${m.current_A} vs ${a.current_A}`);
    assert.ok(near(m.temp_degC, (Math.max(...temps) + Math.min(...temps)) / 2), `T ${m.temp_degC} vs ${temps}`);
    assert.is(m.cellCount, 13);
    assert.ok(near(m.cellMin_V, Math.min(...cells)) && near(m.cellMax_V, Math.max(...cells)), `cells ${m.cellMin_V}..${m.cellMax_V}`);
    assert.ok(near(m.bmsSoc, q(a.soc_pct, 0.1) / 100), `SOC ${m.bmsSoc} vs ${a.soc_pct}`);
  });
});

test('JK RS485 (4E 57 read-all) on a pty: bms-edge monitor decodes exactly what the simulated BMS sent (V 10 mV, I 10 mA, T 1 K, cells 1 mV, SOC 1 %)', async () => {
  const { samples, sent } = await session('jk-uart', 16, 12);
  const replies = sent.get(6)!;
  assert.is(replies.length, samples.length, 'one read-all reply per sample');
  samples.forEach((m, k) => {
    const a = replies[k]!;
    const cells = a.cells_V.map((v) => Math.round(v * 1000) / 1000);
    const temps = a.temps_degC.slice(0, 2).map(Math.round);
    const i_cA = Math.round(-a.current_A * 100); // wire: 10 mA, positive = charging
    assert.ok(near(m.voltage_V, Math.round(a.pack_voltage_V * 100) / 100), `V ${m.voltage_V} vs ${a.pack_voltage_V}`);
    assert.ok(near(m.current_A, i_cA === 0 ? 0 : -i_cA / 100), `I ${m.current_A} vs ${a.current_A}`);
    assert.ok(near(m.temp_degC, temps.reduce((s, t) => s + t, 0) / temps.length), `T ${m.temp_degC} vs ${temps}`);
    assert.is(m.cellCount, 16);
    assert.ok(near(m.cellMin_V, Math.min(...cells)) && near(m.cellMax_V, Math.max(...cells)), `cells ${m.cellMin_V}..${m.cellMax_V}`);
    assert.ok(near(m.bmsSoc, Math.round(a.soc_pct) / 100), `SOC ${m.bmsSoc} vs ${a.soc_pct}`);
  });
});

test('Pylontech CAN over SLCAN on a pty: bms-edge monitor decodes exactly what the simulated battery broadcast (V 10 mV, I 0.1 A, T 0.1 K, cells 1 mV, SOC 1 %)', async () => {
  const { samples, sent } = await session('slcan-pylon', 15, 17 * 6); // 17 frames a set (every id of the Pylontech / Victron-SMA set)
  const sets = sent.get(0x356)!;
  samples.forEach((m, k) => {
    const a = sets[k]!;
    const cells = a.cells_V.map((v) => Math.round(v * 1000) / 1000);
    const temp = a.temps_degC.reduce((s, t) => s + t, 0) / a.temps_degC.length;
    assert.ok(near(m.voltage_V, Math.round(a.pack_voltage_V * 100) / 100), `V ${m.voltage_V} vs ${a.pack_voltage_V}`);
    assert.ok(near(m.current_A, -Math.round(-a.current_A * 10) / 10), `I ${m.current_A} vs ${a.current_A}`);
    assert.ok(near(m.temp_degC, Math.round(temp * 10) / 10), `T ${m.temp_degC} vs ${temp}`);
    assert.ok(near(m.cellMin_V, Math.min(...cells)) && near(m.cellMax_V, Math.max(...cells)), `cells ${m.cellMin_V}..${m.cellMax_V}`);
    assert.ok(near(m.bmsSoc, Math.round(a.soc_pct) / 100), `SOC ${m.bmsSoc} vs ${a.soc_pct}`);
  });
});

test('the live core is set up from the BMS basic info (16 S x 50 Ah, no options given), says so, and runs every sample', async () => {
  const pair = await openPtyPair();
  const sim = new Simulation(defaultConfig({ seed: 5, core: false }), makeProfile('partial')); // 16 S NMC, 50 Ah; the BMS reports the true SOC
  const server = new SerialBmsServer(sim, { path: pair.b, protocol: 'jbd', speed: 3600 });
  try {
    await server.start();
    const r = await runMonitor(['--protocol', 'jbd', '--port', pair.a, '--json', '--max-frames', '80', '--interval-ms', '40']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, /core: 16 S x 50 Ah from BMS basic info/);
    const events = r.lines.map((l) => JSON.parse(l) as { type: string; core?: { soc: number; seriesCells: number } });
    const cores = events.filter((e) => e.type === 'sample').map((e) => e.core!);
    assert.ok(cores.length >= 40, `${cores.length} samples through the core`);
    assert.ok(cores.every((c) => c.seriesCells === 16), 'every sample ran through the 16 S core');
    // Not asserted (issue 17 stays open on it): the core's SOC against the pack's over a simulated hour.
    // The monitor stamps samples with their receive time, so at --speed 3600 the core integrates 1/3600
    // of the charge; the comparison used to pass only through the first sample's OCV anchor, which the
    // presets' table model error (issue 12) now rightly keeps out.
  } finally {
    await server.stop();
    await pair.close();
  }
});

test.run();
