/**
 * The recording as characterisation reads it: per-cell voltage, current (positive = discharge),
 * temperature, cumulative discharged charge, cut at `until_s`; and its runs of rest, discharge and
 * charge. A run never spans a gap longer than `maxGap_s` (nothing is known about what happened in it).
 */
import type { Recording } from '../readers/recording.ts';
import { CharacterizeError } from './errors.ts';

export type RunKind = 'rest' | 'dis' | 'chg';

export interface Run {
  kind: RunKind;
  /** First and last sample index (inclusive). */
  start: number;
  end: number;
}

export interface CellSeries {
  n: number;
  t_s: Float64Array;
  v_V: Float64Array;
  i_A: Float64Array;
  temp_degC: Float64Array;
  /** Net discharged charge since the first sample, Ah (trapezoid rule, gaps not integrated). */
  ah: Float64Array;
  runs: Run[];
  /** |current| at or below this is rest, A. */
  restCurrent_A: number;
  maxGap_s: number;
  /** Median sample interval, s. */
  dt_s: number;
  /** Index in the recording of each series sample (rows with bad values are left out). */
  src: Int32Array;
}

export interface SeriesOptions {
  untilS?: number;
  seriesCells: number;
  restCurrent_A: number;
  maxGap_s: number;
}

export function cellSeries(rec: Recording, o: SeriesOptions): CellSeries {
  const total = rec.samples.length / 4;
  const t0 = total ? rec.samples[0]! : 0;
  let n = 0;
  const idx: number[] = [];
  for (let k = 0; k < total; k++) {
    const t = rec.samples[k * 4]!, v = rec.samples[k * 4 + 1]!, i = rec.samples[k * 4 + 2]!;
    if (o.untilS !== undefined && t - t0 > o.untilS) break;
    if (!Number.isFinite(t) || !Number.isFinite(v) || !Number.isFinite(i) || v <= 0) continue;
    if (idx.length && t <= rec.samples[idx[idx.length - 1]! * 4]!) continue; // time must advance
    idx.push(k);
    n++;
  }
  if (n < 10) throw new CharacterizeError(`${rec.name}: ${n} usable samples${o.untilS !== undefined ? ` in the first ${o.untilS} s` : ''}; characterisation needs a recording with charges, discharges or rests`, 'no-samples');
  const s: CellSeries = {
    n,
    t_s: new Float64Array(n),
    v_V: new Float64Array(n),
    i_A: new Float64Array(n),
    temp_degC: new Float64Array(n),
    ah: new Float64Array(n),
    runs: [],
    restCurrent_A: o.restCurrent_A,
    maxGap_s: o.maxGap_s,
    dt_s: 0,
    src: Int32Array.from(idx),
  };
  const dts: number[] = [];
  idx.forEach((k, j) => {
    s.t_s[j] = rec.samples[k * 4]!;
    s.v_V[j] = rec.samples[k * 4 + 1]! / o.seriesCells;
    s.i_A[j] = rec.samples[k * 4 + 2]!;
    const T = rec.samples[k * 4 + 3]!;
    s.temp_degC[j] = Number.isFinite(T) ? T : j ? s.temp_degC[j - 1]! : 25;
    if (j) {
      const dt = s.t_s[j]! - s.t_s[j - 1]!;
      dts.push(dt);
      s.ah[j] = s.ah[j - 1]! + (dt <= o.maxGap_s ? ((s.i_A[j]! + s.i_A[j - 1]!) / 2) * dt / 3600 : 0);
    }
  });
  dts.sort((a, b) => a - b);
  s.dt_s = dts[dts.length >> 1] ?? 1;
  s.runs = findRuns(s);
  return s;
}

export function kindOf(current_A: number, rest_A: number): RunKind {
  return current_A > rest_A ? 'dis' : current_A < -rest_A ? 'chg' : 'rest';
}

function findRuns(s: CellSeries): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (let j = 0; j < s.n; j++) {
    const kind = kindOf(s.i_A[j]!, s.restCurrent_A);
    const gap = j > 0 && s.t_s[j]! - s.t_s[j - 1]! > s.maxGap_s;
    if (!cur || cur.kind !== kind || gap) {
      if (cur) runs.push(cur);
      cur = { kind, start: j, end: j };
    } else cur.end = j;
  }
  if (cur) runs.push(cur);
  return runs;
}

/** Duration of a run, s. */
export const runDuration = (s: CellSeries, r: Run): number => s.t_s[r.end]! - s.t_s[r.start]!;
/** Charge moved by a run, Ah (discharge positive). */
export const runAh = (s: CellSeries, r: Run): number => s.ah[r.end]! - s.ah[r.start]!;
