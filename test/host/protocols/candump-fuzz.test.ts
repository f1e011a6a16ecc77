import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeCandumpLine, parseCandumpLine } from '../../../host/protocols/candump.ts';
import { DecodeError } from '../../../host/protocols/errors.ts';

const RUNS = 100_000;

const frameArb = fc.record({
  extended: fc.boolean(), id: fc.nat(0x1fffffff), data: fc.uint8Array({ maxLength: 8 }),
  ts: fc.nat(2_000_000_000), us: fc.nat(999_999), iface: fc.constantFrom('can0', 'vcan0', 'slcan1'), text: fc.boolean(),
}).map((f) => ({ ...f, id: f.extended ? f.id : f.id & 0x7ff }));

/** The test's own writer for both candump formats. */
function line(f: { extended: boolean; id: number; data: Uint8Array; ts: number; us: number; iface: string; text: boolean }): string {
  const id = f.id.toString(16).toUpperCase().padStart(f.extended ? 8 : 3, '0');
  const hex = Buffer.from(f.data).toString('hex').toUpperCase();
  if (f.text) return `${f.iface}  ${id}   [${f.data.length}]  ${hex.replace(/(..)(?!$)/g, '$1 ')}`;
  return `(${f.ts}.${String(f.us).padStart(6, '0')}) ${f.iface} ${id}#${hex}`;
}

test('candump: 100 000 lines, half valid random frames in both formats (log -L, default text) that must round-trip exactly, half mutated where only DecodeError may escape and an accepted frame has a legal id and length', () => {
  const mutated = fc.oneof(
    fc.tuple(frameArb, fc.nat(), fc.constantFrom(...'0123456789ABCDEF#R()[] .xZ-'.split('')), fc.nat(3)).map(([f, p, ch, op]) => {
      const s = line(f);
      const k = p % s.length;
      return op === 0 ? s.slice(0, k) + ch + s.slice(k + 1) : op === 1 ? s.slice(0, k) + ch + s.slice(k) : op === 2 ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k);
    }),
    fc.string({ maxLength: 40 }),
  );
  const valid = frameArb.map((f) => ({ valid: true as const, f }));
  const bad = mutated.map((l) => ({ valid: false as const, l }));
  fc.assert(fc.property(fc.oneof(valid, bad), (c) => {
    if (c.valid) {
      const f = c.f;
      const d = decodeCandumpLine(line(f)).fields;
      const ts = f.text ? undefined : Number(`${f.ts}.${String(f.us).padStart(6, '0')}`);
      return d.iface === f.iface && d.id === f.id && d.extended === f.extended && !d.error_frame && !d.fd && !d.rtr &&
        d.data_hex === Buffer.from(f.data).toString('hex') && d.timestamp_s === ts && Object.keys(d).length === (f.text ? 7 : 8);
    }
    try {
      const f = parseCandumpLine(c.l);
      const okId = f.id >= 0 && f.id <= (f.extended || f.error_frame ? 0x1fffffff : 0x7ff);
      const okLen = f.fd ? f.data.length <= 64 : f.data.length <= 8 && (f.rtr || f.dlc === f.data.length);
      return okId && okLen;
    } catch (err) {
      return err instanceof DecodeError;
    }
  }), { numRuns: RUNS, seed: 4301 });
});

test('candump: remote, CAN-FD and error-frame log lines', () => {
  assert.equal(decodeCandumpLine('(1.5) can0 123#R8').fields, { timestamp_s: 1.5, iface: 'can0', id: 0x123, extended: false, error_frame: false, fd: false, rtr: true, data_hex: '', dlc: 8 });
  assert.equal(decodeCandumpLine('(2.0) can1 12345678##1' + '11'.repeat(12)).fields.fd, true);
  const err = decodeCandumpLine('(3.0) can0 20000004#0004000000000000').fields;
  assert.equal([err.error_frame, err.id, err.extended, err.error_class], [true, 0, false, 4]); // id 0 as python-can reports it
  assert.throws(() => parseCandumpLine('(1.0) can0 1234#00'), (e: DecodeError) => e.code === 'bad-format');
  // screen format: -tA local date and time, CAN FD with a two-digit length, error frames as can-utils prints them
  const tA = parseCandumpLine(' (2023-01-02 03:04:05.250000)  can0  123   [2]  01 02');
  assert.equal([tA.timestamp_s, tA.id, Buffer.from(tA.data).toString('hex')], [new Date('2023-01-02T03:04:05').getTime() / 1000 + 0.25, 0x123, '0102']);
  const fd = decodeCandumpLine('  can0  18FF50E5  [12]  00 11 22 33 44 55 66 77 88 99 AA BB').fields;
  assert.equal([fd.fd, fd.id, fd.extended, fd.data_hex.length], [true, 0x18ff50e5, true, 24]);
  assert.throws(() => parseCandumpLine('  can0  123  [10]  ' + Array(10).fill('00').join(' ')), (e: DecodeError) => e.code === 'length'); // 10 is no FD length
  const ef = decodeCandumpLine('  can0  20000080   [8]  00 00 00 00 00 00 00 00   ERRORFRAME').fields;
  assert.equal([ef.error_frame, ef.id, ef.error_class, ef.fd], [true, 0, 0x80, false]);
  assert.throws(() => parseCandumpLine('  can0  123   [1]  00   ERRORFRAME'), (e: DecodeError) => e.code === 'bad-format');
  assert.throws(() => parseCandumpLine('can0 351 [3] 01 02'), (e: DecodeError) => e.code === 'length');
});

test.run();
