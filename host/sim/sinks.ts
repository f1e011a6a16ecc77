/**
 * Sample sinks: in-memory arrays (the replay's Recording layout plus truth) and the generic CSV
 * writer (host/readers/generic-csv.ts reads it back). The CSV text is a pure function of the
 * samples (fixed decimals), so the same seed writes the same file byte for byte.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ReferenceMeasurement, SampleSink } from './simulation.ts';
import { SimError } from './errors.ts';
import type { Recording } from '../readers/recording.ts';
import type { ChemistryName } from '../../layout/presets.ts';

/** Collects samples as interleaved [t_s, voltage_V, current_A, temp_degC] plus truth columns. */
export class ArraySink implements SampleSink {
  n = 0;
  samples = new Float64Array(4 * 4096);
  soc = new Float64Array(4096);
  capacity_Ah = new Float64Array(4096);
  resistance_ohm = new Float64Array(4096);

  sample(t: number, v: number, i: number, temp: number, soc: number, cap: number, r: number): void {
    if (this.n === this.soc.length) this.grow();
    const k = this.n++;
    this.samples[4 * k] = t; this.samples[4 * k + 1] = v; this.samples[4 * k + 2] = i; this.samples[4 * k + 3] = temp;
    this.soc[k] = soc; this.capacity_Ah[k] = cap; this.resistance_ohm[k] = r;
  }

  private grow(): void {
    const g = (a: Float64Array, m: number): Float64Array<ArrayBuffer> => { const b = new Float64Array(a.length * m); b.set(a); return b; };
    this.samples = g(this.samples, 2);
    this.soc = g(this.soc, 2); this.capacity_Ah = g(this.capacity_Ah, 2); this.resistance_ohm = g(this.resistance_ohm, 2);
  }

  toRecording(name: string, chemistry: ChemistryName, rated_Ah: number): Recording {
    return {
      name, format: 'csv', samples: this.samples.subarray(0, 4 * this.n), discharges: [], chemistry, ratedCapacity_Ah: rated_Ah, skipped: [],
      truth: { soc: this.soc.subarray(0, this.n), capacity_Ah: this.capacity_Ah.subarray(0, this.n), resistance_ohm: this.resistance_ohm.subarray(0, this.n) },
    };
  }
}

export const CSV_COLUMNS = 't_s,voltage_V,current_A,temp_degC,measured_capacity_Ah,true_soc,true_capacity_Ah,true_resistance_ohm';

/** Formats one sample row (no newline); `measured` is empty except on a reference test's last row. */
export function csvRow(t: number, v: number, i: number, temp: number, soc: number, cap: number, r: number, measured = ''): string {
  return `${t.toFixed(3)},${v.toFixed(3)},${i.toFixed(3)},${temp.toFixed(2)},${measured},${soc.toFixed(6)},${cap.toFixed(5)},${r.toPrecision(6)}`;
}

/** The generic CSV header for a simulated recording (`meta` becomes key=value comment lines). */
export function csvHeader(meta: { chemistry: ChemistryName; rated_Ah: number; seriesCells: number; extra: Record<string, string | number> }): string {
  const extra = Object.entries(meta.extra).map(([k, v]) => `${k}=${String(v).replace(/\s+/g, '_')}`).join(' ');
  return [
    '# bms-edge generic CSV v1',
    `# chemistry=${meta.chemistry} rated_capacity_Ah=${meta.rated_Ah} series_cells=${meta.seriesCells}`,
    `# simulated: ${extra}`,
    '# ground truth per the mean cell (the core sees pack voltage / series cells): true_soc is the mean cell SOC,',
    '# true_capacity_Ah the harmonic mean of the cell capacities (charge that moves the mean SOC by 1),',
    '# true_resistance_ohm the mean cell ohmic R0 at 25 degC and mid SOC (pack R0 / series cells);',
    '# measured_capacity_Ah on the last row of each reference capacity test (the charge it delivered)',
    CSV_COLUMNS,
  ].join('\n') + '\n';
}

/**
 * Appends rows to a string, flushing to a file descriptor (or a callback) in 1 MB chunks. The last
 * row is held back until the next one (or close) so a reference test can mark its measured capacity.
 */
export class CsvSink implements SampleSink {
  private buf: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private pending: [number, number, number, number, number, number, number] | undefined;
  private pendingMeasured = '';

  constructor(private readonly out: string | ((chunk: string) => void), header: string) {
    if (typeof out === 'string') {
      try {
        this.fd = openSync(out, 'w');
      } catch (err) {
        throw new SimError(`cannot write ${out}: ${(err as Error).message}`, 'io', { cause: err });
      }
    }
    this.write(header);
  }

  private write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }

  sample(t: number, v: number, i: number, temp: number, soc: number, cap: number, r: number): void {
    this.writePending();
    this.pending = [t, v, i, temp, soc, cap, r];
  }

  reference(m: ReferenceMeasurement): void {
    this.pendingMeasured = m.measured_capacity_Ah.toFixed(4);
  }

  private writePending(): void {
    if (!this.pending) return;
    this.write(csvRow(...this.pending, this.pendingMeasured) + '\n');
    this.pending = undefined;
    this.pendingMeasured = '';
  }

  flush(): void {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (this.fd !== undefined) writeSync(this.fd, chunk);
    else (this.out as (c: string) => void)(chunk);
  }

  close(): void {
    this.writePending();
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
