// The generic CSV reader: metadata comments, required columns, truncated lines counted, discharges
// found from the current, ground-truth columns kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseGenericCsv } from '../../../host/readers/generic-csv.ts';
import { RecordingError } from '../../../host/readers/recording.ts';

const rows = (n: number, fn: (k: number) => string): string[] => Array.from({ length: n }, (_, k) => fn(k));

test('metadata comments set chemistry, rated capacity and series cells', () => {
  const text = ['# bms-edge generic CSV v1', '# chemistry=LFP rated_capacity_Ah=100 series_cells=16', 't_s,voltage_V,current_A,temp_degC', '0,52,0,25', '1,52,0,25'].join('\n');
  const r = parseGenericCsv(text, 'x.csv');
  assert.is(r.chemistry, 'LFP');
  assert.is(r.ratedCapacity_Ah, 100);
  assert.is(r.seriesCells, 16);
  assert.is(r.samples.length, 8);
});

test('a bad series count or an unknown chemistry is a typed bad-header error', () => {
  for (const meta of ['# series_cells=0', '# series_cells=2.5', '# chemistry=LTO']) {
    try {
      parseGenericCsv([meta, 't_s,voltage_V,current_A,temp_degC', '0,3,0,25'].join('\n'), 'x.csv');
      assert.unreachable(meta);
    } catch (err) {
      assert.instance(err, RecordingError);
      assert.is((err as RecordingError).code, 'bad-header');
    }
  }
});

test('truncated lines are skipped and counted with their line numbers', () => {
  const text = ['t_s,voltage_V,current_A,temp_degC', '0,3.7,0,25', '1,3.7', '2,3.7,0,25'].join('\n');
  const r = parseGenericCsv(text, 'x.csv');
  assert.is(r.samples.length / 4, 2);
  assert.equal(r.skipped.map((s) => s.line), [3]);
});

test('discharges are runs above C/50 moving >= 5 % of rated; measured capacity read on their last row', () => {
  const body = [
    ...rows(10, (k) => `${k * 60},3.7,0,25,`),
    ...rows(60, (k) => `${600 + k * 60},3.6,1,25,${k === 59 ? '0.98' : ''}`), // 1 Ah at 1 A: 50 % of 2 Ah
    ...rows(10, (k) => `${4200 + k * 60},3.7,0,25,`),
    ...rows(3, (k) => `${4800 + k * 60},3.6,0.5,25,`), // 0.025 Ah: too small
    ...rows(3, (k) => `${5000 + k * 60},3.7,0,25,`),
  ];
  const r = parseGenericCsv(['# rated_capacity_Ah=2', 't_s,voltage_V,current_A,temp_degC,measured_capacity_Ah', ...body].join('\n'), 'x.csv');
  assert.is(r.discharges.length, 1);
  assert.is(r.discharges[0]!.endIndex, 69);
  assert.is(r.discharges[0]!.measured_capacity_Ah, 0.98);
});

test('ground-truth columns are kept per sample', () => {
  const text = ['t_s,voltage_V,current_A,temp_degC,true_soc,true_capacity_Ah,true_resistance_ohm', '0,3.7,0,25,0.5,2,0.03', '1,3.7,0,25,0.5,2,0.031'].join('\n');
  const r = parseGenericCsv(text, 'x.csv');
  assert.equal(Array.from(r.truth!.resistance_ohm!), [0.03, 0.031]);
});

test.run();
