// A battery record (bms-edge export: CBOR or its JSON form) as twin, grade and report input: the
// history is the core's capacity updates from the record's log, the device view its counters,
// histograms and events. Built here from the B0005 replay with the record module's own builder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayPath } from '../../../host/twin/replayed.ts';
import { recordFromReplay } from '../../../host/record/build.ts';
import { encodeRecord, recordToJson } from '../../../host/record/codec.ts';
import { loadHistory } from '../../../host/twin/history.ts';
import { runTwin } from '../../../host/twin/run.ts';
import { assess } from '../../../host/grade/assess.ts';
import { gradeEvidence } from '../../../host/grade/rules.ts';
import { buildReportData } from '../../../host/report/data.ts';

const B0005 = new URL('../../../fixtures/nasa-pcoe-battery/B0005', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rec-'));
const rec = recordFromReplay(replayPath(B0005), { exportedAt: '2026-11-29T00:00:00Z', sourceName: 'B0005' });
const cbor = join(dir, 'b5.cbor');
const json = join(dir, 'b5.json');
writeFileSync(cbor, encodeRecord(rec));
writeFileSync(json, JSON.stringify(recordToJson(rec)));

test('the history of a record is its capacity updates, with EFC rising and the last estimate near the measured 1.3251 Ah (±3 %)', () => {
  for (const path of [cbor, json]) {
    const h = loadHistory(path);
    assert.is(h.ratedCapacity_Ah, 2);
    assert.ok(h.points.length >= 100, `${h.points.length} updates`);
    assert.ok(h.points.every((p, i) => i === 0 || p.efc >= h.points[i - 1]!.efc));
    const last = h.points[h.points.length - 1]!.capacity_Ah!;
    assert.ok(Math.abs(last / 1.3251 - 1) < 0.03, `last estimate ${last}`);
  }
});

test('twin on a CBOR record calibrates and projects; grade on the JSON form uses the estimate (not measured)', () => {
  const t = runTwin(cbor, { thresholds: [0.6] });
  assert.ok(t.projection.thresholds[0]!.cycle !== null);
  const a = assess(json);
  assert.is(a.evidence.soh_source, 'estimated');
  assert.ok(a.evidence.capacityUpdates >= 100);
  assert.ok(a.evidence.resistanceRatio !== null);
  const g = gradeEvidence(a.evidence);
  assert.is(g.soh_resistance_band, 'light-duty');
});

test('the report data of a record has histograms and core estimates', () => {
  const d = buildReportData(cbor);
  assert.ok(d.temperature !== null && d.temperature.rest_h.some((x) => x > 0));
  assert.ok(d.dod !== null && d.dod.cycles.some((x) => x > 0));
  assert.ok(d.capacity.estimate_Ah.filter((x) => x !== null).length >= 100);
});

test.run();
