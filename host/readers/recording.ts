/**
 * A recording as the replay sees it: samples in the core's units, and the discharges it holds
 * (with ground truth where the source has it).
 */
import type { ChemistryName } from '../../layout/presets.ts';

export interface DischargeMark {
  /** 1-based discharge number, as the source numbers it. */
  cycle: number;
  /** Index (in samples) of the first sample of this discharge (its test, or its run of load current). */
  startIndex: number;
  /** Index (in samples) of the last sample of this discharge. */
  endIndex: number;
  /** Measured capacity of this discharge, Ah; null when the source has none or flags it invalid. */
  measured_capacity_Ah: number | null;
  /** Measured resistance (e.g. EIS Re + Rct) near this discharge, ohm; null when none. */
  measured_resistance_ohm: number | null;
  /** Mean temperature over the discharge, degC. */
  temp_mean_degC: number;
}

export interface Recording {
  name: string;
  format: 'nasa' | 'csv';
  /** Interleaved [t_s, voltage_V, current_A (positive = discharge), temp_degC] per sample. */
  samples: Float64Array;
  discharges: DischargeMark[];
  /** Defaults the source implies (data-set chemistry, rated capacity). */
  chemistry?: ChemistryName;
  ratedCapacity_Ah?: number;
  seriesCells?: number;
  /** A cell parameter file the recording names (`# params=cell.json`), as written (relative to the recording). */
  paramsFile?: string;
  /** Ground-truth columns of simulated recordings, per sample, when present. */
  truth?: { soc?: Float64Array; capacity_Ah?: Float64Array; resistance_ohm?: Float64Array };
  /** Lines the reader skipped, with reasons (never silently). */
  skipped: { line: number; reason: string }[];
}

export class RecordingError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'unknown-format' | 'bad-header' | 'truncated' | 'empty',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordingError';
  }
}

export function sampleCount(r: Recording): number {
  return r.samples.length / 4;
}
