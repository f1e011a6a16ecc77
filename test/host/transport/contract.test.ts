/**
 * The Transport contract (host/transport/transport.ts), checked on every implementation that can
 * be driven from a test: the mocks, the serial port over a pty, SLCAN over a mock port, the capture
 * replay and the candump file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { CandumpFileTransport } from '../../../host/transport/candump-file.ts';
import { parseCapture } from '../../../host/transport/capture-format.ts';
import { TransportClosed, TransportError } from '../../../host/transport/errors.ts';
import { MockByteTransport, MockCanTransport } from '../../../host/transport/mock.ts';
import { ReplayTransport } from '../../../host/transport/replay.ts';
import { SerialTransport } from '../../../host/transport/serial.ts';
import { SlcanTransport } from '../../../host/transport/slcan.ts';
import type { Transport } from '../../../host/transport/transport.ts';
import { openPtyPair } from '../../helpers/pty.ts';

interface Rig {
  t: Transport<unknown, never>;
  /** Makes one item arrive (may be undefined for sources that always have data). */
  arrive(): Promise<void>;
  /** Whether reads can wait for nothing (false for files and replays that are all there). */
  canBeIdle: boolean;
  cleanup(): Promise<void>;
}

const can = { id: 0x356, extended: false, rtr: false, dlc: 1, data: new Uint8Array([1]), time_ms: 1 };

const rigs: Record<string, () => Promise<Rig>> = {
  'mock bytes': async () => {
    const m = new MockByteTransport();
    return { t: m as unknown as Rig['t'], arrive: async () => m.feedBytes(new Uint8Array([1, 2])), canBeIdle: true, cleanup: async () => undefined };
  },
  'mock CAN': async () => {
    const m = new MockCanTransport();
    return { t: m as unknown as Rig['t'], arrive: async () => m.feed(can), canBeIdle: true, cleanup: async () => undefined };
  },
  'serial over a pty': async () => {
    const pty = await openPtyPair();
    const far = new SerialPort({ path: pty.b, baudRate: 9600, autoOpen: false, lock: false });
    await new Promise<void>((res, rej) => far.open((e) => (e ? rej(e) : res())));
    const t = new SerialTransport({ path: pty.a, baud: 9600 });
    return {
      t: t as unknown as Rig['t'],
      arrive: () => new Promise<void>((res) => far.write(Buffer.from([1, 2, 3]), () => far.drain(() => setTimeout(res, 30)))),
      canBeIdle: true,
      cleanup: async () => {
        far.close();
        await t.close();
        await pty.close();
      },
    };
  },
  'SLCAN over a mock port': async () => {
    const port = new MockByteTransport();
    port.respond((w) => Buffer.from(w).toString('latin1') !== 't3560101\r', [new Uint8Array([0x0d])]);
    const t = new SlcanTransport(port, { ack_ms: 5 });
    return { t: t as unknown as Rig['t'], arrive: async () => port.feedBytes(new Uint8Array(Buffer.from('t3561AA\r'))), canBeIdle: true, cleanup: async () => undefined };
  },
  'capture replay': async () => {
    const cap = parseCapture('{"capture":"bms-edge capture v1","protocol":"x","transport":"y","started_ms":0}\n{"t_ms":1,"dir":"rx","hex":"01"}\n{"t_ms":2,"dir":"rx","hex":"02"}\n');
    const t = new ReplayTransport(cap);
    return { t: t as unknown as Rig['t'], arrive: async () => undefined, canBeIdle: false, cleanup: async () => undefined };
  },
  'candump file': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bms-edge-contract-'));
    const file = join(dir, 'a.log');
    writeFileSync(file, '(1.0) can0 356#01\n(2.0) can0 356#02\n');
    const t = new CandumpFileTransport(file);
    return { t: t as unknown as Rig['t'], arrive: async () => undefined, canBeIdle: false, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

for (const [name, make] of Object.entries(rigs)) {
  test(`${name}: reads return what arrived, close settles a pending read and every later call with TransportClosed`, async () => {
    const rig = await make();
    try {
      await rig.t.open();
      await rig.arrive();
      const got = await rig.t.read({ timeout_ms: 1000 });
      assert.ok(Array.isArray(got) ? got.length > 0 : (got as { bytes: Uint8Array }).bytes.length > 0);
      if (rig.canBeIdle) {
        const idle = await rig.t.read({ timeout_ms: 20 }).catch((e: unknown) => e);
        assert.instance(idle, TransportError);
        assert.is((idle as TransportError).code, 'TIMEOUT');
        assert.ok(rig.t.isOpen, 'a timeout leaves the transport open');
        const pending = rig.t.read().catch((e: unknown) => e);
        const second = await rig.t.read().catch((e: unknown) => e);
        assert.is((second as TransportError).code, 'BUSY');
        await rig.t.close();
        assert.instance(await pending, TransportClosed);
      } else {
        await rig.t.close();
      }
      await rig.t.close();
      assert.not.ok(rig.t.isOpen);
      assert.instance(await rig.t.read().catch((e: unknown) => e), TransportClosed);
      assert.instance(await rig.t.write(undefined as never).catch((e: unknown) => e), TransportClosed);
    } finally {
      await rig.cleanup();
    }
  });
}

test.run();
