/**
 * `bms-edge monitor` end to end over real pseudo-terminals: a scripted BMS (answering with the
 * shared vectors' captured frames) on one end, the real CLI in a child process on the other.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../host/cli/commands/monitor.ts';
import { CliError, Exit } from '../../../host/cli/exit-codes.ts';
import { parseCapture } from '../../../host/transport/capture-format.ts';
import { openPtyPair, type PtyPair } from '../../helpers/pty.ts';
import { startMonitor, samplesOf, type MonitorChild } from '../transport/monitor-child.ts';
import { candumpTextToSlcan, requestScript, ScriptedDevice, slcanScript, vector, vectorBytes, type DeviceScript } from '../transport/scripted-device.ts';

const V_TOL = 1e-9;

async function withRig(script: DeviceScript, baud: number, body: (pty: PtyPair, device: ScriptedDevice) => Promise<void>): Promise<void> {
  const pty = await openPtyPair();
  let device: ScriptedDevice | undefined;
  try {
    device = await ScriptedDevice.start(pty.b, script, baud);
    await body(pty, device);
  } finally {
    await device?.close();
    await pty.close();
  }
}

async function finish(m: MonitorChild): Promise<number> {
  try {
    return await m.exited;
  } finally {
    await m.stop();
  }
}

test('command-line mistakes are usage errors, a port that cannot be opened is a device error', async () => {
  const code = async (args: string[]): Promise<number> => {
    try {
      return await run(args);
    } catch (err) {
      if (err instanceof CliError) return err.exitCode;
      throw err;
    }
  };
  assert.is(await code(['--port', '/dev/null', '--protocol', 'nope']), Exit.USAGE);
  assert.is(await code(['--protocol', 'jbd']), Exit.USAGE, 'neither --port nor --replay');
  assert.is(await code(['--port', 'a', '--replay', 'b', '--protocol', 'jbd']), Exit.USAGE);
  assert.is(await code(['--port', 'a', '--protocol', 'daly', '--address', 'x']), Exit.USAGE);
  assert.is(await code(['--port', 'a', '--protocol', 'jbd', '--bogus']), Exit.USAGE);
  assert.is(await code(['--replay', '/nonexistent/capture.jsonl', '--protocol', 'jbd', '--no-core']), Exit.BAD_INPUT);
  assert.is(await code(['--port', '/nonexistent/ttyUSB7', '--protocol', 'jbd', '--no-core', '--json']), Exit.DEVICE);
});

/** JBD 17S document frames: 66.23 V, -20.12 A on the wire (charging negative) = 20.12 A discharge. */
function jbdScript(echo: boolean): DeviceScript {
  const basic = vectorBytes('jbd-doc-basic-17s');
  return requestScript(
    [
      { request: vectorBytes('jbd-request-0'), replies: [basic.subarray(0, 7), basic.subarray(7)] },
      { request: vectorBytes('jbd-request-1'), replies: [vectorBytes('jbd-doc-cells-17s')] },
    ],
    { echo, junk: new Uint8Array([0x00, 0x0f, 0x3e]) },
  );
}

function checkJbdSample(s: Record<string, unknown>): void {
  const basic = vector('jbd-doc-basic-17s').decoded;
  const cells = vector('jbd-doc-cells-17s').decoded.cell_voltages_v as number[];
  const temps = basic.temperatures_c as number[];
  assert.ok(Math.abs((s.voltage_V as number) - (basic.pack_voltage_v as number)) < V_TOL);
  assert.ok(Math.abs((s.current_A as number) + (basic.current_a as number)) < V_TOL, 'sign converted once: discharge positive');
  assert.ok(Math.abs((s.temp_degC as number) - temps.reduce((a, b) => a + b, 0) / temps.length) < 1e-9);
  assert.is(s.cellCount, 17);
  assert.is(s.cellMin_V, Math.min(...cells));
  assert.is(s.cellMax_V, Math.max(...cells));
  assert.is(s.bmsSoc, (basic.soc_pct as number) / 100);
}

