/**
 * JBD register 0xAA (protection trip counters): the request is the one the JBD document gives,
 * the reply decodes to eleven named counters (11 x u16 BE, order of shared docs/protocols.md 1.1);
 * longer replies keep the extra words raw; a short one is a 'length' error, never a guess.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toHex } from '../../../host/framing/hex.ts';
import { DecodeError } from '../../../host/protocols/errors.ts';
import { createJbdStreamDecoder, decodeJbdFrame, jbdReadRequest, JBD_ERROR_COUNTERS } from '../../../host/protocols/jbd.ts';

/** A reply frame `DD AA 00 n data cs 77`, checksum computed here from the JBD rule (0x10000 - sum of status..data). */
function reply(data: number[]): Uint8Array {
  const body = [0x00, data.length, ...data];
  const cs = (0x10000 - body.reduce((a, b) => a + b, 0)) & 0xffff;
  return new Uint8Array([0xdd, 0xaa, ...body, cs >> 8, cs & 0xff, 0x77]);
}
const words = (xs: number[]): number[] => xs.flatMap((x) => [x >> 8, x & 0xff]);

test('the 0xAA read request is DD A5 AA 00 FF 56 77', () => {
  assert.is(toHex(jbdReadRequest(0xaa)), 'dda5aa00ff5677');
});

test('an 0xAA reply decodes to the eleven counters by name (and through the stream decoder)', () => {
  const counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 300];
  const f = decodeJbdFrame(reply(words(counts)));
  assert.is(f.kind, 'error-counters');
  const fields = f.fields as { error_counts: Record<string, number>; extra_raw_hex?: string };
  assert.equal(Object.keys(fields.error_counts), [...JBD_ERROR_COUNTERS]);
  assert.equal(Object.values(fields.error_counts), counts);
  assert.is(fields.error_counts.short_circuit, 1);
  assert.is(fields.error_counts.pack_undervoltage, 300);
  assert.is(fields.extra_raw_hex, undefined);
  const s = createJbdStreamDecoder().push(reply(words(counts)));
  assert.equal(s.frames.map((x) => x.kind), ['error-counters']);
});

test('extra words are kept raw; a reply shorter than eleven counters is a length error', () => {
  const f = decodeJbdFrame(reply(words([...Array(11).fill(0), 0x1234])));
  assert.is((f.fields as { extra_raw_hex?: string }).extra_raw_hex, '1234');
  try {
    decodeJbdFrame(reply(words([1, 2, 3])));
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof DecodeError && e.code === 'length', String(e));
  }
});

test.run();
