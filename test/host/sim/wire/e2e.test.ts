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

function runMonitor(args: string[]): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'host/cli/main.ts'), 'monitor', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, lines: out.split('\n').filter(Boolean), stderr: err }); });
  });
}

interface MonitorSample { voltage_V: number; current_A: number; temp_degC: number; cellCount: number; cellMin_V: number; cellMax_V: number; bmsSoc: number }

test('JBD on a pty: bms-edge monitor decodes exactly what the simulated BMS sent (V 10 mV, I 10 mA, T 0.1 K, cells 1 mV, SOC 1 %)', async () => {
  const pair = await openPtyPair();
  const sim = new Simulation(defaultConfig({ seed: 3, seriesCells: 13, core: true }), makeProfile('partial'));
  const sent03: BmsState[] = [], sent04: BmsState[] = [];
  const server = new SerialBmsServer(sim, { path: pair.b, protocol: 'jbd', speed: 3600, onSent: (reg, s) => (reg === 3 ? sent03 : reg === 4 ? sent04 : []).push(s) });
  try {
    await server.start();
    const r = await runMonitor(['--protocol', 'jbd', '--port', pair.a, '--json', '--max-frames', '16', '--interval-ms', '50', '--series-cells', '13']);
    assert.is(r.code, 0, r.stderr);
    const samples = r.lines.map((l) => JSON.parse(l) as { type: string; sample?: MonitorSample }).filter((e) => e.type === 'sample').map((e) => e.sample!);
    assert.ok(samples.length >= 6, `${samples.length} samples: ${r.lines.join('\n')}`);
    assert.ok(sent03.length >= samples.length && sent04.length >= samples.length);
    samples.forEach((m, k) => {
      const a = sent03[k]!, c = sent04[k]!;
      const cells = c.cells_V.map((v) => Math.round(v * 1000) / 1000);
      const temps = a.temps_degC.map((t) => Math.round(t * 10) / 10);
      assert.ok(Math.abs(m.voltage_V - Math.round(a.pack_voltage_V * 100) / 100) < 1e-9, `V ${m.voltage_V} vs ${a.pack_voltage_V}`);
      assert.ok(Math.abs(m.current_A + Math.round(-a.current_A * 100) / 100) < 1e-9, `I ${m.current_A} vs ${a.current_A}`);
      assert.ok(Math.abs(m.temp_degC - temps.reduce((s, t) => s + t, 0) / temps.length) < 1e-9, `T ${m.temp_degC} vs ${temps}`);
      assert.is(m.cellCount, 13);
      assert.ok(Math.abs(m.cellMin_V - Math.min(...cells)) < 1e-9 && Math.abs(m.cellMax_V - Math.max(...cells)) < 1e-9, `cells ${m.cellMin_V}..${m.cellMax_V}`);
      assert.ok(Math.abs(m.bmsSoc - Math.round(a.soc_pct) / 100) < 1e-9, `SOC ${m.bmsSoc} vs ${a.soc_pct}`);
    });
    assert.ok(new Set(samples.map((m) => m.voltage_V)).size > 1, 'the simulated pack moved between polls');
  } finally {
    await server.stop();
    await pair.close();
  }
});

test.run();