test('JBD over a pty with an echoing adapter and junk: samples decode to the vector values, echoes are suppressed, the core runs, and the capture replays to the same samples', async () => {
  await withRig(jbdScript(true), 9600, async (pty) => {
    const cap = join(pty.dir, 'jbd.jsonl');
    const m = startMonitor(['--port', pty.a, '--protocol', 'jbd', '--json', '--interval-ms', '10', '--max-frames', '8', '--record', cap, '--chemistry', 'NMC', '--capacity-ah', '40']);
    assert.is(await finish(m), 0, m.stderr());
    const live = samplesOf(m.events);
    assert.is(live.length, 4);
    for (const s of live) checkJbdSample(s);
    const first = m.events.find((e) => e.type === 'sample') as { core?: { soc: number; soh: number } };
    assert.ok(first.core && first.core.soc >= 0 && first.core.soc <= 1, 'core SOC present');
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.type, summary.endedBy, summary.frames, summary.checksumErrors, summary.echoesSuppressed], ['summary', 'max-frames', 8, 0, 8]);
    assert.ok((summary.skippedBytes as number) >= 8 * 3, 'junk skipped');
    const records = parseCapture(readFileSync(cap, 'utf8')).records;
    assert.is(records.filter((r) => 'dir' in r && r.dir === 'tx').length, 8);
    const replay = startMonitor(['--replay', cap, '--protocol', 'jbd', '--json', '--chemistry', 'NMC', '--capacity-ah', '40']);
    assert.is(await finish(replay), 0, replay.stderr());
    assert.equal(samplesOf(replay.events), live);
    assert.equal(
      replay.events.filter((e) => e.type === 'sample').map((e) => e.core),
      m.events.filter((e) => e.type === 'sample').map((e) => e.core),
      'the core sees the same samples',
    );
  });
});

test('Daly over a pty: five requests per cycle, 0x95 cells assembled by the reported cell count, current sign from the vectors, a checksum-bad frame counted and skipped', async () => {
  // 0x94 status reply: no captured vector exists; synthesised here (14 cells, 1 sensor, 4 cycles).
  const status = [0xa5, 0x01, 0x94, 0x08, 0x0e, 0x01, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00];
  const status94 = new Uint8Array([...status, status.reduce((a, b) => a + b, 0) & 0xff]);
  const req = (id: number): Uint8Array => {
    const b = [0xa5, 0x40, id, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    return new Uint8Array([...b, b.reduce((a, x) => a + x, 0) & 0xff]);
  };
  const cells = vectorBytes('daly-solarreader-95-14s');
  const script = requestScript([
    { request: req(0x90), replies: [vectorBytes('daly-solarreader-90')] },
    { request: req(0x91), replies: [vectorBytes('daly-solarreader-91')] },
    // a copy with a flipped data bit (checksum now wrong) arrives before the good frame
    { request: req(0x92), replies: [vectorBytes('daly-solarreader-92').map((b, i) => (i === 4 ? b ^ 0x10 : b)), vectorBytes('daly-solarreader-92')] },
    { request: req(0x94), replies: [status94] },
    { request: req(0x95), replies: [cells.subarray(0, 20), cells.subarray(20)] },
  ]);
  await withRig(script, 9600, async (pty) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'daly', '--json', '--interval-ms', '10', '--max-frames', '18', '--no-core']);
    assert.is(await finish(m), 0, m.stderr());
    const samples = samplesOf(m.events);
    assert.is(samples.length, 2);
    const soc = vector('daly-solarreader-90').decoded;
    const expectCells = vector('daly-solarreader-95-14s').decoded.cell_voltages_v as number[];
    for (const s of samples) {
      assert.is(s.voltage_V, soc.pack_voltage_v);
      assert.is(s.current_A, -(soc.current_a as number));
      assert.is(s.temp_degC, 21);
      assert.is(s.cellCount, 14);
      assert.is(s.cellMin_V, Math.min(...expectCells));
      assert.is(s.cellMax_V, Math.max(...expectCells));
      assert.is(s.bmsSoc, 0.5);
      assert.is(s.address, 1);
    }
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.frames, summary.timeouts, summary.misrouted, summary.checksumErrors], [18, 0, 0, 2], 'the corrupt 0x92 counted, never decoded (temperature stays 21)');
  });
});

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

