// Negative events: counted once at onset, logged with their worst value, re-armed only after the
// value is back inside the limit by the hysteresis.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag, EVENT_NAME } from '../../../host/core/core.ts';

test('a voltage sitting on the over-voltage limit counts once; leaving and re-entering counts again', () => {
  const core = Core.create({ chemistry: 'NMC' }); // lim_v_max 4.25 V
  let t = 0;
  let flags = 0;
  for (const v of [4.1, 4.26, 4.27, 4.251, 4.26, 4.3, 4.1, 4.26]) flags |= core.step((t += 1), v, 0, 25);
  assert.ok(flags & Flag.EVENT);
  const ev = core.region('EVENTS', 0);
  assert.is(ev.count, 2);
  assert.ok(Math.abs((ev.worst as number) - 4.3) < 1e-6, "worst value (f32)");
  const logged = core.logRecords().filter((r) => r.typeName === 'EVENT');
  assert.equal(logged.map((r) => EVENT_NAME[r.a]), ['OVER_VOLTAGE', 'OVER_VOLTAGE']);
});

test('charging below 0 degC is a charge under-temperature event; resting there is not', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(0, 3.7, 0, -5);
  core.step(1, 3.7, 0, -5);
  assert.is(core.region('EVENTS', 8).count, 0);
  core.step(2, 3.8, -1, -5);
  assert.is(core.region('EVENTS', 8).count, 1);
});

test('deep discharge and over-current are separate events with their own counters', () => {
  const core = Core.create({ chemistry: 'NMC' }); // deep 2.5 V, discharge limit 12 A
  core.step(0, 2.4, 1, 25);
  core.step(1, 3.7, 20, 25);
  const s = core.snapshot();
  assert.is(s.deep_discharge_events, 1);
  assert.is(core.region('EVENTS', 3).count, 1);
  assert.is(s.events_total, 3, 'deep discharge is also an under-voltage');
});

test.run();
