/**
 * The byte scanner (host/readers/csv-scan.ts) yields exactly the samples of the string readers it
 * replaced (test/host/readers/string-readers.ts): bit-identical Float64 samples, the same discharges,
 * ground truth and skipped lines, on all eleven NASA cells, on generic CSV written from them, and on
 * hand-made edge cases; and its number parser equals Number() on generated fields. Tolerance: none.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipWhole, parseNumber } from '../../../host/readers/csv-scan.ts';
import { gzipSync, gunzipSync } from 'node:zlib';
import { parseGenericCsv } from '../../../host/readers/generic-csv.ts';
import { readNasa } from '../../../host/readers/nasa.ts';
import type { Recording } from '../../../host/readers/recording.ts';
import { parseGenericCsvByString, readNasaByString } from './string-readers.ts';

const CELLS = join(import.meta.dirname, '../../../fixtures/nasa-pcoe-battery');
const cellNames = readdirSync(CELLS).filter((n) => /^B\d{4}$/.test(n)).sort();

const bits = (a: Float64Array | undefined): string => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') : 'none');

function assertSame(actual: Recording, expected: Recording, what: string): void {
  assert.is(actual.samples.length, expected.samples.length, `${what}: sample count`);
  assert.ok(bits(actual.samples) === bits(expected.samples), `${what}: samples bit-identical`);
  for (const k of ['soc', 'capacity_Ah', 'resistance_ohm'] as const) assert.ok(bits(actual.truth?.[k]) === bits(expected.truth?.[k]), `${what}: truth ${k}`);
  const { samples: _a, truth: _at, ...restA } = actual;
  const { samples: _e, truth: _et, ...restE } = expected;
  assert.equal(restA, restE, `${what}: discharges, skipped lines and metadata`);
}

test('all eleven NASA cells: the scanner reads the same samples and discharges as the string reader', () => {
  assert.is(cellNames.length, 11, 'the eleven NASA PCoE cells are bundled');
  for (const cell of cellNames) assertSame(readNasa(join(CELLS, cell)), readNasaByString(join(CELLS, cell)), cell);
});

test('generic CSV written from a NASA cell reads the same by bytes and by string', () => {
  const rec = readNasa(join(CELLS, 'B0005'));
  const rows = ['# bms-edge generic CSV v1', '# chemistry=NMC rated_capacity_Ah=2', 't_s,voltage_V,current_A,temp_degC,measured_capacity_Ah'];
  for (let i = 0; i < rec.samples.length / 4; i++) rows.push([0, 1, 2, 3].map((j) => String(rec.samples[i * 4 + j])).join(',') + (i % 997 === 0 ? ',1.85' : ','));
  const text = rows.join('\n') + '\n';
  assertSame(parseGenericCsv(Buffer.from(text), 'b5.csv'), parseGenericCsvByString(text, 'b5.csv'), 'B0005 as generic CSV');
});

test('edge cases: CRLF, blank and comment lines, truncated rows, odd numbers, non-ASCII, no final newline', () => {
  const text = [
    '\r',
    '# chemistry=LFP rated_capacity_Ah=100 series_cells=16',
    't_s, voltage_V ,current_A,temp_degC,true_soc,true_capacity_Ah,true_resistance_ohm\r',
    '0,53.1,10,25,1,100,0.001\r',
    '1, 53.0 ,1e1,2.5E+1,0.99,1.0000000000000000001e2,1e-3',
    '  \t ',
    '# a comment between rows',
    '2,-0,.5,5.,0x10,Infinity,-',
    '3,1e400,1e-400,123456789012345678,\u00a0,,abc',
    '4,53',
    '5,+52.9,-.25,\u00a025\u00a0,0.5,99.5,1_0',
    '6,52.8,12,24,0.4,99,0.001,extra',
    '7,52.7,12,24,0.3,99,9007199254740993',
  ].join('\n');
  assertSame(parseGenericCsv(Buffer.from(text), 'edge.csv'), parseGenericCsvByString(text, 'edge.csv'), 'edge cases');
});

test('parseNumber equals `s.trim() === "" ? NaN : Number(s)` on generated fields (5000 runs)', () => {
  const piece = fc.constantFrom('0', '1', '5', '9', '00', '.', '-', '+', 'e', 'E', ' ', '\t', 'x', '\u00a0', '123456789', '9007199254740993', 'e22', 'e-23', 'Infinity');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), fc.double({ noNaN: false }), (parts, d) => {
      for (const s of [parts.join(''), String(d), d.toFixed(6), d.toExponential(4)]) {
        const b = Buffer.from(s, 'utf8');
        const expected = s.trim() === '' ? NaN : Number(s);
        if (!Object.is(parseNumber(b, 0, b.length), expected)) return false;
      }
      return true;
    }),
    { numRuns: 5000 },
  );
});

test('gunzipWhole equals gunzipSync, also where the trailer size misleads (two members, tiny, empty)', () => {
  const a = Buffer.from('t_s,voltage_V\n'.repeat(5000)), b = Buffer.from('0,3.7\n'.repeat(70000));
  for (const gz of [gzipSync(a), Buffer.concat([gzipSync(a), gzipSync(b)]), Buffer.concat([gzipSync(b), gzipSync(a)]), gzipSync(Buffer.alloc(0)), gzipSync(Buffer.from('x'))]) {
    assert.ok(gunzipWhole(gz).equals(gunzipSync(gz)));
  }
  assert.throws(() => gunzipWhole(gzipSync(b).subarray(0, 100)), /unexpected end|incorrect header|Z_BUF_ERROR/i, 'a truncated file still fails');
});

test.run();
