/**
 * Prints the README table: the twin calibrated on 40 % and 60 % of each shared NASA cell's life,
 * its predicted discharge at SOH 0.7 (1.4 Ah) with the band, and the measured truth.
 * Usage: npx tsx scripts/twin-table.ts [--lab-truth] [--json]
 * Default: the device's own estimates (what a device knows); --lab-truth: NASA's measured capacities.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableRow, inGoal, TABLE_SOH, type TablePrediction } from '../host/twin/life-table.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'nasa-pcoe-battery');
const labTruth = process.argv.includes('--lab-truth');
const cells = readdirSync(ROOT).filter((n) => /^B\d{4}$/.test(n)).sort();
const rows = cells.map((cell) => tableRow(join(ROOT, cell), cell, { labTruth }));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ view: labTruth ? 'lab-truth' : 'device', soh: TABLE_SOH, rows }));
} else {
  const cellOf = (p: TablePrediction): string => {
    if (p.from === 'error') return `refused: ${p.message}`;
    if (p.from === 'history') return `already below (cycle ${p.cycle})`;
    const band = `${p.low ?? '?'}..${p.high ?? 'beyond'}`;
    const err = p.error === null ? '' : ` ${p.error >= 0 ? '+' : ''}${(p.error * 100).toFixed(0)} %`;
    return `${p.cycle ?? 'beyond'} (${band})${err}${p.covers === false ? ' (band misses)' : ''}${p.warnings.some((w) => w.includes('band widened')) ? ' (usage warning)' : ''}`;
  };
  console.log(`Discharge at which capacity falls below ${TABLE_SOH * 2} Ah; view: ${labTruth ? "the lab's measured capacities (--lab-truth)" : "the device's own estimates"}`);
  console.log('');
  console.log('| cell | discharges | measured | at 40 % of life | at 60 % of life | goal set |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const truth = r.truth === null ? `never (> ${r.discharges})` : String(r.truth);
    console.log(`| ${r.cell} | ${r.discharges} | ${truth} | ${r.predictions.map(cellOf).join(' | ')} | ${inGoal(r) ? 'yes' : 'no'} |`);
  }
}
