import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture } from '../../../../host/transport/capture-format.ts';
import { CaptureWriter } from '../../../../host/transport/capture-writer.ts';
import { MockByteTransport, equalBytes } from '../../../../host/transport/mock.ts';
import { RecordingTransport } from '../../../../host/transport/recording.ts';
import { ReplayTransport } from '../../../../host/transport/replay.ts';
import { Backoff } from '../../../../host/transport/session/backoff.ts';
import { Bus } from '../../../../host/transport/session/bus.ts';
import { EchoFilter } from '../../../../host/transport/session/echo-filter.ts';
import type { DriverFrame } from '../../../../host/transport/session/driver.ts';
import type { MonitorEvent } from '../../../../host/transport/session/events.ts';
import { runMonitor } from '../../../../host/transport/session/monitor-session.ts';
import { toyDriver, toyReply, toyRequest } from './toy-driver.ts';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const raw = (f: DriverFrame | undefined): unknown => (f?.frame.fields as { raw?: number } | undefined)?.raw;

test('echo filter removes our bytes spread over chunks, and gives back held bytes when the data is not an echo', () => {
  const e = new EchoFilter();
  e.expect(bytes(1, 2, 3));
  assert.equal([...e.filter(bytes(1, 2))], []);
  assert.equal([...e.filter(bytes(3, 9))], [9]);
  assert.is(e.suppressed, 1);
  e.expect(bytes(1, 2, 3));
  assert.equal([...e.filter(bytes(1))], []);
  assert.equal([...e.filter(bytes(7, 8))], [1, 7, 8], 'a non-echoing adapter loses nothing');
  assert.equal([...e.filter(bytes(1, 2))], [1, 2], 'disarmed after a mismatch');
});

test('backoff doubles from 50 ms and caps at 800 ms; reset starts over', () => {
  const b = new Backoff();
  assert.equal([b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next()], [50, 100, 200, 400, 800, 800, 800]);
  b.reset();
  assert.is(b.next(), 50);
});

function twoUnitBus(echo: boolean): MockByteTransport {
  const m = new MockByteTransport({ echo });
  for (const addr of [1, 2]) {
    m.respond(toyRequest(addr, 1), [toyReply(addr, 1, 1320 + addr)]);
    m.respond(toyRequest(addr, 2), [toyReply(addr, 2, -500 * addr).subarray(0, 2), toyReply(addr, 2, -500 * addr).subarray(2)], { delay_ms: 1 });
  }
  return m;
}

test('the bus routes replies to the outstanding request, suppresses the adapter echo, and serialises concurrent requests', async () => {
  const m = twoUnitBus(true);
  await m.open();
  const bus = new Bus(m, toyDriver.framer());
  const [s1, s2] = toyDriver.cycle(1, () => []);
  const [t1] = toyDriver.cycle(2, () => []);
  const [a, b, c] = await Promise.all([bus.request(s1!, 200), bus.request(s2!, 200), bus.request(t1!, 200)]);
  assert.equal([raw(a.frames[0]), raw(b.frames[0]), raw(c.frames[0])], [1321, 0x10000 - 500, 1322]);
  assert.is(bus.counters.echoesSuppressed, 3);
  assert.is(bus.counters.misrouted, 0);
  assert.ok(m.written.every((w, i) => i === 0 || !equalBytes(w, m.written[i - 1]!)), 'one request at a time');
  await m.close();
});

test('a reply from the wrong unit is counted as misrouted; a bad checksum is counted and never decoded; a silent unit times out', async () => {
  const m = new MockByteTransport();
  m.respond(toyRequest(1, 1), [new Uint8Array([...toyReply(2, 1, 5), ...toyReply(1, 1, 7, true), 0x00, ...toyReply(1, 1, 1234)])]);
  await m.open();
  const bus = new Bus(m, toyDriver.framer());
  const [s1, s2] = toyDriver.cycle(1, () => []);
  const r = await bus.request(s1!, 200);
  assert.equal(r.frames.map(raw), [1234]);
  assert.equal([bus.counters.misrouted, bus.counters.checksumErrors, bus.counters.frames], [1, 1, 2]);
  const t = await bus.request(s2!, 20);
  assert.ok(t.timedOut);
  assert.is(bus.counters.timeouts, 1);
  await m.close();
});

