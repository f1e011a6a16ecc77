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
  assert.throws(() => parseDbc('CM_ "unterminated ;\n'), (e: DbcError) => e.code === 'syntax' && /line 1, column 5: unterminated string/.test(e.message));
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|65@1+ (1,0) [0|1] "" B\n'), (e: DbcError) => e.code === 'semantic');
  assert.throws(() => loadDbcFile('/nonexistent/x.dbc'), (e: DbcError) => e.code === 'io');
});

test('numbers in any notation JavaScript reads: 1e-05, 1E-005, .5, +2, 5., 0x10; scaling stays decimal-exact', () => {
  const d = parseDbc(`BO_ 1 N: 8 A
 SG_ a : 0|16@1+ (1e-05,0) [0|0.65535] "" B
 SG_ b : 16|16@1+ (1E-005,0) [0|1] "" B
 SG_ c : 32|8@1+ (.5,+2) [0|0] "" B
 SG_ d : 40|8@1+ (5.,0x10) [0|0] "" B
`);
  // a = b = 12345 x 1e-05 = 0.12345; c = 10 x 0.5 + 2 = 7; d = 3 x 5 + 16 = 31
  const v = decodeCanWithDbc(d, { id: 1, data: new Uint8Array([0x39, 0x30, 0x39, 0x30, 10, 3, 0, 0]) })!.values;
  assert.equal(v, { a: 0.12345, b: 0.12345, c: 7, d: 31 });
});

test("Vector's VECTOR__INDEPENDENT_SIG_MSG is kept apart (comments and values on its signals resolve), never decoded", () => {
  const d = parseDbc(`BO_ 1 M: 1 A
 SG_ x : 0|8@1+ (1,0) [0|0] "" B
BO_ 3221225472 VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX
 SG_ spare : 0|8@1+ (1,0) [0|0] "" Vector__XXX
CM_ SG_ 3221225472 spare "not in any frame";
VAL_ 3221225472 spare 0 "none" ;
`);
  assert.equal([...d.messages.values()].map((m) => m.name), ['M']);
  assert.equal(d.independent_signals.map((s) => [s.name, s.comment]), [['spare', 'not in any frame']]);
});

test('extended multiplexing: mNM switches nested under a multiplexor, SG_MUL_VAL_ ranges decide presence', () => {
  const d = parseDbc(`BO_ 2 Ext: 8 A
 SG_ S0 M : 0|4@1+ (1,0) [0|0] "" B
 SG_ S1 m0M : 4|4@1+ (1,0) [0|0] "" B
 SG_ low m1 : 8|8@1+ (1,0) [0|0] "" B
 SG_ deep m2 : 16|8@1+ (1,0) [0|0] "" B
 SG_ ranged m3 : 24|8@1+ (1,0) [0|0] "" B
SG_MUL_VAL_ 2 S1 S0 0-0;
SG_MUL_VAL_ 2 low S1 1-1, 4-5;
SG_MUL_VAL_ 2 deep S1 2-3;
SG_MUL_VAL_ 2 ranged S0 3-7;
`);
  const dec = (b0: number): Record<string, unknown> => decodeCanWithDbc(d, { id: 2, data: new Uint8Array([b0, 0x11, 0x22, 0x33, 0, 0, 0, 0]) })!.values;
  assert.equal(dec(0x10), { S0: 0, S1: 1, low: 0x11 }); // S0 = 0 -> S1 present; S1 = 1 -> low
  assert.equal(dec(0x50), { S0: 0, S1: 5, low: 0x11 }); // 5 in 4-5
  assert.equal(dec(0x30), { S0: 0, S1: 3, deep: 0x22 });
  assert.equal(dec(0x34), { S0: 4, ranged: 0x33 }); // S0 = 4: S1 absent, so are low and deep
  assert.is(parseDbc('BO_ 1 M: 8 A\n SG_ x m0M : 0|8@1+ (1,0) [0|0] "" B\n').messages.get('s1')!.signals[0]!.is_multiplexor, true);
});

