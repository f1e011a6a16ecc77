/**
 * Decoded frames -> the core's sample. THE one place where the wire's current sign (positive =
 * charging, as in every `fields.current_a`) becomes the project's (positive = discharge).
 *
 * A poll cycle yields several frames (JBD 0x03 + 0x04; Daly 0x90 + 0x92 + 0x95…; Pylon 0x355 +
 * 0x356); pass them together, later frames override earlier values. Units: V, A, °C, %.
 */
import { assembleDalyCellVoltages, type DalyFrame } from './daly.ts';
import type { JbdFrame } from './jbd.ts';

export interface Sample {
  /** Pack terminal voltage, V. */
  voltage_V: number;
  /** Pack current, A, positive = DISCHARGE (project convention). */
  current_A: number;
  /**
   * Pack temperature, °C: mean of the pack's temperature sensors (MOS/board sensor only when there
   * is no other). Readings of −40 °C or below are "no sensor" (an unconnected ANT NTC, an unused
   * Daly slot: raw 0 with the −40 offset) and are left out.
   */
  temp_degC: number;
  /** True when no frame carried a temperature and `default_temp_degC` was used. */
  temp_assumed: boolean;
  /** Cell voltages, V, cell 1 first (when a cell frame was among the inputs). */
  cell_voltages_V?: number[];
  /** State of charge reported by the BMS, %. */
  soc_pct?: number;
}

export interface SampleOptions {
  /** The unit counts current the other way round than its protocol says (Daly/JK firmware, see protocols.md §5.1, §5.9). */
  invert_current?: boolean;
  /** Cell count behind a Daly 0x95 multi-frame reply (the wire does not say it). */
  cell_count?: number;
  /** Temperature used when no frame carried one, °C. Default 25. */
  default_temp_degC?: number;
}

/** Any frame a byte or CAN decoder returns (structural: only `protocol`, `kind` and `fields` are read). */
export type SampleInputFrame = JbdFrame | DalyFrame | { protocol: string; kind: string; fields: object };

interface Acc {
  v?: number;
  /** Wire convention: positive = charging. */
  iCharge?: number;
  temps?: number[];
  mos?: number;
  cells?: number[];
  soc?: number;
}

/** At or below this a temperature reading means "no sensor connected", °C. */
const NO_SENSOR_DEGC = -40;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Builds a sample, or undefined when the frames carry no pack voltage or no current. */
export function toSample(frames: readonly SampleInputFrame[], opts: SampleOptions = {}): Sample | undefined {
  const acc: Acc = {};
  const daly: DalyFrame[] = [];
  for (const f of frames) {
    if (f.protocol === 'daly') daly.push(f as DalyFrame);
    absorb(acc, f);
  }
  if (daly.length > 0 && opts.cell_count !== undefined) acc.cells = assembleDalyCellVoltages(daly, opts.cell_count) ?? acc.cells;
  if (acc.v === undefined || acc.iCharge === undefined) return undefined;
  const connected = (acc.temps ?? []).filter((t) => t > NO_SENSOR_DEGC);
  const temps = connected.length > 0 ? connected : acc.mos !== undefined && acc.mos > NO_SENSOR_DEGC ? [acc.mos] : undefined;
  // Sign conversion: wire/fields positive = charging -> project positive = discharge.
  const discharge = -acc.iCharge * (opts.invert_current ? -1 : 1);
  const s: Sample = {
    voltage_V: acc.v,
    current_A: discharge === 0 ? 0 : discharge,
    temp_degC: temps ? mean(temps) : (opts.default_temp_degC ?? 25),
    temp_assumed: !temps,
  };
  if (acc.cells) s.cell_voltages_V = acc.cells;
  if (acc.soc !== undefined) s.soc_pct = acc.soc;
  return s;
}

/** Reads the generic field names every decoder uses for the same quantity. */
function absorb(acc: Acc, f: SampleInputFrame): void {
  const x = f.fields as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof x[k] === 'number' && Number.isFinite(x[k]) ? (x[k] as number) : undefined);
  const v = num('pack_voltage_v');
  if (v !== undefined) acc.v = v;
  const i = num('current_a');
  if (i !== undefined) acc.iCharge = i;
  const soc = num('soc_pct');
  if (soc !== undefined && f.kind !== 'request') acc.soc = soc;
  const mos = num('mos_temp_c');
  if (mos !== undefined) acc.mos = mos;
  if (Array.isArray(x.cell_voltages_v)) acc.cells = (x.cell_voltages_v as number[]).slice();
  if (Array.isArray(x.temperatures_c)) acc.temps = (x.temperatures_c as number[]).slice();
  const sensorTemps = ['temp1_c', 'temp2_c', 'temperature_c'].map(num).filter((t): t is number => t !== undefined);
  if (sensorTemps.length > 0) acc.temps = sensorTemps;
  const tmax = num('max_temp_c');
  const tmin = num('min_temp_c');
  if (tmax !== undefined && tmin !== undefined && f.protocol === 'daly') acc.temps = [tmax, tmin];
}
