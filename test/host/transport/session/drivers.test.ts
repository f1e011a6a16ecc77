import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PollDriver } from '../../../../host/transport/session/driver.ts';
import { defaultAddresses, driverFor, MONITOR_PROTOCOLS } from '../../../../host/transport/session/drivers.ts';
import { UnitState } from '../../../../host/transport/session/unit-state.ts';
import { vector, vectorBytes } from '../scripted-device.ts';

function poll(d: ReturnType<typeof driverFor>): PollDriver {
  if (d.kind !== 'poll') throw new Error('expected a poll driver');
  return d;
}

function sampleOf(d: PollDriver, ...frames: Uint8Array[]): ReturnType<UnitState['sample']> {
  const framer = d.framer();
  const unit = new UnitState(1);
  for (const f of frames) for (const x of framer.push(f).frames) unit.merge(x);
  return unit.sample(0, d.sampleOptions(unit.frames));
}

test('every protocol has a driver; Daly and JK-PB poll address 1 by default, the others have no address', () => {
  for (const p of MONITOR_PROTOCOLS) assert.ok(driverFor(p));
  assert.equal(MONITOR_PROTOCOLS.map(defaultAddresses), [[0], [1], [0], [1], [0]]);
});

test('--invert-current flips the sign once, through toSample', () => {
  const frame = vectorBytes('daly-solarreader-90');
  const wire = vector('daly-solarreader-90').decoded.current_a as number;
  assert.is(sampleOf(poll(driverFor('daly')), frame)?.current_A, -wire);
  assert.is(sampleOf(poll(driverFor('daly', { invertCurrent: true })), frame)?.current_A, wire);
});

test('the Daly host address byte follows --daly-host and the board number', () => {
  const [first] = poll(driverFor('daly', { dalyHost: 0x80 })).cycle(1, () => []);
  assert.is(first?.request[1], 0x80);
  assert.is(poll(driverFor('daly')).cycle(3, () => [])[0]?.request[1], 0x42);
  assert.equal([...(poll(driverFor('daly')).cycle(1, () => [])[0]?.request ?? [])], [...vectorBytes('daly-request-0')]);
});

test('a forced JK layout is passed to the decoder (the wrong one gives other values than detection)', () => {
  const frame = vectorBytes('jk300-pb-rs485-status');
  const auto = sampleOf(poll(driverFor('jk300')), frame);
  assert.is(auto?.voltage_V, vector('jk300-pb-rs485-status').decoded.pack_voltage_v);
  const forced = sampleOf(poll(driverFor('jk300', { jkVariant: 'JK02_24S' })), frame);
  assert.is.not(forced?.voltage_V, auto?.voltage_V);
});

test.run();