test('long names (SystemSignalLongSymbol / SystemMessageLongSymbol) replace the 32-character ones after every reference resolved', () => {
  const d = parseDbc(`BO_ 3 MsgShortName_0001: 2 A
 SG_ ThisIsAVeryLongSignalNameThatIs : 0|8@1+ (1,0) [0|0] "" B
 SG_ sw M : 8|8@1+ (1,0) [0|0] "" B
BA_DEF_ SG_ "SystemSignalLongSymbol" STRING ;
BA_DEF_ BO_ "SystemMessageLongSymbol" STRING ;
VAL_ 3 ThisIsAVeryLongSignalNameThatIs 1 "one" ;
BA_ "SystemSignalLongSymbol" SG_ 3 ThisIsAVeryLongSignalNameThatIs "ThisIsAVeryLongSignalNameThatIsLongerThan32Characters";
BA_ "SystemMessageLongSymbol" BO_ 3 "MessageWithAVeryLongNameIndeedMoreThan32";
`);
  const m = d.messages.get('s3')!;
  assert.equal([m.name, m.signals[0]!.name], ['MessageWithAVeryLongNameIndeedMoreThan32', 'ThisIsAVeryLongSignalNameThatIsLongerThan32Characters']);
  assert.equal(decodeCanWithDbc(d, { id: 3, data: new Uint8Array([1, 0]) })!.values, { ThisIsAVeryLongSignalNameThatIsLongerThan32Characters: 1, ThisIsAVeryLongSignalNameThatIsLongerThan32Characters_label: 'one', sw: 0 });
});

test('64-bit integers come out exact (decimal string in values, bigint in exact); float64 signals decode', () => {
  const d = parseDbc(`BO_ 4 Wide: 8 A
 SG_ u64 : 0|64@1+ (1,0) [0|0] "" B
BO_ 5 Dbl: 8 A
 SG_ f64 : 0|64@1- (1,0) [0|0] "" B
BO_ 6 Small: 8 A
 SG_ s64 : 0|64@1- (1,0) [0|0] "" B
SIG_VALTYPE_ 5 f64 : 2;
`);
  const data = new Uint8Array(8);
  new DataView(data.buffer).setBigUint64(0, 18446744073709551615n, true);
  const w = decodeCanWithDbc(d, { id: 4, data })!;
  assert.equal([w.values.u64, w.signals[0]!.exact], ['18446744073709551615', 18446744073709551615n]);
  new DataView(data.buffer).setFloat64(0, -1.5e300, true);
  assert.equal(decodeCanWithDbc(d, { id: 5, data })!.values, { f64: -1.5e300 });
  new DataView(data.buffer).setBigInt64(0, -5n, true);
  assert.equal(decodeCanWithDbc(d, { id: 6, data })!.values, { s64: -5 }); // fits a double: a number
});

test('a frame shorter than its message decodes what it carries and warns, naming the absent signals', () => {
  const d = decodeCanWithDbc(dbc, { id: 100, data: new Uint8Array([0x12, 0x34]) })!;
  assert.equal(d.warnings, ['Mixed: frame has 2 of 8 bytes; absent: be12, le_s8, mode, kelvin']);
  assert.equal(decodeCanWithDbc(dbc, { id: 100, data: new Uint8Array(8) })!.warnings, []);
});

test('a malformed file names line and column', () => {
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|8@1+ (1,0) [0|1] "" B\n SG_ y : 8|8@1+ (1;0) [0|1] "" B\n'), (e: DbcError) => e.code === 'syntax' && /^line 3, column 19: expected ','/.test(e.message));
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|8@1+ (1,abc) [0|1] "" B\n'), (e: DbcError) => /^line 2, column 20: 'abc' is not a number/.test(e.message));
  assert.throws(() => parseDbc('BO_ 1 M: 8 A\n SG_ x : 0|8@1+ (1,0) [0|1] "" B\nSG_MUL_VAL_ 1 x x 1_2;\n'), (e: DbcError) => /^line 3, column 19: '1_2' is not a range/.test(e.message));
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
