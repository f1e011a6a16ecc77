// The optional Catena-X BatteryPass 6.1.0 `performance` section: validates against the Catena-X
// schema, carries the measured values in Catena-X units, and lists every placeholder with its reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRecording } from '../../../host/readers/open.ts';
import { replayRecording } from '../../../host/replay/replay.ts';
import { recordFromReplay } from '../../../host/record/build.ts';
import { readIdentityConfig } from '../../../host/record/identity.ts';
import { buildCatenaxPerformance } from '../../../host/record/catenax.ts';
import { validateCatenaxPerformance } from '../../../host/record/passport-validate.ts';
import { EXTENSION } from '../../../host/record/annex-vii.ts';
import type { NotAvailable } from '../../../host/record/passport.ts';
import { EXPORTED_AT, smallRecord } from './sample.ts';

const record = recordFromReplay(replayRecording(openRecording('fixtures/B0005'), { ratedCapacity_Ah: 2 }), { exportedAt: EXPORTED_AT, sourceName: 'B0005', config: readIdentityConfig('record/identity.example.json') });
const perf = buildCatenaxPerformance(record);
const notAvailable = (perf[EXTENSION] as { notAvailable: NotAvailable[] }).notAvailable;
const at = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);

test('the Catena-X performance section of replayed B0005 validates against #/properties/performance', () => {
  assert.equal(validateCatenaxPerformance(perf), []);
  assert.equal(validateCatenaxPerformance(buildCatenaxPerformance(smallRecord())), []);
});

test('the validator can fail: a missing required group is refused', () => {
  const { rated: _rated, ...rest } = perf;
  assert.ok(validateCatenaxPerformance(rest).length > 0);
});

test('measured values are in Catena-X units, for the component the device measures', () => {
  const c = record.counters;
  assert.is(at(perf, 'dynamic.capacity.capacity.value'), Number(c.capacity_Ah!.toPrecision(6)));
  assert.is(at(perf, 'dynamic.capacity.throughput.value'), Number(c.dis_Ah!.toPrecision(6)));
  assert.is(at(perf, 'dynamic.energy.throughput.value'), Number((c.dis_Wh! / 1000).toPrecision(6)));
  assert.is(at(perf, 'dynamic.resistance.remaining.cell.value'), Number(c.resistance_ohm!.toPrecision(6)));
  assert.is(at(perf, 'rated.resistance.cell'), Number(c.resistance_bol_ohm!.toPrecision(6)));
  assert.is(at(perf, 'rated.voltage.max'), 4.2);
});

test('every placeholder sits where notAvailable says, with a reason', () => {
  for (const n of notAvailable) {
    assert.ok(n.reason.length > 20, n.attribute);
    if (n.placeholder !== null) assert.is(at(perf, n.attribute), n.placeholder, n.attribute);
  }
  assert.ok(notAvailable.some((n) => n.attribute === 'dynamic.resistance.remaining.pack.value' && /measures the cell/.test(n.reason)));
});

test.run();