test('JK RS485/TTL (4E 57) over a pty at 115200: a 285-byte read-all reply in three pieces decodes to the vector values', async () => {
  const reply = vectorBytes('jk-uart-doc-14s');
  const script = requestScript([{ request: vectorBytes('jk-uart-request-read-all'), replies: [reply.subarray(0, 100), reply.subarray(100, 200), reply.subarray(200)] }]);
  await withRig(script, 115200, async (pty) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'jk-uart', '--json', '--interval-ms', '5', '--max-frames', '3', '--no-core']);
    assert.is(await finish(m), 0, m.stderr());
    const d = vector('jk-uart-doc-14s').decoded;
    const cells = d.cell_voltages_v as number[];
    const samples = samplesOf(m.events);
    assert.is(samples.length, 3);
    for (const s of samples) {
      assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.cellCount, s.cellMin_V, s.cellMax_V, s.bmsSoc], [d.pack_voltage_v, -(d.current_a as number), mean([d.temp1_c as number, d.temp2_c as number]), 14, Math.min(...cells), Math.max(...cells), (d.soc_pct as number) / 100]);
    }
  });
});

test('JK-PB over RS485 (300-byte frames): the FC16 trigger for DIP address 3 gets the status frame, the trailing ACK is skipped', async () => {
  const ack = new Uint8Array([0x00, 0x03, 0x10, 0x16, 0x20, 0x00, 0x01, 0x05, 0xa9, 0x00]);
  const frame = vectorBytes('jk300-pb-rs485-status');
  const script = requestScript([{ request: vectorBytes('jk300-pb-rs485-fc16-request'), replies: [frame.subarray(0, 150), frame.subarray(150), ack] }]);
  await withRig(script, 115200, async (pty) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'jk300', '--address', '3', '--json', '--interval-ms', '5', '--max-frames', '3', '--no-core']);
    assert.is(await finish(m), 0, m.stderr());
    const d = vector('jk300-pb-rs485-status').decoded;
    const cells = d.cell_voltages_v as number[];
    const samples = samplesOf(m.events);
    assert.is(samples.length, 3);
    for (const s of samples) {
      assert.equal([s.address, s.voltage_V, s.current_A, s.cellCount, s.cellMin_V, s.cellMax_V, s.bmsSoc, s.bmsSoh], [3, d.pack_voltage_v, 0, 16, Math.min(...cells), Math.max(...cells), 0.55, 1]);
      assert.ok(Math.abs((s.temp_degC as number) - mean([d.temp1_c as number, d.temp2_c as number])) < 1e-9);
    }
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.checksumErrors, summary.timeouts], [0, 0]);
  });
});

test('SLCAN + Pylontech over a pty: the adapter is set up (C, S6, Z1, O), broadcast frames decode through the DBC, samples on 0x356, and the capture replays to the same samples', async () => {
  const ids = ['pylon-armin-351', 'pylon-armin-355', 'pylon-armin-356', 'pylon-armin-359', 'pylon-armin-35c'];
  const script = slcanScript(ids.map((id) => candumpTextToSlcan(vector(id).line as string)), 3);
  await withRig(script, 115200, async (pty, device) => {
    const cap = join(pty.dir, 'can.jsonl');
    const log = join(pty.dir, 'can.log');
    const m = startMonitor(['--port', pty.a, '--protocol', 'slcan-pylon', '--json', '--max-frames', '15', '--record', cap, '--candump', log, '--no-core']);
    assert.is(await finish(m), 0, m.stderr());
    const logged = readFileSync(log, 'utf8').trim().split('\n');
    assert.ok(logged.length >= 15);
    assert.equal(
      logged.slice(0, 5).map((l) => l.replace(/^\(\d+\.\d{6}\) can0 /, '')).sort(),
      ['351#2802F4012003E001', '355#3C006400', '356#6C140400DC00', '359#0000000001504E', '35C#C000'],
      'candump -L lines of what was received',
    );
    assert.equal(Buffer.from(device.received.slice(0, 10)).toString('latin1'), 'C\rS6\rZ1\rO\r');
    const v = vector('pylon-armin-356').decoded;
    const socSoh = vector('pylon-armin-355').decoded;
    const samples = samplesOf(m.events);
    assert.ok(samples.length >= 2);
    for (const s of samples.slice(1)) {
      assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.bmsSoc, s.bmsSoh], [v.pack_voltage_v, -(v.current_a as number), v.temperature_c, (socSoh.soc_pct as number) / 100, (socSoh.soh_pct as number) / 100]);
    }
    const summary = m.events.at(-1) as Record<string, unknown>;
    const lineBytes = logged.slice(0, 15).reduce((n, l) => n + l.replace(/^\(\d+\.\d{6}\) can0 /, '').replace('#', '').length + 2, 0);
    assert.ok((summary.rxBytes as number) >= lineBytes, `rxBytes ${String(summary.rxBytes)} counts the SLCAN lines received (>= ${lineBytes})`);
    const replay = startMonitor(['--replay', cap, '--protocol', 'slcan-pylon', '--json', '--no-core']);
    assert.is(await finish(replay), 0, replay.stderr());
    assert.equal(samplesOf(replay.events), samples);
  });
});

