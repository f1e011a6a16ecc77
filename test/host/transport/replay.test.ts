import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCapture } from '../../../host/transport/capture-format.ts';
import { isDisconnect } from '../../../host/transport/errors.ts';
import { Pacer } from '../../../host/transport/pacing.ts';
import { EndOfData, ReplayTransport } from '../../../host/transport/replay.ts';

const capture = parseCapture(
  [
    '{"capture":"bms-edge capture v1","protocol":"jbd","transport":"serial:/dev/x@9600","started_ms":0}',
    '{"t_ms":100,"event":"connect"}',
    '{"t_ms":101,"dir":"tx","hex":"dda50300fffd77"}',
    '{"t_ms":110,"dir":"rx","hex":"dd03"}',
    '{"t_ms":120,"dir":"rx","hex":"0077"}',
    '{"t_ms":130,"event":"disconnect","detail":"gone"}',
    '{"t_ms":900,"event":"connect"}',
    '{"t_ms":950,"dir":"rx","hex":"ff"}',
    '',
  ].join('\n'),
);

test('replay as fast as possible gives each recorded rx chunk with its recorded time, the recorded disconnect, then resumes after reopen', async () => {
  const r = new ReplayTransport(capture);
  let disconnects = 0;
  r.onDisconnect(() => disconnects++);
  await r.open();
  await r.write(new Uint8Array([1]));
  const a = await r.read();
  assert.equal([Buffer.from(a.bytes).toString('hex'), a.time_ms], ['dd03', 110]);
  const b = await r.read();
  assert.equal([Buffer.from(b.bytes).toString('hex'), b.time_ms], ['0077', 120]);
  const err = await r.read().catch((e: unknown) => e);
  assert.ok(isDisconnect(err));
  assert.is(disconnects, 1);
  await r.open();
  const c = await r.read();
  assert.is(c.time_ms, 950);
  assert.instance(await r.read().catch((e: unknown) => e), EndOfData);
});

test('pacing at recorded timing delays each item by its recorded offset divided by the speed', () => {
  let now = 5000;
  const p = new Pacer({ speed: 2, now: () => now });
  assert.is(p.delayFor(100), 0);
  assert.is(p.delayFor(300), 100);
  now = 5150;
  assert.is(p.delayFor(300), 0, 'already due');
  assert.is(p.delayFor(700), 150);
  assert.is(new Pacer().delayFor(1e12), 0, 'asap never waits');
  assert.throws(() => new Pacer({ speed: 0 }));
});

test('replay at recorded timing (speed 1) rejects a read with TIMEOUT when the next chunk is due later than the timeout', async () => {
  let now = 0;
  const r = new ReplayTransport(capture, { speed: 1, now: () => now });
  await r.open();
  await r.write(new Uint8Array([1]));
  await r.read();
  const err = await r.read({ timeout_ms: 1 }).catch((e: unknown) => e);
  assert.is((err as { code: string }).code, 'TIMEOUT');
  now = 10;
  const b = await r.read({ timeout_ms: 1 });
  assert.is(b.time_ms, 120);
  await r.close();
});

test('lockstep: data recorded after a request is released only after the consumer writes; a read at the gate times out at once', async () => {
  const r = new ReplayTransport(capture);
  await r.open();
  const err = await r.read({ timeout_ms: 1000 }).catch((e: unknown) => e);
  assert.is((err as { code: string }).code, 'TIMEOUT');
  const waiting = r.read();
  await r.write(new Uint8Array([0xdd]));
  assert.is((await waiting).time_ms, 110);
  const free = new ReplayTransport(capture, { lockstep: false });
  await free.open();
  assert.is((await free.read()).time_ms, 110, 'without lockstep tx records are skipped');
});

test('requests recorded after the last received byte gate nothing: the replay ends (EndOfData) instead of waiting forever for a write', async () => {
  // an SLCAN capture ends with the close command ('C\r') the monitor sent the adapter
  const slcan = parseCapture(
    [
      '{"capture":"bms-edge capture v1","protocol":"slcan-pylon","transport":"serial:/dev/x@115200","started_ms":0}',
      '{"t_ms":1,"dir":"tx","hex":"4f0d"}',
      '{"t_ms":2,"dir":"rx","hex":"0d"}',
      '{"t_ms":3,"dir":"rx","hex":"74333535343343303036343030"}',
      '{"t_ms":4,"dir":"tx","hex":"430d"}',
      '',
    ].join('\n'),
  );
  const r = new ReplayTransport(slcan);
  await r.open();
  await r.write(new Uint8Array([0x4f, 0x0d]));
  assert.equal([(await r.read()).time_ms, (await r.read()).time_ms], [2, 3]);
  const end = await Promise.race([r.read().catch((e: unknown) => e), new Promise((res) => setTimeout(() => res('hung'), 1000))]);
  assert.instance(end, EndOfData);
});

test.run();
