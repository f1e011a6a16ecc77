/**
 * Reader for the NASA PCoE layout of fixtures/nasa-pcoe-battery (copied from the NASA PCoE data set; see its DATA-README.md): a cell folder with
 * life.csv.gz (every charge and discharge, t_s, test_id, kind C|D, cycle, voltage_v, current_a,
 * temperature_c; current positive = discharge) and cycles.csv (per-discharge ground truth).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { headerIndex, num, splitLines } from './csv.ts';
import { RecordingError, type DischargeMark, type Recording } from './recording.ts';

export function isNasaFolder(path: string): boolean {
  return existsSync(join(path, 'life.csv.gz')) && existsSync(join(path, 'cycles.csv'));
}

interface CycleTruth {
  measured_capacity_Ah: number | null;
  resistance_ohm: number | null;
}

function readCycles(path: string): Map<number, CycleTruth> {
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
