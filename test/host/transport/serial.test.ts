import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SerialPort } from 'serialport';
import { isDisconnect, TransportClosed, TransportError } from '../../../host/transport/errors.ts';
import { SerialTransport } from '../../../host/transport/serial.ts';
import { openPtyPair } from '../../helpers/pty.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function farEnd(path: string): Promise<SerialPort> {
  const p = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((res, rej) => p.open((e) => (e ? rej(e) : res())));
  p.on('error', () => undefined);
  return p;
}

test('one read returns every byte that arrived, not one byte per call', async () => {
  const pty = await openPtyPair();
  const t = new SerialTransport({ path: pty.a, baud: 115200 });
  const far = await farEnd(pty.b);
  try {
    await t.open();
    const sent = Buffer.alloc(300, 0).map((_, i) => i & 0xff);
    far.write(sent);
    await sleep(150);
    const chunk = await t.read({ timeout_ms: 1000 });
    assert.is(chunk.bytes.length, 300);
    assert.equal(Buffer.from(chunk.bytes), sent);
    assert.ok(chunk.time_ms > 0);
  } finally {
    far.close();
    await t.close();
    await pty.close();
  }
});

test('writes reach the far end; read timeout rejects with TIMEOUT and keeps the port open', async () => {
  const pty = await openPtyPair();
  const t = new SerialTransport({ path: pty.a, baud: 9600 });
  const far = await farEnd(pty.b);
  try {
    await t.open();
    const got = new Promise<Buffer>((res) => far.once('data', res));
    await t.write(new Uint8Array([0xdd, 0xa5, 0x03, 0x00, 0xff, 0xfd, 0x77]));
    assert.is((await got).toString('hex'), 'dda50300fffd77');
    const err = await t.read({ timeout_ms: 30 }).catch((e: unknown) => e);
    assert.instance(err, TransportError);
    assert.is((err as TransportError).code, 'TIMEOUT');
    assert.ok(t.isOpen);
    far.write(Buffer.from([1, 2, 3]));
    assert.equal([...(await t.read({ timeout_ms: 1000 })).bytes], [1, 2, 3]);
  } finally {
    far.close();
    await t.close();
    await pty.close();
  }
});

test('close settles a pending read with TransportClosed; later reads and writes too', async () => {
  const pty = await openPtyPair();
  const t = new SerialTransport({ path: pty.a, baud: 9600 });
  try {
    await t.open();
    const pending = t.read().catch((e: unknown) => e);
    await t.close();
    assert.instance(await pending, TransportClosed);
    assert.instance(await t.read().catch((e: unknown) => e), TransportClosed);
    assert.instance(await t.write(new Uint8Array([1])).catch((e: unknown) => e), TransportClosed);
  } finally {
    await pty.close();
  }
});

test('a second owner of the port is refused with PORT_BUSY; a concurrent read with BUSY', async () => {
  const pty = await openPtyPair();
  const t = new SerialTransport({ path: pty.a, baud: 9600 });
  const t2 = new SerialTransport({ path: pty.a, baud: 9600 });
  try {
    await t.open();
    const err = await t2.open().catch((e: unknown) => e);
    assert.instance(err, TransportError);
    assert.is((err as TransportError).code, 'PORT_BUSY');
    const first = t.read().catch((e: unknown) => e);
    const second = await t.read().catch((e: unknown) => e);
    assert.is((second as TransportError).code, 'BUSY');
    await t.close();
    assert.instance(await first, TransportClosed);
  } finally {
    await t.close();
    await t2.close();
    await pty.close();
  }
});

test('a missing device fails to open with OPEN_FAILED', async () => {
  const t = new SerialTransport({ path: '/nonexistent/ttyUSB9', baud: 9600 });
  const err = await t.open().catch((e: unknown) => e);
  assert.is((err as TransportError).code, 'OPEN_FAILED');
});

test('unplug (socat killed) settles the read with TransportClosed caused by DISCONNECTED, fires onDisconnect once, and the port reopens after replug', async () => {
  const pty = await openPtyPair();
  const t = new SerialTransport({ path: pty.a, baud: 9600 });
  try {
    await t.open();
    const events: TransportError[] = [];
    t.onDisconnect((e) => events.push(e));
    const pending = t.read().catch((e: unknown) => e);
    await pty.unplug();
    const err = await pending;
    assert.instance(err, TransportClosed);
    assert.ok(isDisconnect(err));
    assert.is(events.length, 1);
    assert.is(events[0]?.code, 'DISCONNECTED');
    assert.not.ok(t.isOpen);
    assert.is(((await t.open().catch((e: unknown) => e)) as TransportError).code, 'OPEN_FAILED');
    await pty.replug();
    await t.open();
    const far = await farEnd(pty.b);
    far.write(Buffer.from([9, 8, 7]));
    assert.equal([...(await t.read({ timeout_ms: 1000 })).bytes], [9, 8, 7]);
    far.close();
  } finally {
    await t.close();
    await pty.close();
  }
});

test.run();
