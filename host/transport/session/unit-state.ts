/**
 * The latest known values of one unit, merged from readings as frames arrive, and the sample the
 * monitor emits from them. A sample needs voltage and current; temperature falls back to the
 * last known value, else to `assumedTemp_degC` (flagged `tempAssumed`), because some boards
 * report no sensor at all (a 16S JBD with 0 NTCs).
 */
import type { Reading } from './driver.ts';

export interface Sample {
  /** Host receive time of the last frame that completed the sample, Unix epoch ms. */
  time_ms: number;
  address: number;
  voltage_V: number;
  /** Positive = discharge. */
  current_A: number;
  temp_degC: number;
  tempAssumed: boolean;
  cellCount?: number;
  cellMin_V?: number;
  cellMax_V?: number;
  cellDelta_V?: number;
  /** SOC / SOH as the BMS reports them, fractions 0..1. */
  bmsSoc?: number;
  bmsSoh?: number;
}

export class UnitState {
  private known: Reading = {};

  constructor(
    readonly address: number,
    private readonly assumedTemp_degC = 25,
  ) {}

  get reading(): Readonly<Reading> {
    return this.known;
  }

  merge(r: Reading): void {
    for (const [k, v] of Object.entries(r)) if (v !== undefined) (this.known as Record<string, unknown>)[k] = v;
  }

  /** The sample the known values make, or undefined while voltage or current is unknown. */
  sample(time_ms: number): Sample | undefined {
    const k = this.known;
    if (k.voltage_V === undefined || k.current_A === undefined) return undefined;
    const s: Sample = {
      time_ms,
      address: this.address,
      voltage_V: k.voltage_V,
      current_A: k.current_A,
      temp_degC: k.temp_degC ?? this.assumedTemp_degC,
      tempAssumed: k.temp_degC === undefined,
    };
    const cells = k.cellVoltages_V?.filter((v) => v > 0);
    const min = cells && cells.length > 0 ? Math.min(...cells) : k.cellMin_V;
    const max = cells && cells.length > 0 ? Math.max(...cells) : k.cellMax_V;
    if (k.cellCount !== undefined || cells) s.cellCount = k.cellCount ?? cells?.length;
    if (min !== undefined && max !== undefined) {
      s.cellMin_V = min;
      s.cellMax_V = max;
      s.cellDelta_V = Math.round((max - min) * 1e6) / 1e6;
    }
    if (k.bmsSoc !== undefined) s.bmsSoc = k.bmsSoc;
    if (k.bmsSoh !== undefined) s.bmsSoh = k.bmsSoh;
    return s;
  }
}
