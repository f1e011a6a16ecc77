/**
 * Reader for the NASA PCoE layout of fixtures/nasa-pcoe-battery (copied from the NASA PCoE data set; see its DATA-README.md): a cell folder with
 * life.csv.gz (every charge and discharge, t_s, test_id, kind C|D, cycle, voltage_v, current_a,
 * temperature_c; current positive = discharge) and cycles.csv (per-discharge ground truth).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CsvScanner, gunzipWhole } from './csv-scan.ts';
import { headerIndex, num, splitLines } from './csv.ts';
import { RecordingError, type DischargeMark, type Recording } from './recording.ts';

/** The `kind` column's mark of a discharge sample ('D'). */
const KIND_DISCHARGE = 'D'.charCodeAt(0);

export function isNasaFolder(path: string): boolean {
  return existsSync(join(path, 'life.csv.gz')) && existsSync(join(path, 'cycles.csv'));
}

interface CycleTruth {
  measured_capacity_Ah: number | null;
  resistance_ohm: number | null;
}

export function readCycles(path: string): Map<number, CycleTruth> {
  const lines = splitLines(readFileSync(join(path, 'cycles.csv'), 'utf8'));
  const h = headerIndex(lines[0] ?? '');
  for (const col of ['cycle', 'measured_capacity_ah', 'capacity_valid']) {
    if (!h.has(col)) throw new RecordingError(`${path}/cycles.csv: no column '${col}'`, 'bad-header');
  }
  const out = new Map<number, CycleTruth>();
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const c = line.split(',');
    const cap = num(c, h.get('measured_capacity_ah'));
    const valid = num(c, h.get('capacity_valid')) === 1;
    const re = num(c, h.get('re_ohm'));
    const rct = num(c, h.get('rct_ohm'));
    out.set(num(c, h.get('cycle')), {
      measured_capacity_Ah: valid && Number.isFinite(cap) ? cap : null,
      resistance_ohm: Number.isFinite(re) && Number.isFinite(rct) ? re + rct : null,
    });
  }
  return out;
}

export function readNasa(path: string): Recording {
  if (!isNasaFolder(path)) throw new RecordingError(`${path}: not a NASA cell folder (needs life.csv.gz and cycles.csv)`, 'unknown-format');
  let bytes: Buffer;
  try {
    bytes = gunzipWhole(readFileSync(join(path, 'life.csv.gz')));
  } catch (err) {
    throw new RecordingError(`${path}/life.csv.gz: cannot decompress (truncated or corrupt)`, 'truncated', { cause: err });
  }
  const scan = new CsvScanner(bytes);
  const lineCount = scan.lineCount();
  scan.next();
  const h = headerIndex(scan.lineText());
  for (const col of ['t_s', 'kind', 'cycle', 'voltage_v', 'current_a', 'temperature_c']) {
    if (!h.has(col)) throw new RecordingError(`${path}/life.csv.gz: no column '${col}'`, 'bad-header');
  }
  const truth = readCycles(path);
  const iT = h.get('t_s')!, iK = h.get('kind')!, iC = h.get('cycle')!, iV = h.get('voltage_v')!, iI = h.get('current_a')!, iTe = h.get('temperature_c')!;
  const samples = new Float64Array((lineCount - 1) * 4);
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
  while (scan.next()) {
    if (scan.blank()) continue;
    if (scan.fields() < h.size) {
      skipped.push({ line: scan.lineNo, reason: 'truncated line' });
      continue;
    }
    const discharge = scan.isChar(iK, KIND_DISCHARGE);
    const cycle = scan.num(iC);
    if (open && (!discharge || cycle !== open.cycle)) close();
    if (discharge && !open) open = { cycle, start: n, tempSum: 0, count: 0 };
    const te = scan.num(iTe);
    samples[n * 4] = scan.num(iT);
    samples[n * 4 + 1] = scan.num(iV);
    samples[n * 4 + 2] = scan.num(iI);
    samples[n * 4 + 3] = te;
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
