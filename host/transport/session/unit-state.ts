/**
 * One unit's latest frames, one per slot (`DriverFrame.key`: a newer frame of the same slot
 * replaces the older and moves to the end), and the sample they make. The sample itself comes
 * from the decoders' `toSample` (host/protocols/sample.ts), the one place where the wire's current
 * sign (positive = charging) becomes the project's (positive = discharge); this file only adds
 * what the live display needs: cell min/max/delta, BMS-reported SOC/SOH, the address and time.
 */
import { toSample, type SampleInputFrame, type SampleOptions } from '../../protocols/index.ts';
import type { DriverFrame } from './driver.ts';

export interface Sample {
  /** Host receive time of the last frame that completed the sample, Unix epoch ms. */
  time_ms: number;
  address: number;
  voltage_V: number;
  /** Positive = discharge. */
  current_A: number;
  temp_degC: number;
  /** No frame carried a temperature; 25 degC was used. */
  tempAssumed: boolean;
  cellCount?: number;
  cellMin_V?: number;
  cellMax_V?: number;
  cellDelta_V?: number;
  /** SOC / SOH as the BMS reports them, fractions 0..1. */
  bmsSoc?: number;
  bmsSoh?: number;
  /** The pack's nominal capacity as the BMS reports it, Ah, and which report said so. */
  packCapacity_Ah?: number;
  capacitySource?: string;
}

/**
 * Where each protocol reports the pack's nominal (design) capacity, Ah, in the order preferred:
 * JBD basic info, JK settings (RS485 TLV 0xAA), Pylontech 0x379 installed capacity, then 0x35F.
 */
const CAPACITY_FIELDS: readonly [field: string, source: string][] = [
  ['nominal_capacity_ah', 'BMS basic info'],
  ['capacity_setting_ah', 'BMS settings'],
  ['installed_capacity_ah', 'BMS 0x379 installed capacity'],
  ['capacity_ah', 'BMS 0x35F battery info'],
];

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

export class UnitState {
  private readonly slots = new Map<string, SampleInputFrame>();

  constructor(readonly address: number) {}

  /** The latest frame of every slot, oldest first. */
  get frames(): SampleInputFrame[] {
    return [...this.slots.values()];
  }

  merge(f: DriverFrame): void {
    this.slots.delete(f.key);
    this.slots.set(f.key, f.frame);
  }

  /** The sample the latest frames make, or undefined while voltage or current is unknown. */
  sample(time_ms: number, options: SampleOptions = {}): Sample | undefined {
    const frames = this.frames;
    const base = toSample(frames, options);
    if (!base) return undefined;
    const s: Sample = { time_ms, address: this.address, voltage_V: base.voltage_V, current_A: base.current_A, temp_degC: base.temp_degC, tempAssumed: base.temp_assumed };
    let min: number | undefined;
    let max: number | undefined;
    let soh: number | undefined;
    let count: number | undefined;
    for (const f of frames) {
      const x = f.fields as Record<string, unknown>;
      min = num(x.min_cell_v) ?? min;
      max = num(x.max_cell_v) ?? max;
      soh = num(x.soh_pct) ?? soh;
      count = num(x.cell_count) ?? count;
    }
    const cells = base.cell_voltages_V?.filter((v) => v > 0);
    if (cells && cells.length > 0) {
      min = Math.min(...cells);
      max = Math.max(...cells);
      count ??= base.cell_voltages_V?.length;
    }
    if (count !== undefined) s.cellCount = count;
    if (min !== undefined && max !== undefined) {
      s.cellMin_V = min;
      s.cellMax_V = max;
      s.cellDelta_V = Math.round((max - min) * 1e6) / 1e6;
    }
    if (base.soc_pct !== undefined) s.bmsSoc = base.soc_pct / 100;
    if (soh !== undefined) s.bmsSoh = soh / 100;
    for (const [field, source] of CAPACITY_FIELDS) {
      const cap = frames.map((f) => num((f.fields as Record<string, unknown>)[field])).find((x) => x !== undefined && x > 0);
      if (cap !== undefined) {
        s.packCapacity_Ah = cap;
        s.capacitySource = source;
        break;
      }
    }
    return s;
  }
}
