import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDisconnect, TransportClosed, TransportError } from '../../../host/transport/errors.ts';
import { MockByteTransport, MockCanTransport } from '../../../host/transport/mock.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('a scripted reply split in pieces arrives after the matching write; unmatched writes get nothing', async () => {
  const m = new MockByteTransport();
  m.respond(new Uint8Array([0xdd, 0xa5, 0x03]), [new Uint8Array([1, 2]), new Uint8Array([3])], { delay_ms: 1 });
  await m.open();
  await m.write(new Uint8Array([0xdd, 0xa5, 0x04]));
  const none = await m.read({ timeout_ms: 10 }).catch((e: unknown) => e);
  assert.is((none as TransportError).code, 'TIMEOUT');
  await m.write(new Uint8Array([0xdd, 0xa5, 0x03]));
  let got = '';
  while (got.length < 6) got += hex((await m.read({ timeout_ms: 100 })).bytes);
  assert.is(got, '010203');
  assert.is(m.written.length, 2);
  await m.close();
});

test('echo mode returns our own bytes first (half-duplex adapter)', async () => {
  const m = new MockByteTransport({ echo: true });
  m.respond(() => true, [new Uint8Array([0xaa])]);
  await m.open();
  await m.write(new Uint8Array([1, 2]));
  const chunk = await m.read();
  assert.is(hex(chunk.bytes).slice(0, 4), '0102');
  await m.close();
});

test('unplug disconnects like a device: listeners once, pending read closed by DISCONNECTED, open refused until replug', async () => {
  const m = new MockByteTransport();
  await m.open();
  const seen: string[] = [];
  m.onDisconnect((e) => seen.push(e.code));
  const pending = m.read().catch((e: unknown) => e);
  m.unplug();
  const err = await pending;
  assert.instance(err, TransportClosed);
  assert.ok(isDisconnect(err));
  assert.equal(seen, ['DISCONNECTED']);
  assert.is(((await m.open().catch((e: unknown) => e)) as TransportError).code, 'OPEN_FAILED');
  m.replug();
  await m.open();
  m.feedBytes(new Uint8Array([5]));
  assert.equal([...(await m.read()).bytes], [5]);
  await m.close();
});

test('an injected read error is thrown once, then reads continue', async () => {
  const m = new MockByteTransport();
  await m.open();
  m.injectReadError();
  assert.is(((await m.read().catch((e: unknown) => e)) as TransportError).code, 'INJECTED');
  m.feedBytes(new Uint8Array([7]));
  assert.equal([...(await m.read()).bytes], [7]);
  await m.close();
});

test('close cancels scheduled deliveries and settles the pending read', async () => {
  const m = new MockCanTransport();
  await m.open();
  m.feedAfter(1000, { id: 0x351, extended: false, rtr: false, dlc: 0, data: new Uint8Array(), time_ms: 0 });
  const pending = m.read().catch((e: unknown) => e);
  await m.close();
  assert.instance(await pending, TransportClosed);
});

test.run();
