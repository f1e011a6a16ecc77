import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MonitorEvent, MonitorSummary } from '../../../../host/transport/session/events.ts';
import { formatSampleLine, makePrinter } from '../../../../host/transport/session/output.ts';

const sample: Extract<MonitorEvent, { type: 'sample' }> = {
  type: 'sample',
  sample: { time_ms: 0, address: 1, voltage_V: 66.23, current_A: 20.12, temp_degC: 23.7, tempAssumed: false, cellMin_V: 3.783, cellMax_V: 3.791, cellDelta_V: 0.008, bmsSoc: 0.87 },
  core: { soc: 0.5, soh: 1, events_total: 2, flags: 1 | 64, flagNames: ['ACCEPTED', 'OVER_TEMP'], seriesCells: 17 },
};
const status: MonitorEvent = { type: 'status', status: 'disconnected', time_ms: 0, detail: 'EIO; reconnecting' };
const summary: MonitorSummary = { endedBy: 'signal', frames: 8, samples: 4, checksumErrors: 1, skippedBytes: 3, misrouted: 0, unknownIds: 0, undecodable: 0, timeouts: 2, echoesSuppressed: 8, rxBytes: 400, disconnects: 1, reconnects: 1, maxOutage_ms: 850 };

function sink(isTTY: boolean): { out: { write(s: string): boolean; isTTY: boolean }; text: () => string } {
  let text = '';
  return { out: { write: (s: string) => ((text += s), true), isTTY }, text: () => text };
}

test('the status line shows the core SOC/SOH, V, I (discharge positive), T, cell range and delta, events and raised flags', () => {
  assert.is(formatSampleLine(sample), '#1 | SOC  50.0% | SOH 100.0% | 66.23 V |  20.12 A | 23.7 degC | cells 3.783..3.791 V d 8 mV | events 2 [OVER_TEMP]');
  const { core: _core, ...bmsOnly } = sample;
  assert.match(formatSampleLine(bmsOnly), 'SOC  87.0% (BMS)');
});

test('on a TTY samples rewrite one line and status events print above it; in a pipe every sample is a line', () => {
  const tty = sink(true);
  const p = makePrinter(tty.out, false);
  p.event(sample);
  p.event(sample);
  p.event(status);
  p.summary(summary);
  const t = tty.text();
  assert.is(t.split('\n').length, 5, 'status line, status event, 3 summary lines');
  assert.ok(t.startsWith('\r\x1b[2K#1'));
  assert.match(t, 'disconnected: EIO; reconnecting');
  assert.match(t, 'longest outage 0.85 s');
  const pipe = sink(false);
  const q = makePrinter(pipe.out, false);
  q.event(sample);
  q.event(sample);
  assert.is(pipe.text().split('\n').filter(Boolean).length, 2);
  assert.not.match(pipe.text(), '\x1b');
});

test('--json prints one JSON object per line, the summary last', () => {
  const s = sink(true);
  const p = makePrinter(s.out, true);
  p.event(sample);
  p.event(status);
  p.summary(summary);
  const lines = s.text().trim().split('\n').map((l) => JSON.parse(l) as { type: string });
  assert.equal(lines.map((l) => l.type), ['sample', 'status', 'summary']);
});

test.run();
