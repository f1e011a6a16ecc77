/**
 * The twin against measured truth on the shared NASA cells: calibrated on the first 40 % and 60 % of
 * each cell's discharges, where does it place the crossing of SOH 0.7 (1.4 Ah of the 2.0 Ah rating),
 * and where did the measured capacity first fall below it? Truth is the first valid measured
 * capacity below the level (cycles.csv); a cell that never fell below is censored (truth > N).
 * Used by scripts/twin-table.ts (README table) and by its test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTwin } from './run.ts';
import { TwinError } from './errors.ts';

export const TABLE_SOH = 0.7;
export const TABLE_SHARES = [0.4, 0.6] as const;

export interface TablePrediction {
  share: number;
  until: number;
  /** 'history': the history already shows the crossing; 'error': the twin refused (message). */
  from: 'projection' | 'history' | 'error';
  cycle: number | null;
  low: number | null;
  high: number | null;
  /** (predicted − truth) / truth, null when either is unknown or censored. */
  error: number | null;
  /** The band contains the truth (a censored truth > N is covered by a band reaching past N). */
  covers: boolean | null;
  warnings: string[];
  message?: string;
}

export interface TableRow {
  cell: string;
  discharges: number;
  /** First discharge measured below the level; null = never (censored at `discharges`). */
  truth: number | null;
  predictions: TablePrediction[];
}

/** First discharge whose valid measured capacity is below soh × 2.0 Ah, and the discharge count. */
export function measuredCrossing(dir: string, soh = TABLE_SOH): { truth: number | null; discharges: number } {
  const lines = readFileSync(join(dir, 'cycles.csv'), 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  const col = (name: string) => head.indexOf(name);
  let truth: number | null = null;
  for (const line of lines.slice(1)) {
    const x = line.split(',');
    if (x[col('capacity_valid')] === '1' && Number(x[col('measured_capacity_ah')]) < soh * 2.0) {
      truth = Number(x[col('cycle')]);
      break;
    }
  }
  return { truth, discharges: lines.length - 1 };
}

export function tableRow(dir: string, cell: string, opts: { labTruth?: boolean } = {}): TableRow {
  const { truth, discharges } = measuredCrossing(dir);
  const predictions = TABLE_SHARES.map((share): TablePrediction => {
    const until = Math.round(share * discharges);
    try {
      const r = runTwin(dir, { historyUntilCycle: until, thresholds: [TABLE_SOH], labTruth: opts.labTruth === true });
      const t = r.projection.thresholds[0]!;
      const warnings = r.warnings;
      if (t.from === 'history') return { share, until, from: 'history', cycle: t.cycle, low: null, high: null, error: null, covers: null, warnings };
      const error = t.cycle !== null && truth !== null ? (t.cycle - truth) / truth : null;
      const covers = truth !== null ? (t.cycle_low ?? Infinity) <= truth && (t.cycle_high === null || t.cycle_high >= truth) : t.cycle_high === null || t.cycle_high > discharges;
      return { share, until, from: 'projection', cycle: t.cycle, low: t.cycle_low, high: t.cycle_high, error, covers, warnings };
    } catch (err) {
      if (!(err instanceof TwinError)) throw err;
      return { share, until, from: 'error', cycle: null, low: null, high: null, error: null, covers: null, warnings: [], message: err.message.replace(`${dir}: `, '') };
    }
  });
  return { cell, discharges, truth, predictions };
}

/** The goal set: cells whose measured crossing lies after 40 % of their life. */
export const inGoal = (r: TableRow): boolean => r.truth !== null && r.truth > 0.4 * r.discharges;