test('the monitor polls every address, emits samples (discharge positive), survives an unplug with a reconnect, and stops at max-frames', async () => {
  const m = twoUnitBus(false);
  const events: MonitorEvent[] = [];
  const ac = new AbortController();
  let unplugged = false;
  const summary = await runMonitor({
    driver: toyDriver,
    port: m,
    addresses: [1, 2],
    interval_ms: 1,
    requestTimeout_ms: 100,
    maxFrames: 12,
    backoff: { first_ms: 5, cap_ms: 20 },
    signal: ac.signal,
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'sample' && !unplugged && events.filter((x) => x.type === 'sample').length === 2) {
        unplugged = true;
        m.unplug();
        setTimeout(() => m.replug(), 30);
      }
    },
  });
  const samples = events.flatMap((e) => (e.type === 'sample' ? [e.sample] : []));
  assert.equal(samples.slice(0, 2).map((s) => [s.address, s.voltage_V, s.current_A]), [[1, 13.21, 5], [2, 13.22, 10]]);
  const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  assert.equal(statuses.slice(0, 3), ['connected', 'disconnected', 'open-failed']);
  assert.ok(statuses.includes('connected', 1));
  assert.is(summary.endedBy, 'max-frames');
  assert.is(summary.frames, 12);
  assert.equal([summary.disconnects, summary.reconnects], [1, 1]);
  assert.ok(summary.maxOutage_ms >= 0);
});

test('a unit that never answers is reported as a timeout per request while the other unit keeps producing samples', async () => {
  const m = new MockByteTransport();
  m.respond(toyRequest(1, 1), [toyReply(1, 1, 1300)]);
  m.respond(toyRequest(1, 2), [toyReply(1, 2, 100)]);
  const events: MonitorEvent[] = [];
  const summary = await runMonitor({
    driver: toyDriver,
    port: m,
    addresses: [1, 2],
    interval_ms: 0,
    requestTimeout_ms: 5,
    maxFrames: 6,
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
  });
  const timeouts = events.flatMap((e) => (e.type === 'status' && e.status === 'timeout' ? [e] : []));
  assert.ok(timeouts.length >= 4);
  assert.ok(timeouts.every((t) => t.address === 2 && /no complete reply to 3c02/.test(t.detail)));
  assert.equal([...new Set(events.flatMap((e) => (e.type === 'sample' ? [e.sample.address] : [])))], [1]);
  assert.is(summary.timeouts, timeouts.length);
});

test('a recorded run replays (as fast as possible, lockstep) to the same samples, including across the disconnect', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-session-'));
  try {
    const file = join(dir, 'cap.jsonl');
    let tick = 1_000_000;
    const clock = (): number => (tick += 7);
    const mock = new MockByteTransport({ echo: true, clock });
    for (const addr of [1, 2]) {
      mock.respond(toyRequest(addr, 1), [toyReply(addr, 1, 1300 + addr)]);
      mock.respond(toyRequest(addr, 2), [toyReply(addr, 2, 250 * addr)]);
    }
    const cap = new CaptureWriter(file, { protocol: 'toy', transport: mock.name, started_ms: 0 });
    const live: MonitorEvent[] = [];
    let n = 0;
    await runMonitor({
      driver: toyDriver,
      port: new RecordingTransport(mock, cap, clock),
      addresses: [1, 2],
      interval_ms: 0,
      requestTimeout_ms: 100,
      maxFrames: 16,
      backoff: { first_ms: 1, cap_ms: 1 },
      signal: new AbortController().signal,
      onEvent: (e) => {
        live.push(e);
        if (e.type === 'sample' && ++n === 3) {
          mock.unplug();
          mock.replug();
        }
      },
    });
    cap.close();
    const replayed: MonitorEvent[] = [];
    const summary = await runMonitor({
      driver: toyDriver,
      port: new ReplayTransport(parseCapture(readFileSync(file, 'utf8'))),
      addresses: [1, 2],
      interval_ms: 0,
      requestTimeout_ms: 100,
      backoff: { first_ms: 1, cap_ms: 1 },
      signal: new AbortController().signal,
      onEvent: (e) => replayed.push(e),
    });
    const samplesOf = (ev: MonitorEvent[]): unknown[] => ev.flatMap((e) => (e.type === 'sample' ? [e.sample] : []));
    assert.ok(samplesOf(live).length >= 7);
    assert.equal(samplesOf(replayed), samplesOf(live));
    assert.is(summary.endedBy, 'end-of-data');
    assert.is(summary.disconnects, 1);
    assert.is(summary.echoesSuppressed, 16);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
