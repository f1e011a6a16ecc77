// Histories from the core's replay: truncating a recording gives the device as it stood then, and
// the replay-built history carries measured capacity where the recording has it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRecording } from '../../../host/readers/open.ts';
import { truncateRecording, replayPath, historyFromReplay } from '../../../host/twin/replayed.ts';
import { loadNasaCycles } from '../../../host/twin/history.ts';

const B0005 = new URL('../../../fixtures/nasa-pcoe-battery/B0005', import.meta.url).pathname;

test('truncating B0005 at the start of discharge 41 keeps discharges 1..40 and no later sample', () => {
  const h = loadNasaCycles(B0005);
  const until_s = h.points[40]!.t_s;
  const rec = openRecording(B0005);
  const cut = truncateRecording(rec, until_s);
  assert.ok(cut.samples.length < rec.samples.length);
  assert.ok(cut.samples[cut.samples.length - 4]! < until_s, 'last sample before the cut');
  assert.is(cut.discharges.length, 40);
  const r = replayPath(B0005, until_s);
  assert.is(r.cycles.length, 40);
});

test('a replay-built history has one point per discharge with the measured capacity flagged as measured', () => {
  const r = replayPath(B0005, loadNasaCycles(B0005).points[20]!.t_s);
  const h = historyFromReplay(r, 'B0005');
  assert.is(h.points.length, 20);
  assert.is(h.points[0]!.capacity_Ah, 1.8565);
  assert.is(h.points[0]!.capacity_measured, true);
  assert.ok(h.points.every((p, i) => i === 0 || p.efc > h.points[i - 1]!.efc), 'EFC increases');
});

test.run();
