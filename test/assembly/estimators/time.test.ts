/**
 * Time: no overflow in the interval arithmetic whatever the jump (property test, jumps up to +-1e20 s);
 * a misbehaving clock (counting down, two clocks interleaved) writes O(log n) log records, so it can
 * never evict the events already logged; and the documented way across a reboot with an uptime clock
 * (time_resume_offset) continues the time base as a gap, keeping the capacity pair, where the naive
 * restart is a backwards clock that loses it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Core, Flag } from '../../../host/core/core.ts';
import { LogType } from '../../../layout/core-layout.ts';
import { TestCell, allFinite } from '../../helpers/cell.ts';

test('jumps up to +-1e20 s: a forward jump is never a backwards clock, a backward one always is, the state stays finite', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.double({ min: -1e20, max: 1e20, noNaN: true }), fc.constantFrom(1e20, -1e20, 4.7e15, -4.7e15, 2.3e15, -2.3e15, 1e16, 1, 10)), { minLength: 2, maxLength: 60 }), (times) => {
      const core = Core.create({ chemistry: 'NMC' });
      let last: number | undefined;
      for (const t of times) {
        const flags = core.step(t, 3.7, 1, 25);
        if (last !== undefined && flags & Flag.ACCEPTED) {
          if (t > last) assert.is(flags & Flag.CLOCK_BACKWARDS, 0, `${last} -> ${t} is forward`);
          if (t < last) assert.ok(flags & Flag.CLOCK_BACKWARDS, `${last} -> ${t} is backwards`);
        }
        if (flags & Flag.ACCEPTED) last = t;
      }
      assert.ok(allFinite(core.snapshot()));
    }),
    { numRuns: 500, seed: 7 },
  );
});

test('the jump the issue found (beyond 4.6e15 s) is a forward gap, not a backwards clock', () => {
  const core = Core.create({ chemistry: 'NMC' });
  core.step(-4.7e15, 3.7, 0, 25);
  const f = core.step(4.7e15, 3.7, 0, 25);
  assert.is(f & Flag.CLOCK_BACKWARDS, 0);
  assert.ok(f & Flag.GAP);
  const g = core.step(1e20, 3.7, 0, 25);
  assert.ok(g & Flag.GAP);
  assert.ok(core.step(2e20, 3.7, 0, 25) & Flag.GAP, 'two time stamps past the ms range still order by value');
  assert.ok(core.step(1.5e20, 3.7, 0, 25) & Flag.CLOCK_BACKWARDS);
});

function eventsThenFlood(clock: (k: number) => number, n: number): { before: number[]; after: number[]; written: number } {
  const core = Core.create({ chemistry: 'NMC' }); // SUMMARY every 3600 s
  for (let k = 0; k < 200; k++) core.step(1000 + k * 10, k % 50 < 3 ? 4.4 : 3.7, 1, 25); // over-voltage events
  const events = core.logRecords().filter((r) => r.type === LogType.EVENT).map((r) => r.seq);
  const seq0 = core.snapshot().log_next_seq!;
  for (let k = 0; k < n; k++) core.step(clock(k), 3.7, 1, 25);
  const written = core.snapshot().log_next_seq! - seq0;
  const held = new Set(core.logRecords().map((r) => r.seq));
  return { before: events, after: events.filter((s) => held.has(s)), written };
}

test('a clock counting down writes O(log n) records over 10,000 samples: every event logged before stays', () => {
  const r = eventsThenFlood((k) => 1e6 - k * 10, 10000);
  assert.ok(r.before.length >= 3, `${r.before.length} events`);
  assert.equal(r.after, r.before);
  assert.ok(r.written <= 2 * Math.log2(10000) + 4, `${r.written} records for 10,000 backwards samples`);
});

test('two interleaved clocks (one an hour ahead) write O(log n) records: every event stays', () => {
  const r = eventsThenFlood((k) => 5000 + Math.floor(k / 2) * 10 + (k % 2 ? 3600 : 0), 10000);
  assert.equal(r.after, r.before);
  // clock faults: O(log n) fault records and re-armed summaries; plus the periodic summaries of B's 50,000 s
  assert.ok(r.written <= 4 * Math.log2(10000) + 50000 / 3600 + 4, `${r.written} records`);
});

/** A cell cycled to full (the full anchor opens a capacity pair), rested, saved at uptime `t`. */
function beforeReboot(): { core: Core; cell: TestCell } {
  const core = Core.create({ chemistry: 'NMC', ratedCapacity_Ah: 4 });
  const cell = new TestCell('NMC', 3.6, 0.02, 0.2);
  cell.t_s = 0;
  while (cell.soc < 0.995) core.step(...cell.step(10, -2));
  for (let k = 0; k < 100; k++) core.step(...cell.step(10, -0.05)); // CV taper: full anchor
  for (let k = 0; k < 60; k++) core.step(...cell.step(10, 0)); // rest
  return { core, cell };
}

test('across a reboot with an uptime clock: time_resume_offset continues the time base as a gap and keeps the capacity pair; the naive restart does not', () => {
  const { core, cell } = beforeReboot();
  assert.is(core.region('CAPACITY').pair_open, 1, 'a pair is open before the reboot');
  const image = core.saveState();
  // naive: the uptime clock restarts at 0
  const naive = Core.create({ chemistry: 'NMC' });
  assert.is(naive.restoreState(image), 0);
  const nf = naive.step(5, cell.ocvAt(cell.soc), 0, 25);
  assert.ok(nf & Flag.CLOCK_BACKWARDS, 'the naive restart is a backwards clock');
  assert.is(naive.region('CAPACITY').pair_open, 0, 'and loses the pair');
  // documented: offset = time_resume_offset(uptime now), added to every later time stamp
  const dev = Core.create({ chemistry: 'NMC' });
  assert.is(dev.restoreState(image), 0);
  const offset = dev.timeResumeOffset(0);
  const f = dev.step(5 + offset, cell.ocvAt(cell.soc), 0, 25);
  assert.is(f & Flag.CLOCK_BACKWARDS, 0);
  assert.ok(f & Flag.GAP, 'the off-time is a gap');
  assert.is(dev.region('CAPACITY').pair_open, 1, 'the pair survives a rest gap');
  // and the pair closes into a capacity update on the next empty anchor
  let t = 5;
  const updates0 = dev.snapshot().capacity_updates!;
  while (cell.soc > 0.01) { t += 10; const s = cell.step(10, 2); dev.step(t + offset, s[1], s[2], s[3]); }
  for (let k = 0; k < 10; k++) { t += 10; const s = cell.step(10, 2); dev.step(t + offset, s[1] - 0.3, s[2], s[3]); }
  assert.ok(dev.snapshot().capacity_updates! > updates0, 'the pair opened before the reboot gave a capacity update');
  assert.is(Core.create({ chemistry: 'NMC' }).timeResumeOffset(100), 0, 'no offset before any sample');
});

test.run();
