/**
 * The sensor noise the estimators must tolerate, from rest runs of at least 10 samples:
 * - current offset: the RMS of the mean current of each rest (the sensor's zero error);
 * - current and voltage noise: from sample-to-sample differences (std of the difference / sqrt 2,
 *   robust), which a slow relaxation does not inflate;
 * - rest_current_A: offset + 5 sigma of the current noise, at least C/100: a rest is never mistaken
 *   for a load, nor a C/100 trickle for a rest.
 */
import { madSigma, median, type Fitted } from './fitted.ts';
import type { CellSeries } from './series.ts';

export interface NoiseFit {
  current_offset_A?: Fitted;
  rest_current_A?: Fitted;
  /** Voltage noise at rest, V (an input to sigma_voltage_V). */
  voltageNoise_V?: number;
  rests: number;
}

export function fitNoise(s: CellSeries, capacity_Ah: number): NoiseFit {
  const means: number[] = [];
  const dI: number[] = [];
  const dV: number[] = [];
  let rests = 0;
  for (const r of s.runs) {
    if (r.kind !== 'rest' || r.end - r.start + 1 < 10) continue;
    rests++;
    let sum = 0;
    for (let j = r.start; j <= r.end; j++) {
      sum += s.i_A[j]!;
      if (j > r.start) {
        dI.push(s.i_A[j]! - s.i_A[j - 1]!);
        dV.push(s.v_V[j]! - s.v_V[j - 1]!);
      }
    }
    means.push(sum / (r.end - r.start + 1));
  }
  if (!rests) return { rests };
  const offset = Math.sqrt(means.reduce((a, m) => a + m * m, 0) / means.length);
  const noiseI = madSigma(dI) / Math.SQRT2;
  const noiseV = madSigma(dV.map((d) => d - median(dV))) / Math.SQRT2;
  return {
    current_offset_A: { value: Math.max(offset, 1e-4), sigma: offset / Math.sqrt(2 * means.length), evidence: rests, method: 'RMS of the mean current over each rest' },
    rest_current_A: { value: Math.max(offset + 5 * noiseI, capacity_Ah / 100), sigma: noiseI, evidence: rests, method: 'offset + 5 sigma of the current noise at rest, at least C/100' },
    voltageNoise_V: noiseV,
    rests,
  };
}
