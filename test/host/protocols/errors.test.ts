/** Single-frame decoders reject bad input with the DecodeError code that names the problem. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAntFrame } from '../../../host/protocols/ant.ts';
import { decodeDalyFrame } from '../../../host/protocols/daly.ts';
import { DecodeError } from '../../../host/protocols/errors.ts';
import { decodeJbdFrame } from '../../../host/protocols/jbd.ts';
import { decodeJk300Frame } from '../../../host/protocols/jk300.ts';
import { decodeJkUartFrame } from '../../../host/protocols/jk-uart.ts';
import { PylonCanDecoder } from '../../../host/protocols/pylon-can.ts';
import { fromHex } from '../../../host/framing/hex.ts';
import { bytesOf } from './vector-support.ts';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecodeError) return e.code;
    throw e;
  }
  return 'none';
};
const flip = (b: Uint8Array, i: number): Uint8Array => { const c = b.slice(); c[i] = c[i]! ^ 1; return c; };

test('checksum errors: one flipped data bit in each protocol', () => {
  assert.is(code(() => decodeJbdFrame(flip(bytesOf('jbd-sp04-cells-1'), 5))), 'checksum');
  assert.is(code(() => decodeDalyFrame(flip(bytesOf('daly-maland16-90'), 5))), 'checksum');
  assert.is(code(() => decodeJkUartFrame(flip(bytesOf('jk-uart-doc-14s'), 20))), 'checksum');
  assert.is(code(() => decodeJk300Frame(flip(bytesOf('jk300-v19-32s-discharging'), 20))), 'checksum');
  assert.is(code(() => decodeAntFrame(flip(bytesOf('ant-new-8s-batmon'), 40))), 'checksum');
});

test('length errors: truncated frames and frames with extra bytes', () => {
  assert.is(code(() => decodeJbdFrame(bytesOf('jbd-sp04-cells-1').subarray(0, 10))), 'length');
  assert.is(code(() => decodeDalyFrame(bytesOf('daly-maland16-90').subarray(0, 12))), 'length');
  assert.is(code(() => decodeDalyFrame(new Uint8Array([...bytesOf('daly-maland16-90'), 0]))), 'length');
  assert.is(code(() => decodeJk300Frame(bytesOf('jk300-v19-32s-discharging').subarray(0, 299))), 'length');
  assert.is(code(() => decodeJkUartFrame(bytesOf('jk-uart-doc-14s').subarray(0, 100))), 'length');
});

test('unknown commands: JBD register 0x12 reply, JK300 frame type 0x07, ANT function 0x20; a Pylon id outside the DBC is no error but raw with known: false', () => {
  const jbd = [0xdd, 0x12, 0x00, 0x02, 0x01, 0x02];
  const s = jbd.slice(2).reduce((a, b) => a + b, 0);
  const cs = (0x10000 - s) & 0xffff;
  assert.is(code(() => decodeJbdFrame(new Uint8Array([...jbd, cs >> 8, cs & 0xff, 0x77]))), 'unknown-command');
  const jk = bytesOf('jk300-v19-32s-discharging');
  jk[4] = 7;
  assert.is(code(() => decodeJk300Frame(jk)), 'unknown-command');
  const raw = PylonCanDecoder.load().decodeStrict('can0 123 [1] 0A');
  assert.equal([raw.kind, raw.fields.known, raw.fields.id, raw.fields.data_hex], ['unknown', false, 0x123, '0a']);
});

test('bad format: wrong start byte, missing end marker, non-hex text, unparseable CAN line, unknown variant option', () => {
  assert.is(code(() => decodeJbdFrame(fromHex('dc0400080f450f3d0f370f3dfec677'))), 'bad-format');
  assert.is(code(() => decodeJbdFrame(fromHex('dd0400080f450f3d0f370f3dfec678'))), 'bad-format');
  assert.is(code(() => fromHex('dd04zz')), 'bad-format');
  assert.is(code(() => fromHex('dd0')), 'bad-format');
  assert.is(code(() => PylonCanDecoder.load().decodeStrict('hello can')), 'bad-format');
  assert.is(code(() => PylonCanDecoder.load({ meaning370: 'x' as never })), 'bad-option');
});

test('a checksum-correct frame too short for its layout is a length error, and in a stream it lands in bad_frames', async () => {
  const d = [0xdd, 0x03, 0x00, 0x02, 0x01, 0x02];
  const s = d.slice(2).reduce((a, b) => a + b, 0);
  const cs = (0x10000 - s) & 0xffff;
  const f = new Uint8Array([...d, cs >> 8, cs & 0xff, 0x77]);
  assert.is(code(() => decodeJbdFrame(f)), 'length');
  const { createJbdStreamDecoder } = await import('../../../host/protocols/jbd.ts');
  const r = createJbdStreamDecoder().push(f);
  assert.equal([r.frames.length, r.bad_frames.length, r.bad_frames[0]!.error.code], [0, 1, 'length']);
});

test.run();
