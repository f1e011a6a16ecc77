import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DecodeError } from '../../../host/protocols/errors.ts';
import { decodeSlcanLine, SlcanStreamDecoder } from '../../../host/protocols/slcan.ts';

const RUNS = 100_000;

interface F { id: number; extended: boolean; rtr: boolean; data: number[]; dlc: number; ts?: number }

/** The test's own SLCAN encoder (independent of the decoder). */
function encode(f: F): string {
  const letter = f.rtr ? (f.extended ? 'R' : 'r') : f.extended ? 'T' : 't';
  const id = f.id.toString(16).toUpperCase().padStart(f.extended ? 8 : 3, '0');
  const data = f.rtr ? '' : f.data.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  const ts = f.ts === undefined ? '' : f.ts.toString(16).toUpperCase().padStart(4, '0');
  return `${letter}${id}${f.dlc}${data}${ts}`;
}

const frameArb: fc.Arbitrary<F> = fc
  .record({
    extended: fc.boolean(), rtr: fc.boolean(), id: fc.nat(0x1fffffff), data: fc.array(fc.nat(255), { maxLength: 8 }),
    rdlc: fc.nat(8), ts: fc.option(fc.nat(59999), { nil: undefined }),
  })
  .map(({ extended, rtr, id, data, rdlc, ts }) => ({ extended, rtr, id: extended ? id : id & 0x7ff, data: rtr ? [] : data, dlc: rtr ? rdlc : data.length, ts }));

const expected = (f: F): Record<string, unknown> => {
  const o: Record<string, unknown> = { kind: 'frame', id: f.id, extended: f.extended, rtr: f.rtr, dlc: f.dlc, data_hex: Buffer.from(f.data).toString('hex') };
  if (f.ts !== undefined) o.timestamp_ms = f.ts;
  return o;
};

test('slcan: 100 000 lines, half valid random frames (std/ext, data/remote, with/without Z1 time) that must round-trip exactly, half mutated (replace/insert/delete/truncate, random text) where only DecodeError may escape and an accepted frame must re-encode to the same line', () => {
  const mutated = fc.oneof(
    fc.tuple(frameArb, fc.nat(), fc.constantFrom(...'0123456789ABCDEFabcdefgtTrRZzVNF\u0007 \u0000-'.split('')), fc.nat(3)).map(([f, p, ch, op]) => {
      const s = encode(f);
      const k = s.length ? p % s.length : 0;
      return op === 0 ? s.slice(0, k) + ch + s.slice(k + 1) : op === 1 ? s.slice(0, k) + ch + s.slice(k) : op === 2 ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k);
    }),
    fc.string({ maxLength: 30 }),
  );
  const valid = frameArb.map((f) => ({ valid: true as const, f }));
  const bad = mutated.map((line) => ({ valid: false as const, line }));
  fc.assert(fc.property(fc.oneof(valid, bad), (c) => {
    if (c.valid) {
      const d = decodeSlcanLine(encode(c.f)).fields;
      const want = expected(c.f);
      return Object.keys(want).length === Object.keys(d).length && Object.entries(want).every(([k, v]) => (d as Record<string, unknown>)[k] === v);
    }
    try {
      const d = decodeSlcanLine(c.line).fields;
      if (d.kind === 'frame' && d.fd !== true) {
        const again = encode({ id: d.id, extended: d.extended, rtr: d.rtr, dlc: d.dlc, data: [...Buffer.from(d.data_hex, 'hex')], ts: d.timestamp_ms });
        return again.toUpperCase() === c.line.toUpperCase();
      }
      return true;
    } catch (err) {
      return err instanceof DecodeError;
    }
  }), { numRuns: RUNS, seed: 4201 });
});

test('slcan stream: 100 000 streams of lines, junk lines and BELs, cut into random chunks: every intact line comes out, in order', () => {
  const seg = fc.oneof(
    frameArb.map((f) => ({ t: 'frame' as const, line: encode(f) })),
    fc.string({ maxLength: 10 }).map((s) => ({ t: 'junk' as const, line: s.split('\r').join('').split('\u0007').join('') })),
    fc.constant({ t: 'bel' as const, line: '\u0007' }),
  );
  fc.assert(fc.property(fc.array(seg, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), (segs, cutsRaw) => {
    const text = segs.map((s) => (s.t === 'bel' ? s.line : `${s.line}\r`)).join('');
    const bytes = Buffer.from(text, 'latin1');
    const cuts = [...new Set(cutsRaw.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
    const dec = new SlcanStreamDecoder();
    const got: string[] = [];
    let prev = 0;
    for (const c of [...cuts, bytes.length]) {
      for (const f of dec.push(bytes.subarray(prev, c)).frames) got.push(f.line);
      prev = c;
    }
    const want = segs.filter((s) => s.t !== 'junk').map((s) => s.line);
    let at = 0;
    for (const w of want) {
      const k = got.indexOf(w, at);
      if (k < 0) return false;
      at = k + 1;
    }
    return dec.flush().trailing_partial!.length === 0;
  }), { numRuns: RUNS, seed: 4203 });
});

test('slcan: replies and Z1 timestamps decode as documented (V, N, F, z/Z, BEL, CR, 60000 ms wrap rejected)', () => {
  assert.equal(decodeSlcanLine('F0A').fields, { kind: 'status', flags_raw: 10 });
  assert.equal(decodeSlcanLine('Z').fields, { kind: 'tx_ack', extended: true });
  assert.equal(decodeSlcanLine('t1230EA5F').fields, { kind: 'frame', id: 0x123, extended: false, rtr: false, dlc: 0, data_hex: '', timestamp_ms: 59999 });
  assert.throws(() => decodeSlcanLine('t1230EA60'), (e: DecodeError) => e.code === 'bad-format');
  assert.throws(() => decodeSlcanLine('t1239'), (e: DecodeError) => e.code === 'length');
  assert.throws(() => decodeSlcanLine('Q'), (e: DecodeError) => e.code === 'unknown-command');
  assert.equal(decodeSlcanLine('d1239' + '00'.repeat(12)).fields, { kind: 'frame', id: 0x123, extended: false, rtr: false, dlc: 12, data_hex: '00'.repeat(12), fd: true, brs: false });
});

test.run();