test('--duration-s ends the run with endedBy "duration", not "signal"', async () => {
  const lines = ['pylon-armin-355', 'pylon-armin-356'].map((id) => candumpTextToSlcan(vector(id).line as string));
  await withRig(slcanScript(lines, 5), 115200, async (pty) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'slcan-pylon', '--json', '--no-core', '--duration-s', '0.8']);
    assert.is(await finish(m), 0, m.stderr());
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.type, summary.endedBy], ['summary', 'duration']);
  });
});

/** A vector frame re-addressed (byte 1) and optionally with a changed data byte, checksum recomputed. */
function dalyAs(id: string, board: number, patch: [number, number][] = []): Uint8Array {
  const b = vectorBytes(id).slice(0, 13);
  b[1] = board;
  for (const [i, v] of patch) b[i] = v;
  b[12] = b.subarray(0, 12).reduce((a, x) => a + x, 0) & 0xff;
  return b;
}

test('two Daly boards on one RS485 bus with an echoing adapter: requests serialised, replies routed by board address, a stray reply counted as misrouted', async () => {
  const req = (host: number, id: number): Uint8Array => {
    const b = [0xa5, host, id, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    return new Uint8Array([...b, b.reduce((a, x) => a + x, 0) & 0xff]);
  };
  const table = [];
  for (const board of [1, 2]) {
    const host = 0x40 + board - 1;
    const status = [0xa5, board, 0x94, 0x08, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00]; // synthesised: 3 cells
    const cells = dalyAs('daly-solarreader-95-14s', board);
    table.push(
      // board 2 reports 52.9 V (0x0211) so the routing shows in the values
      { request: req(host, 0x90), replies: [dalyAs('daly-solarreader-90', board, board === 2 ? [[5, 0x11]] : [])] },
      // a stray 0x91 from the other board precedes the right one
      { request: req(host, 0x91), replies: [dalyAs('daly-solarreader-91', 3 - board), dalyAs('daly-solarreader-91', board)] },
      { request: req(host, 0x92), replies: [dalyAs('daly-solarreader-92', board)] },
      { request: req(host, 0x94), replies: [new Uint8Array([...status, status.reduce((a, x) => a + x, 0) & 0xff])] },
      { request: req(host, 0x95), replies: [cells] },
    );
  }
  await withRig(requestScript(table, { echo: true }), 9600, async (pty) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'daly', '--address', '1,2', '--json', '--interval-ms', '5', '--max-frames', '24', '--no-core']);
    assert.is(await finish(m), 0, m.stderr());
    // 6 frames per board and cycle (the stray one included): 24 frames = two rounds over both boards.
    const samples = samplesOf(m.events);
    assert.equal(samples.map((s) => [s.address, s.voltage_V, s.cellCount]), [[1, 52.8, 3], [2, 52.9, 3], [1, 52.8, 3], [2, 52.9, 3]]);
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.frames, summary.misrouted, summary.echoesSuppressed, summary.timeouts], [24, 4, 20, 0]);
  });
});

