/**
 * The string readers the byte scanner (host/readers/csv-scan.ts) replaced, kept verbatim as the
 * reference it is proven equal to: whole text decoded, split at /\r?\n/, `line.split(',')`,
 * `Number(s)` per field. Used only by test/host/readers/scan-equality.test.ts.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { headerIndex, num, splitLines } from '../../../host/readers/csv.ts';
import { findDischarges } from '../../../host/readers/generic-csv.ts';
import { RecordingError, type DischargeMark, type Recording } from '../../../host/readers/recording.ts';
import { CHEMISTRIES, type ChemistryName } from '../../../layout/presets.ts';
import { isNasaFolder, readCycles } from '../../../host/readers/nasa.ts';

const REQUIRED = ['t_s', 'voltage_V', 'current_A', 'temp_degC'];

export function readNasaByString(path: string): Recording {
  if (!isNasaFolder(path)) throw new RecordingError(`${path}: not a NASA cell folder (needs life.csv.gz and cycles.csv)`, 'unknown-format');
  let text: string;
  try {
    text = gunzipSync(readFileSync(join(path, 'life.csv.gz'))).toString('utf8');
  } catch (err) {
    throw new RecordingError(`${path}/life.csv.gz: cannot decompress (truncated or corrupt)`, 'truncated', { cause: err });
  }
  const lines = splitLines(text);
  const h = headerIndex(lines[0] ?? '');
  for (const col of ['t_s', 'kind', 'cycle', 'voltage_v', 'current_a', 'temperature_c']) {
    if (!h.has(col)) throw new RecordingError(`${path}/life.csv.gz: no column '${col}'`, 'bad-header');
  }
  const truth = readCycles(path);
  const iT = h.get('t_s')!, iK = h.get('kind')!, iC = h.get('cycle')!, iV = h.get('voltage_v')!, iI = h.get('current_a')!, iTe = h.get('temperature_c')!;
  const samples = new Float64Array((lines.length - 1) * 4);
  const discharges: DischargeMark[] = [];
  const skipped: Recording['skipped'] = [];
  let n = 0;
  let open: { cycle: number; start: number; tempSum: number; count: number } | null = null;
  const close = (): void => {
    if (!open) return;
    const t = truth.get(open.cycle);
    discharges.push({
      cycle: open.cycle,
      startIndex: open.start,
      endIndex: n - 1,
      measured_capacity_Ah: t?.measured_capacity_Ah ?? null,
      measured_resistance_ohm: t?.resistance_ohm ?? null,
      temp_mean_degC: open.tempSum / open.count,
    });
    open = null;
  };
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (!line.trim()) continue;
    const c = line.split(',');
    const t = num(c, iT), v = num(c, iV), i = num(c, iI), te = num(c, iTe);
    if (c.length < h.size) {
      skipped.push({ line: li + 1, reason: 'truncated line' });
      continue;
    }
    const kind = c[iK];
    const cycle = num(c, iC);
    if (open && (kind !== 'D' || cycle !== open.cycle)) close();
    if (kind === 'D' && !open) open = { cycle, start: n, tempSum: 0, count: 0 };
    samples.set([t, v, i, te], n * 4);
    n++;
    if (open && Number.isFinite(te)) {
      open.tempSum += te;
      open.count++;
    }
  }
  close();
  if (n === 0) throw new RecordingError(`${path}: no samples`, 'empty');
  return { name: basename(path), format: 'nasa', samples: samples.subarray(0, n * 4), discharges, chemistry: 'NASA18650', ratedCapacity_Ah: 2.0, skipped };
}

export function parseGenericCsvByString(text: string, name: string): Recording {
  const lines = splitLines(text);
  const meta: Record<string, string> = {};
  let li = 0;
  for (; li < lines.length && (lines[li]!.startsWith('#') || !lines[li]!.trim()); li++) {
    for (const m of lines[li]!.matchAll(/(\w+)=([^\s]+)/g)) meta[m[1]!] = m[2]!;
  }
  const h = headerIndex(lines[li] ?? '');
  for (const col of REQUIRED) if (!h.has(col)) throw new RecordingError(`${name}: header has no column '${col}' (needs ${REQUIRED.join(',')})`, 'bad-header');
  const chem = meta.chemistry as ChemistryName | undefined;
  if (chem !== undefined && !CHEMISTRIES.includes(chem)) throw new RecordingError(`${name}: unknown chemistry '${chem}' (one of ${CHEMISTRIES.join(', ')})`, 'bad-header');
  const rated = meta.rated_capacity_Ah ? Number(meta.rated_capacity_Ah) : undefined;
  const series = meta.series_cells ? Number(meta.series_cells) : undefined;
  if (series !== undefined && !(Number.isInteger(series) && series >= 1)) throw new RecordingError(`${name}: series_cells must be a positive integer, got '${meta.series_cells}'`, 'bad-header');

  const rows = lines.length - li - 1;
  const samples = new Float64Array(rows * 4);
  const hasTruth = h.has('true_soc');
  const truth = hasTruth ? { soc: new Float64Array(rows), capacity_Ah: new Float64Array(rows), resistance_ohm: new Float64Array(rows) } : undefined;
  const measured: number[] = [];
  const skipped: Recording['skipped'] = [];
  const cols = [h.get('t_s'), h.get('voltage_V'), h.get('current_A'), h.get('temp_degC')];
  let n = 0;
  for (let k = li + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (!line.trim() || line.startsWith('#')) continue;
    const c = line.split(',');
    if (c.length < h.size) {
      skipped.push({ line: k + 1, reason: `truncated line (${c.length} of ${h.size} fields)` });
      continue;
    }
    for (let j = 0; j < 4; j++) samples[n * 4 + j] = num(c, cols[j]);
    measured[n] = num(c, h.get('measured_capacity_Ah'));
    if (truth) {
      truth.soc[n] = num(c, h.get('true_soc'));
      truth.capacity_Ah[n] = num(c, h.get('true_capacity_Ah'));
      truth.resistance_ohm[n] = num(c, h.get('true_resistance_ohm'));
    }
    n++;
  }
  if (n === 0) throw new RecordingError(`${name}: no samples`, 'empty');
  const out: Recording = { name, format: 'csv', samples: samples.subarray(0, n * 4), discharges: [], skipped };
  if (chem) out.chemistry = chem;
  if (rated !== undefined && Number.isFinite(rated)) out.ratedCapacity_Ah = rated;
  if (series !== undefined) out.seriesCells = series;
  if (truth) out.truth = { soc: truth.soc.subarray(0, n), capacity_Ah: truth.capacity_Ah.subarray(0, n), resistance_ohm: truth.resistance_ohm.subarray(0, n) };
  out.discharges = findDischarges(out.samples, rated ?? 1, measured);
  return out;
}
