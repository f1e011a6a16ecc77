/**
 * listenSession counts what it cannot use by cause: a CAN id the Pylontech/SMA DBC does not
 * describe is an `unknownIds` count (another device on the bus, newer firmware), a remote frame is
 * `misrouted`; neither stops the session or becomes a sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCanLine } from '../../../../host/protocols/pylon-can.ts';
import { pylonDriver } from '../../../../host/transport/session/can-drivers.ts';
import { listenSession } from '../../../../host/transport/session/listen-session.ts';
import { UnitState } from '../../../../host/transport/session/unit-state.ts';
import type { CanFrame, CanTransport } from '../../../../host/transport/transport.ts';
import type { MonitorEvent } from '../../../../host/transport/session/events.ts';

test('ids outside the DBC are counted as unknown ids, remote frames as misrouted, every DBC id as a frame; a sample per 0x356', async () => {
  const lines = ['355#3C006400', '123#0102', '356#6C140400DC00', '18FF50E5#00', '35F#0100020164000000', '356#R', '379#6400', '356#6C140400DC00'];
  const frames: CanFrame[] = lines.map((l, k) => ({ ...parseCanLine(`(${k}.0) can0 ${l}`), time_ms: k * 1000 }));
  let reads = 0;
  const can = { read: async () => (reads++ === 0 ? frames : []) } as unknown as CanTransport;
  const counters = { frames: 0, misrouted: 0, unknownIds: 0 };
  const events: MonitorEvent[] = [];
  await listenSession({ can, driver: pylonDriver(), unit: new UnitState(0), counters, shouldStop: () => reads > 1, emit: (e) => events.push(e) });
  assert.equal(counters, { frames: 5, misrouted: 1, unknownIds: 2 });
  assert.is(events.filter((e) => e.type === 'sample').length, 2);
});

test.run();
