import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TransportError } from '../../../host/transport/errors.ts';
import { MockByteTransport } from '../../../host/transport/mock.ts';
import { slcanLineToCanFrame } from '../../../host/protocols/index.ts';
import { bitrateCommand, encodeFrameLine, SlcanLineSplitter } from '../../../host/transport/slcan-codec.ts';
import { SlcanTransport } from '../../../host/transport/slcan.ts';

const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

test('transmit lines encode std, ext and remote frames so that the line decoder gives the same frame back', () => {
  // Lines from the shared vectors (python-can test_slcan.py, Elmue CANable issue 18).
  for (const line of ['t4563112233', 'T12ABCDEF2AA55', 'r1238', 'R12ABCDEF6', 'T11F80EC78001C01F021080E3B']) {
    const f = slcanLineToCanFrame(line);
    assert.is(encodeFrameLine(f), `${line}\r`);
  }
  assert.is(bitrateCommand(500_000), 'S6');
  assert.throws(() => bitrateCommand(333_000), /no S-command/);
  assert.throws(() => encodeFrameLine({ id: 0x800, extended: false, rtr: false, dlc: 0, data: new Uint8Array() }), /out of range/);
  assert.throws(() => encodeFrameLine({ id: 0x123, extended: false, rtr: false, dlc: 9, data: new Uint8Array(9) }), /DLC/);
});

test('the splitter keeps partial lines across chunks and reports CR, BEL and lines', () => {
  const s = new SlcanLineSplitter();
  assert.equal(s.push(ascii('\rt12')), [{ kind: 'ok' }]);
  assert.equal(s.push(ascii('30\r\x07z\r')), [{ kind: 'line', line: 't1230' }, { kind: 'error' }, { kind: 'line', line: 'z' }]);
});

test('open sends C, S6, Z1, O one per write and waits for each answer; frames with timestamps come out in batches', async () => {
  const port = new MockByteTransport();
  port.respond(() => true, [ascii('\r')]);
  const can = new SlcanTransport(port, { bitrate_bps: 500_000 });
  await can.open();
  assert.equal(port.written.map(text), ['C\r', 'S6\r', 'Z1\r', 'O\r']);
  port.feedBytes(ascii('t3564010203041234\rt35540102030'));
  port.feedBytes(ascii('41235\r'));
  const frames = await can.read();
  assert.equal(frames.map((f) => [f.id, f.deviceTime_ms]), [[0x356, 0x1234], [0x355, 0x1235]]);
  await can.write({ id: 0x305, extended: false, rtr: false, dlc: 2, data: new Uint8Array([1, 2]), time_ms: 0 });
  assert.is(text(port.written[4] as Uint8Array), 't30520102\r');
  await can.close();
  assert.is(text(port.written[5] as Uint8Array), 'C\r');
});

test('an adapter that never answers (canable2) still opens; one that refuses the bit rate fails with ADAPTER_NACK', async () => {
  const silent = new MockByteTransport();
  const a = new SlcanTransport(silent, { ack_ms: 5 });
  await a.open();
  assert.ok(a.isOpen);
  await a.close();
  const refusing = new MockByteTransport();
  refusing.respond((w) => text(w).startsWith('S'), [ascii('\x07')]);
  refusing.respond(() => true, [ascii('\r')]);
  const b = new SlcanTransport(refusing);
  const err = await b.open().catch((e: unknown) => e);
  assert.instance(err, TransportError);
  assert.is((err as TransportError).code, 'ADAPTER_NACK');
  assert.not.ok(refusing.isOpen, 'the port is released');
});

test('junk lines, malformed and CAN-FD lines and stray BELs are counted, never thrown', async () => {
  const port = new MockByteTransport();
  port.respond(() => true, [ascii('\r')]);
  const can = new SlcanTransport(port, { timestamps: false });
  await can.open();
  port.feedBytes(ascii('AT\r\x07z\rt1230\rt35640102030EA5F\rd1238112233445566778899AABB\r'));
  const frames = await can.read();
  assert.equal(frames.map((f) => [f.id, f.deviceTime_ms]), [[0x123, undefined]]);
  // rxBytes: the 57 bytes fed here plus the three CR acks of the set-up (C, S6, O)
  assert.equal(can.stats, { frames: 1, errors: 1, txAcks: 1, otherLines: 3, rxBytes: 60 }, 'AT, a malformed frame line and a CAN-FD line');
  await can.close();
});

test.run();
