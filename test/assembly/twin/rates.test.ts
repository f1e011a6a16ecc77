// Rate coefficients of the BLAST-Lite models against the test vectors of algorithms.md §6.3–6.5.
// A summary segment at constant temperature and SOC makes the time averages exact, so the rates are
// the formulas at that point. Tolerance 0.5 % (the vectors are printed with 4 significant digits).
import { test } from 'uvu';
import { TwinCore } from '../../../host/twin/wasm.ts';
import { closeRel } from './close.ts';

const core = new TwinCore();
const TEMPS = [15, 25, 35, 45];
const SOCS = [0.2, 0.5, 0.8, 1.0];

function ratesAt(model: 'lfp250' | 'nmcKokam', temp_degC: number, soc: number, dod: number, crate: number): number[] {
  core.reset(model);
  core.segmentFromSummary({ dtDays: 1, dEfc: 1, dod, crate, temp_degC, socMean: soc });
  return core.rates();
}

test('LFP 250Ah kcal matches the §6.3 table at 4 temperatures × 4 SOC within 0.5 %', () => {
  const table = [
    [1.264e-4, 2.563e-4, 3.669e-4, 4.044e-4],
    [2.498e-4, 4.946e-4, 6.996e-4, 7.687e-4],
    [4.723e-4, 9.147e-4, 1.279e-3, 1.401e-3],
    [8.58e-4, 1.628e-3, 2.253e-3, 2.46e-3],
  ];
  TEMPS.forEach((t, i) => SOCS.forEach((s, j) => closeRel(ratesAt('lfp250', t, s, 0.8, 0.5)[0]!, table[i]![j]!, 0.005, `kcal ${t} degC SOC ${s}`)));
});

test('LFP 250Ah kcyc(DoD 0.8, Crate 0.5) matches §6.3 within 0.5 %', () => {
  const expected = [2.802e-4, 2.172e-4, 1.711e-4, 1.368e-4];
  TEMPS.forEach((t, i) => closeRel(ratesAt('lfp250', t, 0.5, 0.8, 0.5)[1]!, expected[i]!, 0.005, `kcyc ${t} degC`));
});

test('Kokam q1 matches the §6.5 table at 4 temperatures × 4 SOC within 0.5 %', () => {
  const table = [
    [4.042e-5, 5.397e-4, 2.011e-3, 2.874e-3],
    [1.007e-4, 1.233e-3, 4.395e-3, 6.206e-3],
    [2.364e-4, 2.668e-3, 9.129e-3, 1.275e-2],
    [5.26e-4, 5.501e-3, 1.811e-2, 2.502e-2],
  ];
  TEMPS.forEach((t, i) => SOCS.forEach((s, j) => closeRel(ratesAt('nmcKokam', t, s, 0.8, 1)[0]!, table[i]![j]!, 0.005, `q1 ${t} degC SOC ${s}`)));
});

test('Kokam q3(DoD 0.8) and q5(DoD 0.8, mean SOC 0.5) match §6.5 within 0.5 %', () => {
  const q3 = [7.775e-5, 1.504e-4, 2.788e-4, 4.972e-4];
  const q5 = [5920, 6940, 7960, 8980];
  TEMPS.forEach((t, i) => {
    const r = ratesAt('nmcKokam', t, 0.5, 0.8, 1);
    closeRel(r[1]!, q3[i]!, 0.005, `q3 ${t} degC`);
    closeRel(r[2]!, q5[i]!, 0.005, `q5 ${t} degC`);
  });
});

test.run();
