/**
 * The typed wrapper of build/twin.wasm's numeric exports (module.ts finds or builds the module).
 * Every model lives in the WASM; this file only moves numbers. One TwinCore = one instance = one
 * twin state; instances are cheap (≈13 KB module, 64 KiB memory).
 */
import { TwinError } from './errors.ts';
import { twinModule } from './module.ts';

export { TWIN_WASM_PATH } from './module.ts';

/** Model ids of assembly/twin/models/slots.ts. */
export const MODEL = { lfp250: 0, lfpSony: 1, nmcKokam: 2, nmcB1: 3, empirical: 4 } as const;
export type ModelName = keyof typeof MODEL;
/** State slots (mechanisms) of assembly/twin/models/slots.ts. */
export const SLOT = { qCalendar: 0, qCycle: 1, qExtra: 2, rCalendar: 3, rCycle: 4, onsetUsed: 5 } as const;
/** Parameter slots of the empirical model (assembly/twin/models/empirical.ts). */
export const EMP = { k: 0, p: 1, x0: 2, kr: 3, pr: 4, tRef_K: 5 } as const;
/** Segment slots written by segEnd/segSummary (assembly/twin/stressors.ts). */
export const SEG = { dtDays: 12, dEfc: 13, dod: 14, crate: 15, tempMean_degC: 16, socMean: 17 } as const;

interface TwinExports {
  memory: WebAssembly.Memory;
  TWIN_ABI_VERSION: WebAssembly.Global;
  TWIN_TRAJ_ROWS: WebAssembly.Global;
  TWIN_HIST_ROWS: WebAssembly.Global;
  TWIN_HIST_COLS: WebAssembly.Global;
  TWIN_FIT_ROWS: WebAssembly.Global;
  twinReset(m: number): number;
  twinClockReset(): void;
  twinSetScalar(slot: number, v: number): number;
  twinSetState(slot: number, v: number): number;
  twinGetState(slot: number): number;
  twinSetParam(i: number, v: number): number;
  twinSetThreshold(i: number, q: number): number;
  segBegin(): void;
  segPush(t_s: number, soc: number, temp_degC: number): number;
  segEnd(): number;
  segSummary(dtDays: number, dEfc: number, dod: number, crate: number, temp_degC: number, socMean: number): number;
  segRejectedCount(): number;
  twinStep(n: number): number;
  twinProject(maxSteps: number, outEvery: number): number;
  twinQ(): number;
  twinR(): number;
  twinDays(): number;
  twinEfc(): number;
  fitCalendar(n: number, socMean: number): void;
  fitPowerLaw(n: number, sign: number, pMin: number, pMax: number, pSteps: number, x0Max: number, x0Steps: number): number;
  statePtr(): number;
  ratePtr(): number;
  segPtr(): number;
  thresholdPtr(): number;
  trajPtr(): number;
  histPtr(): number;
  fitPtr(): number;
  fitInfoPtr(): number;
}

function check(status: number, what: string): void {
  if (status !== 0) throw new TwinError('WASM_STATUS', `twin core rejected ${what} (status ${status})`);
}

/** One trajectory row: simulated days and EFC since the twin's origin, relative capacity q, relative resistance r. */
export interface TrajRow {
  days: number;
  efc: number;
  q: number;
  r: number | null;
}

/** First crossing of a threshold q level; null fields when it was not reached within the horizon. */
export interface Crossing {
  q: number;
  days: number | null;
  efc: number | null;
  steps: number | null;
}

export class TwinCore {
  private readonly x: TwinExports;

  constructor() {
    this.x = new WebAssembly.Instance(twinModule(), {}).exports as unknown as TwinExports;
  }

  /** Rows of the fitting area (HIST). */
  get histRows(): number {
    return this.x.TWIN_HIST_ROWS.value as number;
  }

  get abiVersion(): number {
    return this.x.TWIN_ABI_VERSION.value as number;
  }