test('unplug and replug: the monitor says so, reconnects within 2 s, keeps recording, ends cleanly on SIGINT, and the capture replays to the same samples', async () => {
  await withRig(jbdScript(false), 9600, async (pty, device) => {
    const cap = join(pty.dir, 'reconnect.jsonl');
    const m = startMonitor(['--port', pty.a, '--protocol', 'jbd', '--json', '--interval-ms', '20', '--record', cap, '--no-core']);
    try {
      await m.waitFor((ev) => samplesOf(ev).length >= 3);
      await pty.unplug();
      await m.waitFor((ev) => ev.some((e) => e.type === 'status' && e.status === 'disconnected'));
      await pty.replug();
      await device.reopen();
      const replugged_ms = Date.now(); // the recovery time is what this test measures
      await m.waitFor((ev) => ev.some((e) => e.type === 'status' && e.status === 'connected' && e.outage_ms !== undefined));
      const before = samplesOf(m.events).length;
      await m.waitFor((ev) => samplesOf(ev).length >= before + 3);
      const connected = m.events.find((e) => e.type === 'status' && e.status === 'connected' && e.outage_ms !== undefined) as unknown as { time_ms: number };
      assert.ok(connected.time_ms - replugged_ms <= 2000, `reconnected ${connected.time_ms - replugged_ms} ms after the replug`);
      m.signal('SIGINT');
      assert.is(await m.exited, 0, m.stderr());
    } finally {
      await m.stop();
    }
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.type, summary.endedBy, summary.disconnects, summary.reconnects], ['summary', 'signal', 1, 1]);
    const live = samplesOf(m.events);
    for (const s of live) checkJbdSample(s);
    const records = parseCapture(readFileSync(cap, 'utf8')).records;
    const lost = records.findIndex((r) => 'event' in r && r.event === 'disconnect');
    assert.ok(lost > 0, 'the disconnect is in the capture');
    assert.ok(records.slice(0, lost).filter((r) => 'dir' in r && r.dir === 'rx').length >= 3, 'received bytes before the unplug');
    assert.ok(records.slice(lost).filter((r) => 'dir' in r && r.dir === 'rx').length >= 3, 'received bytes after the replug');
    const rxBytes = records.reduce((n, r) => n + ('dir' in r && r.dir === 'rx' ? r.hex.length / 2 : 0), 0);
    assert.is(rxBytes, summary.rxBytes, 'every received byte is in the capture');
    const replay = startMonitor(['--replay', cap, '--protocol', 'jbd', '--json', '--no-core']);
    assert.is(await finish(replay), 0, replay.stderr());
    assert.equal(samplesOf(replay.events), live);
  });
});

test('a monitor killed with SIGKILL leaves a capture that parses and replays up to the kill', async () => {
  await withRig(jbdScript(false), 9600, async (pty) => {
    const cap = join(pty.dir, 'crash.jsonl');
    const m = startMonitor(['--port', pty.a, '--protocol', 'jbd', '--json', '--interval-ms', '5', '--record', cap, '--no-core']);
    try {
      await m.waitFor((ev) => samplesOf(ev).length >= 3);
      m.signal('SIGKILL');
      await m.exited;
    } finally {
      await m.stop();
    }
    const parsed = parseCapture(readFileSync(cap, 'utf8'));
    const rx = parsed.records.filter((r) => 'dir' in r && r.dir === 'rx').length;
    assert.ok(rx >= 6, `${rx} rx records survived`);
    const replay = startMonitor(['--replay', cap, '--protocol', 'jbd', '--json', '--no-core']);
    assert.is(await finish(replay), 0, replay.stderr());
    const replayed = samplesOf(replay.events);
    assert.ok(replayed.length >= 3);
    assert.equal(replayed.slice(0, 3), samplesOf(m.events).slice(0, 3));
  });
});

