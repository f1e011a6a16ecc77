/**
 * The generic CSV recording format (documented in README.md, "Recording formats"):
 *
 *   # bms-edge generic CSV v1
 *   # chemistry=NMC rated_capacity_Ah=50 series_cells=14      (optional "key=value" comment lines)
 *   # params=cell.json       (optional: a cell parameter file, relative to the CSV, used instead of a preset)
 *   t_s,voltage_V,current_A,temp_degC[,measured_capacity_Ah][,true_soc,true_capacity_Ah,true_resistance_ohm]
 *
 * Current positive = discharge; voltage is the pack voltage. Discharges are the runs of samples with
 * current above C/50 that move at least 5 % of rated capacity; `measured_capacity_Ah`, when present,
 * is read on the last row of each discharge.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvScanner } from './csv-scan.ts';
import { headerIndex } from './csv.ts';
import { RecordingError, type DischargeMark, type Recording } from './recording.ts';
import { CHEMISTRIES, type ChemistryName } from '../../layout/presets.ts';

const REQUIRED = ['t_s', 'voltage_V', 'current_A', 'temp_degC'];

const HASH = '#'.charCodeAt(0);

/** Parses a generic CSV recording from its text or its bytes (read with the byte scanner, csv-scan.ts). */
export function parseGenericCsv(content: string | Uint8Array, name: string): Recording {
  const scan = new CsvScanner(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  const lineCount = scan.lineCount();
  const meta: Record<string, string> = {};
  let header = '';
  while (scan.next()) {
    if (scan.firstByte() !== HASH && !scan.blank()) {
      header = scan.lineText();
      break;
    }
    for (const m of scan.lineText().matchAll(/(\w+)=([^\s]+)/g)) meta[m[1]!] = m[2]!;
  }
  const h = headerIndex(header);
  for (const col of REQUIRED) if (!h.has(col)) throw new RecordingError(`${name}: header has no column '${col}' (needs ${REQUIRED.join(',')})`, 'bad-header');
  const chem = meta.chemistry as ChemistryName | undefined;
  if (chem !== undefined && !CHEMISTRIES.includes(chem)) throw new RecordingError(`${name}: unknown chemistry '${chem}' (one of ${CHEMISTRIES.join(', ')})`, 'bad-header');
  const rated = meta.rated_capacity_Ah ? Number(meta.rated_capacity_Ah) : undefined;
  const series = meta.series_cells ? Number(meta.series_cells) : undefined;
  if (series !== undefined && !(Number.isInteger(series) && series >= 1)) throw new RecordingError(`${name}: series_cells must be a positive integer, got '${meta.series_cells}'`, 'bad-header');

  const rows = Math.max(0, lineCount - scan.lineNo);
  const samples = new Float64Array(rows * 4);
  const hasTruth = h.has('true_soc');
  const truth = hasTruth ? { soc: new Float64Array(rows), capacity_Ah: new Float64Array(rows), resistance_ohm: new Float64Array(rows) } : undefined;
  const measured: number[] = [];
  const skipped: Recording['skipped'] = [];
  const cols = [h.get('t_s'), h.get('voltage_V'), h.get('current_A'), h.get('temp_degC')];
  let n = 0;
  const iMeasured = h.get('measured_capacity_Ah'), iSoc = h.get('true_soc'), iCap = h.get('true_capacity_Ah'), iRes = h.get('true_resistance_ohm');
  while (scan.next()) {
    if (scan.blank() || scan.firstByte() === HASH) continue;
    const fields = scan.fields();
    if (fields < h.size) {
      skipped.push({ line: scan.lineNo, reason: `truncated line (${fields} of ${h.size} fields)` });
      continue;
    }
    for (let j = 0; j < 4; j++) samples[n * 4 + j] = scan.num(cols[j]);
    measured[n] = scan.num(iMeasured);
    if (truth) {
      truth.soc[n] = scan.num(iSoc);
      truth.capacity_Ah[n] = scan.num(iCap);
      truth.resistance_ohm[n] = scan.num(iRes);
    }
    n++;
  }
  if (n === 0) throw new RecordingError(`${name}: no samples`, 'empty');
  const out: Recording = { name, format: 'csv', samples: samples.subarray(0, n * 4), discharges: [], skipped };
  if (chem) out.chemistry = chem;
  if (rated !== undefined && Number.isFinite(rated)) out.ratedCapacity_Ah = rated;
  if (series !== undefined) out.seriesCells = series;
  if (meta.params) out.paramsFile = meta.params;
  if (truth) out.truth = { soc: truth.soc.subarray(0, n), capacity_Ah: truth.capacity_Ah.subarray(0, n), resistance_ohm: truth.resistance_ohm.subarray(0, n) };
  out.discharges = findDischarges(out.samples, rated ?? 1, measured);
  return out;
}

/** Discharge runs: current above C/50 moving at least 5 % of rated capacity. */
export function findDischarges(samples: Float64Array, rated_Ah: number, measured: number[] = []): DischargeMark[] {
  const threshold = rated_Ah / 50;
  const out: DischargeMark[] = [];
  let start = -1, ah = 0, tempSum = 0;
  const n = samples.length / 4;
  for (let i = 0; i <= n; i++) {
    const current = i < n ? samples[i * 4 + 2]! : 0;
    if (current > threshold) {
      if (start < 0) { start = i; ah = 0; tempSum = 0; }
      if (i > start) ah += (current * (samples[i * 4]! - samples[(i - 1) * 4]!)) / 3600;
      tempSum += samples[i * 4 + 3]!;
    } else if (start >= 0) {
      if (ah >= 0.05 * rated_Ah) {
        const m = measured[i - 1];
        out.push({ cycle: out.length + 1, startIndex: start, endIndex: i - 1, measured_capacity_Ah: m !== undefined && Number.isFinite(m) ? m : null, measured_resistance_ohm: null, temp_mean_degC: tempSum / (i - start) });
      }
      start = -1;
    }
  }
  return out;
}

export function readGenericCsv(path: string): Recording {
  if (!existsSync(path)) throw new RecordingError(`${path}: no such file`, 'not-found');
  return parseGenericCsv(readFileSync(path), basename(path));
}
