/**
 * Bring-your-own-cell proof on real cells: for each NASA PCoE cell in fixtures/nasa-pcoe-battery,
 * characterise on its first 10 % of life only (up to the end of discharge ceil(0.1 N)), replay the
 * whole life with that cell file, and compare with the NASA18650 preset: capacity RMSE at the start
 * and at the end of each discharge against the measured capacity, and the resistance trend's Pearson
 * r against EIS. Prints the table (markdown; --json for one JSON document).
 *
 *   npx tsx scripts/characterize-nasa.ts [--json] [cell ...]
 *
 * A cell is "no worse" with its own block when RMSE at start and at end are each at most the
 * preset's x 1.05 + 2 mAh (the scatter of a re-run with another 10 % window) and r is at most 0.05
 * below the preset's.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { characterize } from '../host/characterize/characterize.ts';
import { cellBuild, type CellFile } from '../host/characterize/cell-file.ts';
import { scoreRecording, type CellScore } from '../host/characterize/score.ts';
import { openRecording } from '../host/readers/open.ts';

export const NASA_CELLS = ['B0005', 'B0006', 'B0007', 'B0018', 'B0025', 'B0029', 'B0033', 'B0038', 'B0041', 'B0045', 'B0053'];
const ROOT = join(fileURLToPath(import.meta.url), '../../fixtures/nasa-pcoe-battery');

export interface CellRow {
  cell: string;
  until_s: number;
  discharges_used: number;
  preset: CellScore;
  block: CellScore;
  noWorse: boolean;
  cellFile: CellFile;
}

const within = (a: number | null, b: number | null): boolean => a === null || b === null || a <= b * 1.05 + 0.002;

export function nasaRow(cell: string): CellRow {
  const rec = openRecording(join(ROOT, cell));
  const k = Math.ceil(0.1 * rec.discharges.length);
  const until_s = rec.samples[rec.discharges[k - 1]!.endIndex * 4]! - rec.samples[0]!;
  const cellFile = characterize(rec, { chemistryLike: 'NASA18650', untilS: until_s });
  const b = cellBuild(cellFile);
  const preset = scoreRecording(rec, {});
  const block = scoreRecording(rec, { chemistry: b.chemistry, ratedCapacity_Ah: b.ratedCapacity_Ah, seriesCells: b.seriesCells, overrides: b.overrides });
  const rOk = preset.resistance_r === null || block.resistance_r === null || block.resistance_r >= preset.resistance_r - 0.05;
  return { cell, until_s, discharges_used: k, preset, block, cellFile, noWorse: within(block.rmse_start_Ah, preset.rmse_start_Ah) && within(block.rmse_end_Ah, preset.rmse_end_Ah) && rOk };
}

const f = (x: number | null, d: number): string => (x === null ? '-' : x.toFixed(d));

export function tableMarkdown(rows: CellRow[]): string {
  const out = [
    '| cell | fitted on | RMSE at start, preset -> own block (Ah) | RMSE at end (Ah) | resistance r | no worse |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    out.push(`| ${r.cell} | ${r.discharges_used} discharges (${(r.until_s / 3600).toFixed(0)} h) | ${f(r.preset.rmse_start_Ah, 4)} -> ${f(r.block.rmse_start_Ah, 4)} | ${f(r.preset.rmse_end_Ah, 4)} -> ${f(r.block.rmse_end_Ah, 4)} | ${f(r.preset.resistance_r, 3)} -> ${f(r.block.resistance_r, 3)} | ${r.noWorse ? 'yes' : 'NO'} |`);
  }
  out.push('', `${rows.filter((r) => r.noWorse).length} of ${rows.length} cells no worse with their own block`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const cells = args.filter((a) => !a.startsWith('--'));
  const rows = (cells.length ? cells : NASA_CELLS).map(nasaRow);
  if (json) {
    console.log(JSON.stringify(rows.map(({ cellFile, preset, block, ...r }) => ({ ...r, preset: { ...preset, rows: undefined }, block: { ...block, rows: undefined }, fitted: Object.fromEntries(Object.entries(cellFile.fitted).map(([k, v]) => [k, v.value])) })), null, 2));
  } else console.log(tableMarkdown(rows));
}