test('SLCAN adapter unplugged and replugged: the monitor sets the adapter up again and samples resume within 2 s', async () => {
  const lines = ['pylon-armin-355', 'pylon-armin-356'].map((id) => candumpTextToSlcan(vector(id).line as string));
  const script = slcanScript(lines, 5);
  await withRig(script, 115200, async (pty, device) => {
    const m = startMonitor(['--port', pty.a, '--protocol', 'slcan-pylon', '--json', '--no-core']);
    try {
      await m.waitFor((ev) => samplesOf(ev).length >= 2);
      await pty.unplug();
      await m.waitFor((ev) => ev.some((e) => e.type === 'status' && e.status === 'disconnected'));
      await pty.replug();
      await device.reopen();
      const replugged_ms = Date.now(); // the recovery time is what this test measures
      const before = samplesOf(m.events).length;
      await m.waitFor((ev) => samplesOf(ev).length >= before + 2);
      const back = m.events.find((e) => e.type === 'status' && e.status === 'connected' && e.outage_ms !== undefined) as unknown as { time_ms: number };
      assert.ok(back.time_ms - replugged_ms <= 2000, `reconnected ${back.time_ms - replugged_ms} ms after the replug`);
      assert.is(script.opened, 2, 'the adapter was opened again');
      m.signal('SIGINT');
      assert.is(await m.exited, 0, m.stderr());
    } finally {
      await m.stop();
    }
    const summary = m.events.at(-1) as Record<string, unknown>;
    assert.equal([summary.endedBy, summary.disconnects, summary.reconnects], ['signal', 1, 1]);
  });
});

test('monitor --replay takes a candump log in any format (-L, -ta, -td, plain) and gives the same samples with a summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-candump-replay-'));
  // three broadcast sets 1 s apart: 0x355 (SOC 60 %, SOH 100 %), an id outside the DBC, 0x356 (52.28 V, 1.2 A charging, 22 degC)
  const sets = [0, 1, 2];
  const logs: Record<string, string> = {
    L: sets.map((k) => `(${1700000000 + k}.000000) can0 355#3C006400\n(${1700000000 + k}.010000) can0 3A0#01\n(${1700000000 + k}.020000) can0 356#6C140C00DC00\n`).join(''),
    ta: sets.map((k) => ` (${1700000000 + k}.000000)  can0  355   [4]  3C 00 64 00\n (${1700000000 + k}.010000)  can0  3A0   [1]  01\n (${1700000000 + k}.020000)  can0  356   [6]  6C 14 0C 00 DC 00\n`).join(''),
    td: sets.map((k) => ` (${k === 0 ? '000.000000' : '000.980000'})  can0  355   [4]  3C 00 64 00\n (000.010000)  can0  3A0   [1]  01\n (000.010000)  can0  356   [6]  6C 14 0C 00 DC 00\n`).join(''),
    plain: sets.map(() => `  can0  355   [4]  3C 00 64 00\n  can0  3A0   [1]  01\n  can0  356   [6]  6C 14 0C 00 DC 00\n`).join(''),
  };
  try {
    const byFormat: Record<string, unknown[]> = {};
    for (const [fmt, text] of Object.entries(logs)) {
      const file = join(dir, `${fmt}.log`);
      writeFileSync(file, text);
      const m = startMonitor(['--replay', file, '--protocol', 'slcan-pylon', '--json', '--no-core']);
      assert.is(await finish(m), 0, m.stderr());
      const samples = samplesOf(m.events);
      assert.is(samples.length, 3, fmt);
      for (const s of samples) assert.equal([s.voltage_V, s.current_A, s.temp_degC, s.bmsSoc], [52.28, -1.2, 22, 0.6], fmt);
      const summary = m.events.at(-1) as Record<string, unknown>;
      assert.equal([summary.type, summary.endedBy, summary.frames, summary.samples, summary.unknownIds, summary.misrouted], ['summary', 'end-of-data', 6, 3, 3, 0], fmt);
      byFormat[fmt] = samples.map((s) => ({ ...s, time_ms: fmt === 'plain' ? 0 : (s.time_ms as number) - (samples[0]!.time_ms as number) }));
    }
    assert.equal(byFormat.ta, byFormat.L);
    assert.equal(byFormat.td, byFormat.L, '-td deltas summed into the same relative times');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
