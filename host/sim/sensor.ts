/**
 * What the BMS measures: per-cell voltages (offset per channel, noise, 1 mV quantisation), pack
 * voltage as the sum of the cell readings, current (gain error, offset, noise, quantisation), and
 * NTCs (NTC j sits on the first cell of group j of n/k cells: it sees that cell's temperature, with
 * noise and 0.1 degC quantisation). A stuck sensor
 * repeats its last reading. Sample-time jitter and dropouts are applied by the sampler (run.ts).
 */
import type { Pack } from './pack.ts';
import type { Prng } from './prng.ts';

export interface SensorSpec {
  cellNoise_V: number;
  cellOffset_V: number;
  cellQuant_V: number;
  /** Relative gain error of the current sensor (fixed per unit). */
  currentGain: number;
  /** Offset in A per Ah of rated capacity (a fixed fraction of C). */
  currentOffset_C: number;
  currentNoise_C: number;
  currentQuant_A: number;
  tempNoise_degC: number;
  tempQuant_degC: number;
  ntcCount: number;
}

export const DEFAULT_SENSOR: SensorSpec = {
  cellNoise_V: 0.002,
  cellOffset_V: 0.001,
  cellQuant_V: 0.001,
  currentGain: 0.002,
  currentOffset_C: 0.0005,
  currentNoise_C: 0.002,
  currentQuant_A: 0.01,
  tempNoise_degC: 0.2,
  tempQuant_degC: 0.1,
  ntcCount: 2,
};

export type StuckSensor = 'voltage' | 'current' | 'temperature';

export interface Reading {
  cells_V: Float64Array;
  pack_V: number;
  current_A: number;
  ntc_degC: Float64Array;
  /** Mean of the NTCs (what the recording carries as temp_degC). */
  temp_degC: number;
}

const quant = (x: number, q: number): number => (q > 0 ? Math.round(x / q) * q : x);

export class Sensors {
  private readonly cellOffset: Float64Array;
  private readonly gain: number;
  private readonly offset_A: number;
  private readonly last: Reading;
  readonly stuck = new Set<StuckSensor>();

  constructor(readonly spec: SensorSpec, readonly n: number, readonly rated_Ah: number, private readonly rng: Prng) {
    this.cellOffset = new Float64Array(n);
    for (let i = 0; i < n; i++) this.cellOffset[i] = spec.cellOffset_V * (2 * rng.uniform() - 1);
    this.gain = spec.currentGain * (2 * rng.uniform() - 1);
    this.offset_A = spec.currentOffset_C * rated_Ah * (2 * rng.uniform() - 1);
    this.last = { cells_V: new Float64Array(n), pack_V: 0, current_A: 0, ntc_degC: new Float64Array(Math.max(1, spec.ntcCount)), temp_degC: 0 };
  }

  /** Reads the pack carrying `current_A` (true, positive = discharge). Reuses one Reading object. */
  read(pack: Pack, current_A: number): Reading {
    const s = this.spec, r = this.last, rng = this.rng;
    if (!this.stuck.has('voltage')) {
      let sum = 0;
      for (let i = 0; i < this.n; i++) {
        const v = quant(pack.v_V[i]! + this.cellOffset[i]! + s.cellNoise_V * rng.normal(), s.cellQuant_V);
        r.cells_V[i] = v;
        sum += v;
      }
      r.pack_V = sum;
    }
    if (!this.stuck.has('current')) {
      r.current_A = quant(current_A * (1 + this.gain) + this.offset_A + s.currentNoise_C * this.rated_Ah * rng.normal(), s.currentQuant_A);
    }
    if (!this.stuck.has('temperature')) {
      const k = r.ntc_degC.length;
      let mean = 0;
      for (let j = 0; j < k; j++) {
        const cell = Math.floor((j * this.n) / k);
        const v = quant(pack.temp_degC[cell]! + s.tempNoise_degC * rng.normal(), s.tempQuant_degC);
        r.ntc_degC[j] = v;
        mean += v;
      }
      r.temp_degC = mean / k;
    }
    return r;
  }
}
