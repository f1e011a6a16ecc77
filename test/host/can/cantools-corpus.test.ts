/**
 * DBC files from the cantools project's own test suite (fixtures/dbc/cantools, MIT, see SOURCE.md
 * there) parse, and decode to the values their DBC text defines. Expected values are worked out
 * by hand in the comments (cantools is not installable here: not packaged for Debian bookworm), and
 * random payloads are compared with an independent bit-by-bit reference written from the DBC rules.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDbc } from '../../../host/can/dbc-parser.ts';
import { decodeCanWithDbc } from '../../../host/can/decode.ts';

const DIR = new URL('../../../fixtures/dbc/cantools/', import.meta.url);
const load = (name: string): ReturnType<typeof parseDbc> => parseDbc(readFileSync(new URL(name, DIR), 'utf8'));

test('every DBC file of the corpus parses (CRLF, EV_, J1939 attribute definitions, SG_MUL_VAL_)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.dbc'));
  assert.ok(files.length >= 4);
  for (const f of files) assert.ok(load(f).messages.size > 0, f);
});

test('floating_point.dbc: float64 and two float32 signals', () => {
  const dbc = load('floating_point.dbc');
  const d = new Uint8Array(8);
  new DataView(d.buffer).setFloat64(0, -129.448, true);
  assert.equal(decodeCanWithDbc(dbc, { id: 1024, data: d })!.values, { Signal1: -129.448 });
  new DataView(d.buffer).setFloat32(0, 1.5, true);
  new DataView(d.buffer).setFloat32(4, -0.25, true);
  assert.equal(decodeCanWithDbc(dbc, { id: 1025, data: d })!.values, { Signal1: 1.5, Signal2: -0.25 });
});

test('issue_636_negative_scaling.dbc: Motorola 12 bits from bit 3, factor -0.01, offset 4100, VAL_ labels', () => {
  const dbc = load('issue_636_negative_scaling.dbc');
  // raw = (b0 & 0x0F) << 8 | b1; 0x0FFE = 4094 -> 4100 - 40.94 = 4059.06, label "Init"
  assert.equal(decodeCanWithDbc(dbc, { id: 496, data: new Uint8Array([0x0f, 0xfe]) })!.values, { Temperature: 4059.06, Temperature_label: 'Init' });
  // raw 256 -> 4100 - 2.56 = 4097.44
  assert.equal(decodeCanWithDbc(dbc, { id: 496, data: new Uint8Array([0x01, 0x00]) })!.values, { Temperature: 4097.44 });
  fc.assert(fc.property(fc.uint8Array({ minLength: 2, maxLength: 2 }), (b) => {
    const raw = ((b[0]! & 0x0f) << 8) | b[1]!;
    return decodeCanWithDbc(dbc, { id: 496, data: b })!.values.Temperature === (410000 - raw) / 100;
  }), { numRuns: 2000, seed: 636 });
});

test('long_names.dbc: the long-name attributes name messages and signals; names without one keep theirs', () => {
  const dbc = load('long_names.dbc');
  const byId = new Map([...dbc.messages.values()].map((m) => [m.id, m]));
  assert.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => byId.get(id)!.name), [
    'M123456789012345678901234567890123', 'M1234567890123456789012345678901', 'M12345678901234567890123456789012', 'MM12345678901234567890123456789012',
    'S12345678901234567890123456789012', 'SS12345678901234567890123456789012', 'SS123456789012345678901234577890', 'SS1234567890123456789012345878901234',
    'SS1234567890123456789012345778901', 'SS12345678901234567890123458789012345',
  ]);
  assert.equal(byId.get(1)!.signals.map((s) => s.name), ['SS12345678901234567890123456789012332', 'SS1234567890123456789012345678901233', 'SS12345678901234567890123456789012', 'S123456789012345678901234567890123', 'S1234567890123456789012345678901']);
  const v = decodeCanWithDbc(dbc, { id: 1, data: new Uint8Array([1, 2, 3, 4, 0xff, 0, 0, 0]) })!.values;
  assert.equal(v, { SS12345678901234567890123456789012332: -1, SS1234567890123456789012345678901233: 4, SS12345678901234567890123456789012: 3, S123456789012345678901234567890123: 2, S1234567890123456789012345678901: 1 });
});

test('issue_184_extended_mux_cascaded.dbc: MUX_A selects muxed_A_1 (1) or the second multiplexor (2), which selects muxed_B_0 / muxed_B_1', () => {
  const dbc = load('issue_184_extended_mux_cascaded.dbc');
  const dec = (b: number[]): Record<string, unknown> => decodeCanWithDbc(dbc, { id: 1, extended: true, data: new Uint8Array(b) })!.values;
  assert.equal(dec([1, 0xfe, 5, 6, 0, 0, 0, 0]), { MUX_A: 1, muxed_A_1: -2 });
  assert.equal(dec([2, 0, 5, 6, 0, 0, 0, 0]), { MUX_A: 2, muxed_A_2_MUX_B: 0, muxed_B_0: 5 });
  assert.equal(dec([2, 1, 5, 0xfa, 0, 0, 0, 0]), { MUX_A: 2, muxed_A_2_MUX_B: 1, muxed_B_1: -6 });
  assert.equal(dec([3, 1, 5, 6, 0, 0, 0, 0]), { MUX_A: 3 });
  // random payloads: presence and values from a reference of the same rules written with DataView
  fc.assert(fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (b) => {
    const s8 = (i: number): number => new DataView(b.buffer, b.byteOffset).getInt8(i);
    const want: Record<string, number> = { MUX_A: s8(0) };
    if (s8(0) === 1) want.muxed_A_1 = s8(1);
    if (s8(0) === 2) {
      want.muxed_A_2_MUX_B = s8(1);
      if (s8(1) === 0) want.muxed_B_0 = s8(2);
      if (s8(1) === 1) want.muxed_B_1 = s8(3);
    }
    const got = decodeCanWithDbc(dbc, { id: 1, extended: true, data: b })!.values;
    return JSON.stringify(Object.keys(got).sort()) === JSON.stringify(Object.keys(want).sort()) && Object.entries(want).every(([k, x]) => got[k] === x);
  }), { numRuns: 5000, seed: 184 });
});

test.run();
