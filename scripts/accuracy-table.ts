/**
 * The README accuracy table, regenerated from the data: replays every NASA cell bundled in
 * fixtures/nasa-pcoe-battery over its whole life and prints, per cell, the capacity RMSE at the start
 * and at the end of each discharge, the persistence baseline, the largest at-start error, the sigma
 * coverage and the resistance correlation with EIS Re + Rct (scoring rule: host/replay/accuracy.ts).
 *
 *   npm run accuracy            markdown table (paste into README "Accuracy on real cells")
 *   npm run accuracy -- --json  one JSON document with every figure
 *
 * Needs build/core.wasm (`npm run build`).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readNasa } from '../host/readers/nasa.ts';
import { replayRecording } from '../host/replay/replay.ts';
import { showsTrend, type Accuracy } from '../host/replay/accuracy.ts';

export const NASA_DIR = join(import.meta.dirname, '../fixtures/nasa-pcoe-battery');

export interface CellScore extends Accuracy {
  cell: string;
  discharges: number;
  /** Whether the cell's EIS Re + Rct shows a significant trend (rule: showsTrend). */
  eis_trend: boolean;
  /** Share of all scored discharges within 2 sigma / beyond 4 sigma, as counts for pooling. */
  within2_n: number;
  beyond4_n: number;
  replay_error: string | null;
}

export function nasaCells(): string[] {
  return readdirSync(NASA_DIR).filter((d) => existsSync(join(NASA_DIR, d, 'life.csv.gz'))).sort();
}

export function scoreCell(cell: string): CellScore {
  const rec = readNasa(join(NASA_DIR, cell));
  const r = replayRecording(rec);
  const eis = r.cycles.filter((c) => c.measured_resistance_ohm !== null).map((c) => c.measured_resistance_ohm!);
  const a = r.accuracy;
  return {
    cell,
    discharges: r.cycles.length,
    ...a,
    eis_trend: showsTrend(eis),
    within2_n: Math.round((a.sigma_within_2_frac ?? 0) * a.capacity_n),
    beyond4_n: Math.round((a.sigma_beyond_4_frac ?? 0) * a.capacity_n),
    replay_error: r.log_lost ? `${r.log_lost} log records lost` : null,
  };
}

const f = (x: number | null, d = 3): string => (x === null ? '-' : x.toFixed(d));
const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(100 * x)} %`);

export function markdownTable(rows: CellScore[]): string {
  const out = [
    '| cell | scored | RMSE at start | RMSE at end | persistence | max error at start | within 2 sigma | beyond 4 sigma | resistance r | EIS trend |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of rows) {
    out.push(`| ${c.cell} | ${c.capacity_n} | ${f(c.capacity_rmse_at_start_Ah)} Ah | ${f(c.capacity_rmse_Ah)} Ah | ${f(c.persistence_rmse_Ah)} Ah | ${f(c.capacity_max_abs_err_at_start_Ah)} Ah | ${pct(c.sigma_within_2_frac)} | ${pct(c.sigma_beyond_4_frac)} | ${f(c.resistance_pearson, 2)} | ${c.eis_trend ? 'yes' : 'no'} |`);
  }
  const n = rows.reduce((s, c) => s + c.capacity_n, 0);
  const w = rows.reduce((s, c) => s + c.within2_n, 0);
  out.push('', `Over all ${rows.length} cells: ${n} scored discharges, ${pct(n ? w / n : null)} of the at-start errors within 2 sigma.`);
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = process.argv.includes('--json');
  const rows: CellScore[] = [];
  for (const cell of nasaCells()) {
    if (!json && process.stderr.isTTY) process.stderr.write(`replaying ${cell}...\r`);
    rows.push(scoreCell(cell));
  }
  if (!json && process.stderr.isTTY) process.stderr.write(' '.repeat(30) + '\r');
  process.stdout.write(json ? `${JSON.stringify({ cells: rows }, null, 2)}\n` : `${markdownTable(rows)}\n`);
}
