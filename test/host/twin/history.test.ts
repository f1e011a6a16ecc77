// Histories: the NASA cycles.csv reader (EFC from discharged Ah, Re + Rct, measured flags) and a
// History JSON file driving the twin CLI end to end.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNasaCycles, loadHistory, historyUntil, type History } from '../../../host/twin/history.ts';
import { runTwin } from '../../../host/twin/run.ts';
import { TwinError } from '../../../host/twin/errors.ts';

const DATA = new URL('../../../fixtures/nasa-pcoe-battery/', import.meta.url).pathname;

test('NASA B0005: 168 discharges, first capacity 1.8565 Ah, EFC = cumulative discharged Ah / 2.0, resistance from discharge 20', () => {
  const h = loadNasaCycles(DATA + 'B0005');
  assert.is(h.points.length, 168);
  assert.is(h.points[0]!.capacity_Ah, 1.8565);
  assert.is(h.points[0]!.capacity_measured, true);
  assert.ok(Math.abs(h.points[0]!.efc - 1.8622 / 2) < 1e-9);
  assert.is(h.points[18]!.resistance_ohm, null);
  assert.ok(h.points[19]!.resistance_ohm! > 0.1 && h.points[19]!.resistance_ohm! < 0.13);
  assert.is(historyUntil(h, 67).points.length, 67);
});

test('a History JSON file calibrates and projects like any recording', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hist-'));
  const h = loadNasaCycles(DATA + 'B0018');
  const file = join(dir, 'b18.json');
  const doc: History = { ...h, source: 'b18 export' };
  writeFileSync(file, JSON.stringify(doc));
  const viaJson = runTwin(file, { historyUntilCycle: 53, thresholds: [0.7] });
  const viaFolder = runTwin(DATA + 'B0018', { historyUntilCycle: 53, thresholds: [0.7], labTruth: true });
  assert.is(viaJson.history.source, 'b18 export');
  assert.equal(viaJson.projection.thresholds, viaFolder.projection.thresholds);
});

test('missing paths, folders without cycles.csv and JSON without points are BAD_HISTORY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hist-'));
  writeFileSync(join(dir, 'x.json'), JSON.stringify({ hello: 1 }));
  for (const p of ['/nonexistent', join(dir, 'x.json'), dir]) {
    assert.throws(() => loadHistory(p), (e: unknown) => e instanceof TwinError && e.code === 'BAD_HISTORY', p);
  }
});

test.run();
