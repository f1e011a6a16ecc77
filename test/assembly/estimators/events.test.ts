// Negative events: a violation counts once it has persisted for its limit's confirmation time (at two
// or more samples), dated at its onset and logged with the worst value of the excursion; re-armed only
// after the value is back inside the limit by the hysteresis. Excursions that clear sooner are never
// events: one or two samples at rest are sensor glitches (GLITCH), anything else a transient
// (TRANSIENT), each counted in its own slot counter. Defaults (layout/presets.ts): voltage and
// current 1 s, temperature 5 s, glitch <= 2 samples.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Core, Flag, EVENT_NAME } from '../../../host/core/core.ts';

const OV = 0; // EventType.OVER_VOLTAGE
const logged = (core: Core, type: string) => core.logRecords().filter((r) => r.typeName === type);

test('a held over-voltage while charging counts once at confirmation, worst value of the excursion; a second excursion counts again', () => {
  const core = Core.create({ chemistry: 'NMC' }); // lim_v_max 4.25 V
  let t = 0;
  let flags = 0;
  for (const v of [4.1, 4.26, 4.27, 4.251, 4.26, 4.3, 4.1, 4.26, 4.28, 4.1]) flags |= core.step((t += 1), v, -1, 25);
  assert.ok(flags & Flag.EVENT);
  const ev = core.region('EVENTS', OV);
  assert.is(ev.count, 2);
  assert.ok(Math.abs((ev.worst as number) - 4.3) < 1e-6, 'worst value (f32)');
  assert.is(ev.last_t_s, 8, 'the second event is dated at its onset');
  assert.equal(logged(core, 'EVENT').map((r) => EVENT_NAME[r.a]), ['OVER_VOLTAGE', 'OVER_VOLTAGE']);
  assert.is(ev.glitches, 0);
  assert.is(ev.transients, 0);
});

test('one- and two-sample over-voltage at rest are sensor glitches, never events; a third sample at rest confirms', () => {
  const core = Core.create({ chemistry: 'NMC' });
  let t = 0;
  for (const v of [4.1, 4.52, 4.1, 4.52, 4.52, 4.1]) core.step((t += 2.5), v, 0, 25);
  let ev = core.region('EVENTS', OV);
  assert.is(ev.count, 0, 'no event');
  assert.is(ev.glitches, 2, 'two glitches counted apart');
  const g = logged(core, 'GLITCH');
  assert.equal(g.map((r) => [EVENT_NAME[r.a], Math.round(r.b * 100) / 100, r.c]), [['OVER_VOLTAGE', 4.52, 1], ['OVER_VOLTAGE', 4.52, 2]]);
  assert.is(core.snapshot().events_total, 0);
  for (const v of [4.3, 4.3, 4.3]) core.step((t += 2.5), v, 0, 25);
  ev = core.region('EVENTS', OV);
  assert.is(ev.count, 1, 'three samples at rest over 5 s: a real over-voltage');
});

test('a one-sample dip below the deep-discharge limit under load is a transient, not an event', () => {
  const core = Core.create({ chemistry: 'NMC' }); // deep 2.5 V, under-voltage limit above it
  core.step(0, 3.2, 2, 25);
  core.step(15, 2.4, 2, 25); // the last sample before the load is cut (NASA: 10-19 s apart under load)
  core.step(30, 3.3, 0, 25);
  const s = core.snapshot();
  assert.is(s.deep_discharge_events, 0);
  assert.is(core.region('EVENTS', 2).transients, 1);
  assert.ok(logged(core, 'TRANSIENT').some((r) => EVENT_NAME[r.a] === 'DEEP_DISCHARGE'));
  assert.is(logged(core, 'EVENT').length, 0);
});

test('a deep discharge held under load is an event (and an under-voltage); over-current has its own counter', () => {
  const core = Core.create({ chemistry: 'NMC' }); // deep 2.5 V, discharge limit 12 A
  core.step(0, 2.4, 1, 25);
  core.step(1, 2.4, 1, 25);
  core.step(2, 3.7, 20, 25);
  core.step(3, 3.7, 20, 25);
  const s = core.snapshot();
  assert.is(s.deep_discharge_events, 1);
  assert.is(core.region('EVENTS', 3).count, 1);
  assert.is(s.events_total, 3, 'deep discharge is also an under-voltage');
});

test('charging below 0 degC for the confirmation time is a charge under-temperature event; resting there is not', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(0, 3.7, 0, -5);
  core.step(10, 3.7, 0, -5);
  assert.is(core.region('EVENTS', 8).count, 0);
  core.step(11, 3.8, -1, -5);
  core.step(13, 3.8, -1, -5);
  assert.is(core.region('EVENTS', 8).count, 0, '2 s < 5 s: not yet');
  core.step(17, 3.8, -1, -5);
  assert.is(core.region('EVENTS', 8).count, 1);
});

test('confirmation 0 s and no glitch window: every violation counts at its first sample (the earlier behaviour)', () => {
  const core = Core.create({ chemistry: 'NMC', overrides: { ev_confirm_voltage_s: 0, ev_glitch_samples: 0 } });
  core.step(0, 4.1, 0, 25);
  core.step(1, 4.3, 0, 25);
  assert.is(core.region('EVENTS', OV).count, 1);
});

test.run();
