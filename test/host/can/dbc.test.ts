/**
 * The DBC parser and signal decoder of host/can on hand-made DBC text whose expected values are
 * worked out by hand in the comments. Values compared exactly (the scaling is decimal-exact).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DbcError, parseDbc } from '../../../host/can/dbc-parser.ts';
import { decodeCanWithDbc } from '../../../host/can/decode.ts';
import { loadDbcFile, mergeDbc, PYLONTECH_SMA_DBC, VICTRON_NAME_370_DBC } from '../../../host/can/dbc-file.ts';

const DBC = `VERSION "t"

NS_ :
	CM_
	BA_DEF_
	VAL_

BS_:

BU_: A B

VAL_TABLE_ Modes 0 "off" 1 "on" 2 "fault" ;

BO_ 100 Mixed: 8 A
 SG_ be16 : 7|16@0+ (1,0) [0|65535] "" B
 SG_ be12 : 19|12@0- (0.5,0) [-1024|1023.5] "A" B
 SG_ le_s8 : 32|8@1- (1,-10) [-138|117] "degC" B
 SG_ mode : 40|2@1+ (1,0) [0|3] "" B
 SG_ kelvin : 48|16@1+ (0.1,-273.1) [-273.1|6280.4] "degC" B,A

BO_ 2147484672 Extended: 8 A
 SG_ f32 : 0|32@1- (1,0) [0|0] "V" B
 SG_ u32 : 32|32@1+ (0.001,0) [0|4294967.295] "Ah" B

BO_ 300 Muxed: 8 A
 SG_ page M : 0|8@1+ (1,0) [0|255] "" B
 SG_ a m0 : 8|16@1+ (0.01,0) [0|655.35] "V" B
 SG_ b m1 : 8|16@1- (0.1,0) [-3276.8|3276.7] "A" B

CM_ SG_ 100 be16 "Motorola, MSB in bit 7 of byte 0.";
CM_ BO_ 100 "A message
with a two-line comment; and a semicolon.";
VAL_ 100 mode 0 "off" 1 "on" 2 "fault" ;
SIG_VALTYPE_ 2147484672 f32 : 1;
BA_DEF_ SG_ "BmsEdgeFormat" STRING ;
BA_DEF_DEF_ "BmsEdgeFormat" "number";
BA_ "BmsEdgeFormat" SG_ 100 mode "label";
`;

const dbc = parseDbc(DBC);

test('parses messages, signals, comments with newlines and semicolons, value tables, attributes and the extended-id flag', () => {
  assert.is(dbc.version, 't');
  assert.is(dbc.messages.size, 3);
  const m = [...dbc.messages.values()].find((x) => x.name === 'Mixed')!;
  assert.is(m.comment, 'A message\nwith a two-line comment; and a semicolon.');
  assert.equal(m.signals.map((s) => s.name), ['be16', 'be12', 'le_s8', 'mode', 'kelvin']);
  assert.equal(m.signals[4]!.receivers, ['B', 'A']);
  assert.is(m.signals[0]!.comment, 'Motorola, MSB in bit 7 of byte 0.');
  assert.equal([...dbc.value_tables.get('Modes')!.entries()], [[0, 'off'], [1, 'on'], [2, 'fault']]);
  const ext = [...dbc.messages.values()].find((x) => x.name === 'Extended')!;
  assert.equal([ext.id, ext.extended], [1024, true]);
});

test('decodes Motorola (multi-byte, signed), Intel signed with offset, value labels and decimal-exact scaling', () => {
  // bytes: 12 34 | 0A BC | F6 | 02 | 10 0B
  // be16 = 0x1234 = 4660. be12 starts at bit 19 (byte 2 bit 3) MSB-first: byte2 low nibble A, byte3 BC -> 0xABC,
  // signed 12-bit = 0xABC - 4096 = -1348, x 0.5 = -674. le_s8 = 0xF6 = -10, -10 + -10 = -20.
  // mode = 2 -> "fault". kelvin = 0x0B10 = 2832 -> 2832 x 0.1 - 273.1 = 10.1 (exact with decimal scaling).
  const d = decodeCanWithDbc(dbc, { id: 100, data: new Uint8Array([0x12, 0x34, 0x0a, 0xbc, 0xf6, 0x02, 0x10, 0x0b]) })!;
  assert.equal(d.values, { be16: 4660, be12: -674, le_s8: -20, mode: 'fault', kelvin: 10.1 });
  assert.is(d.signals.find((s) => s.name === 'mode')!.label, 'fault');
  assert.is(d.signals.find((s) => s.name === 'kelvin')!.unit, 'degC');
});

test('float signals (SIG_VALTYPE_ 1) and 32-bit unsigned with a 0.001 factor on an extended id', () => {
  const data = new Uint8Array(8);
  new DataView(data.buffer).setFloat32(0, 3.25, true);
  new DataView(data.buffer).setUint32(4, 4294967295, true);
  const d = decodeCanWithDbc(dbc, { id: 1024, extended: true, data })!;
  assert.equal(d.values, { f32: 3.25, u32: 4294967.295 });
  assert.is(decodeCanWithDbc(dbc, { id: 1024, extended: false, data }), undefined);
});

test('multiplexed signals are decoded only for their multiplexor value', () => {
  assert.equal(decodeCanWithDbc(dbc, { id: 300, data: new Uint8Array([0, 0x10, 0x27]) })!.values, { page: 0, a: 100 });
  assert.equal(decodeCanWithDbc(dbc, { id: 300, data: new Uint8Array([1, 0xf6, 0xff]) })!.values, { page: 1, b: -1 });
});

test('signals beyond the received bytes are absent, not zero', () => {
  const d = decodeCanWithDbc(dbc, { id: 100, data: new Uint8Array([0x12, 0x34]) })!;
  assert.equal(d.values, { be16: 4660 });
});

test('syntax and semantic errors name the line or the missing object', () => {
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|8@2+ (1,0) [0|1] "" B\n'), (e: DbcError) => e.code === 'syntax' && /byte order/.test(e.message));
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|8@1+ (1,0) [0|1] "" B\nVAL_ 2 x 0 "a" ;\n'), (e: DbcError) => e.code === 'semantic' && /no BO_ with id 2/.test(e.message));
  assert.throws(() => parseDbc('CM_ "unterminated ;\n'), (e: DbcError) => e.code === 'syntax' && /line 1: unterminated string/.test(e.message));
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|65@1+ (1,0) [0|1] "" B\n'), (e: DbcError) => e.code === 'semantic');
  assert.throws(() => loadDbcFile('/nonexistent/x.dbc'), (e: DbcError) => e.code === 'io');
});

test('the shipped Pylontech/SMA DBC describes every id issue 4 lists and the whole set of issue 17, and the overlay replaces only 0x370/0x371', () => {
  const base = loadDbcFile(PYLONTECH_SMA_DBC);
  const ids = [...base.messages.values()].map((m) => m.id).sort((a, b) => a - b);
  assert.equal(ids, [0x351, 0x354, 0x355, 0x356, 0x359, 0x35a, 0x35c, 0x35e, 0x35f, 0x370, 0x371, 0x372, 0x373, 0x374, 0x375, 0x376, 0x377, 0x378, 0x379, 0x382]);
  const merged = mergeDbc(base, loadDbcFile(VICTRON_NAME_370_DBC));
  assert.equal([...merged.messages.values()].filter((m) => m.id === 0x370 || m.id === 0x371).map((m) => m.name), ['BmsName1', 'BmsName2']);
  assert.is(merged.messages.size, base.messages.size);
});

test.run();