  private f64(ptr: number, count: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, ptr, count);
  }

  reset(model: ModelName): void {
    check(this.x.twinReset(MODEL[model]), `model ${model}`);
  }

  /** Makes the current state the origin of the clock (days, EFC, steps = 0). */
  clockReset(): void {
    this.x.twinClockReset();
  }

  setScalar(slot: number, v: number): void {
    check(this.x.twinSetScalar(slot, v), `scalar ${slot}=${v}`);
  }

  setState(slot: number, v: number): void {
    check(this.x.twinSetState(slot, v), `state ${slot}=${v}`);
  }

  state(slot: number): number {
    return this.x.twinGetState(slot);
  }

  setParam(i: number, v: number): void {
    check(this.x.twinSetParam(i, v), `param ${i}=${v}`);
  }

  /** Sets up to 4 q thresholds (the rest disabled). */
  setThresholds(levels: readonly number[]): void {
    for (let i = 0; i < 4; i++) check(this.x.twinSetThreshold(i, levels[i] ?? 0), `threshold ${levels[i]}`);
  }

  /** Feeds one segment sample by sample (t_s increasing, soc 0..1, temp_degC); returns rejected count. */
  segmentFromSamples(t_s: ArrayLike<number>, soc: ArrayLike<number>, temp_degC: ArrayLike<number>): number {
    this.x.segBegin();
    for (let i = 0; i < t_s.length; i++) this.x.segPush(t_s[i]!, soc[i]!, temp_degC[i]!);
    check(this.x.segEnd(), 'segment (fewer than 2 valid samples)');
    return this.x.segRejectedCount();
  }

  segmentFromSummary(s: { dtDays: number; dEfc: number; dod: number; crate: number; temp_degC: number; socMean: number }): void {
    check(this.x.segSummary(s.dtDays, s.dEfc, s.dod, s.crate, s.temp_degC, s.socMean), `segment summary ${JSON.stringify(s)}`);
  }

  /** Stressors of the current segment. */
  segment(): { dtDays: number; dEfc: number; dod: number; crate: number; tempMean_degC: number; socMean: number } {
    const s = this.f64(this.x.segPtr(), 24);
    return { dtDays: s[SEG.dtDays]!, dEfc: s[SEG.dEfc]!, dod: s[SEG.dod]!, crate: s[SEG.crate]!, tempMean_degC: s[SEG.tempMean_degC]!, socMean: s[SEG.socMean]! };
  }

  rates(): number[] {
    return Array.from(this.f64(this.x.ratePtr(), 8));
  }

  step(n = 1): number {
    return this.x.twinStep(n);
  }

  get q(): number {
    return this.x.twinQ();
  }

  get r(): number | null {
    const r = this.x.twinR();
    return Number.isFinite(r) ? r : null;
  }

  get days(): number {
    return this.x.twinDays();
  }

  get efc(): number {
    return this.x.twinEfc();
  }

  /** Repeats the current segment (at most maxSteps times); returns the trajectory and threshold crossings. */
  project(maxSteps: number, levels: readonly number[]): { rows: TrajRow[]; crossings: Crossing[] } {
    this.setThresholds(levels);
    const maxRows = this.x.TWIN_TRAJ_ROWS.value as number;
    const outEvery = Math.max(1, Math.ceil(maxSteps / (maxRows - 2)));
    const n = this.x.twinProject(Math.floor(maxSteps), outEvery);
    const t = this.f64(this.x.trajPtr(), n * 4);
    const rows: TrajRow[] = [];
    for (let i = 0; i < n; i++) {
      const r = t[i * 4 + 3]!;
      rows.push({ days: t[i * 4]!, efc: t[i * 4 + 1]!, q: t[i * 4 + 2]!, r: Number.isFinite(r) ? r : null });
    }
    const thr = this.f64(this.x.thresholdPtr(), 16);
    const crossings = levels.map((q, i) => {
      const reached = thr[4 + i]! >= 0;
      return { q, days: reached ? thr[4 + i]! : null, efc: reached ? thr[8 + i]! : null, steps: reached ? thr[12 + i]! : null };
    });
    return { rows, crossings };
  }

  /** Writes fitting rows (x, days, temp_degC, value, weight) into HIST; returns the count written. */
  writeHistory(rows: readonly (readonly [number, number, number, number, number])[]): number {
    const cap = this.x.TWIN_HIST_ROWS.value as number;
    const cols = this.x.TWIN_HIST_COLS.value as number;
    const n = Math.min(rows.length, cap);
    const h = this.f64(this.x.histPtr(), cap * cols);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      for (let c = 0; c < 5; c++) h[i * cols + c] = row[c]!;
      h[i * cols + 5] = 0;
    }
    return n;
  }

  /** Calendar loss per HIST row under the current calendar scalar (col 5). */
  fitCalendar(n: number, socMean: number): number[] {
    this.x.fitCalendar(n, socMean);
    const cols = this.x.TWIN_HIST_COLS.value as number;
    const h = this.f64(this.x.histPtr(), n * cols);
    return Array.from({ length: n }, (_, i) => h[i * cols + 5]!);
  }

  /** Grid fit (see assembly/twin/fit.ts); returns the best set first, then the accepted sets. */
  fitPowerLaw(n: number, sign: -1 | 1, p: [number, number, number], x0Max: number, x0Steps: number) {
    const count = this.x.fitPowerLaw(n, sign, p[0], p[1], p[2], x0Max, x0Steps);
    const f = this.f64(this.x.fitPtr(), count * 4);
    const info = this.f64(this.x.fitInfoPtr(), 4);
    const sets = Array.from({ length: count }, (_, i) => ({ p: f[i * 4]!, x0: f[i * 4 + 1]!, a: f[i * 4 + 2]!, k: f[i * 4 + 3]! }));
    return { sets, sse: info[0]!, used: info[1]!, sigma: info[2]! };
  }
}
