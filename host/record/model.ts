/**
 * The lifecycle record of one battery, as the host holds it (names and units; the CBOR form maps
 * the names to the integer keys of keys.ts). Times `t_s` are the device's monotonic clock, seconds;
 * `provenance.clock_epoch_utc` ties it to UTC when known.
 */
import type { SOURCE_KINDS } from './keys.ts';

export type BatteryComponent = 'cell' | 'module' | 'pack';

/** Identity and manufacturer-declared values; absent = not declared (never guessed). */
export interface Identity {
  serial_number: string;
  chemistry: string;
  rated_capacity_Ah: number;
  rated_energy_Wh?: number;
  nominal_voltage_V?: number;
  min_voltage_V?: number;
  max_voltage_V?: number;
  rated_max_power_W?: number;
  manufacturer?: string;
  manufacturer_id?: string;
  model?: string;
  category?: string;
  /** YYYY-MM (Annex VII B(1)). */
  manufacturing_date?: string;
  putting_into_service_date?: string;
  expected_lifetime_years?: number;
  expected_cycles?: number;
  capacity_threshold_exhaustion_pct?: number;
  c_rate_life_cycle_test?: number;
  lifetime_reference_test_uri?: string;
  initial_self_discharge_pct_per_month?: number;
  roundtrip_efficiency_pct?: number;
  /** What the device measures: one cell, a module or the pack. */
  battery_component?: BatteryComponent;
  chemistry_description?: string;
  /** Where the declared values come from (datasheet, test description, ...). */
  declared_source?: string;
}

export interface DeviceInfo {
  layout_version: number;
  core_version: number;
  params_version: number;
  /** The parameter block as the device holds it (layout Params, CRC-32 inside). */
  params_block: Uint8Array;
  /** The core's 64-bit state digest, 16 hex digits. */
  digest: string;
}

/** One lifecycle-log record; crc32 null when the device reported the record with a bad CRC. */
export interface LogEntry {
  seq: number;
  type: number;
  flags: number;
  t_s: number;
  a: number;
  b: number;
  c: number;
  crc32: number | null;
}

export interface RecordLog {
  /** Sequence number the device gives its next record (every seq below it was written). */
  next_seq: number;
  /** Records held, oldest first, seq strictly increasing. */
  records: LogEntry[];
  /** Inclusive seq ranges written by the device but not in this record (overwritten before read-out). */
  lost: [number, number][];
}

export interface Histograms {
  /** Seconds per [mode rest/charge/discharge][temperature bin]. */
  temp_hist_s: number[][];
  /** Seconds per 10 % SOC bin. */
  soc_hist_s: number[];
  /** Rainflow cycles per [DoD bin][mean-SOC bin]. */
  dod_hist: number[][];
}

export interface Provenance {
  /** Host clock (UTC, RFC 3339) when the record was made. */
  exported_at: string;
  source_kind: (typeof SOURCE_KINDS)[number];
  source_name: string;
  /** UTC instant of device t_s = 0, or null when unknown. */
  clock_epoch_utc: string | null;
  clock_epoch_source: string;
  tool: string;
}

export interface MergeSource {
  exported_at: string;
  digest: string;
  first_seq: number | null;
  last_seq: number | null;
  t_s: number;
}

export type MergeIssueKind =
  | 'gap' // seq range missing from every export
  | 'overwritten' // seq range the device overwrote before any export read it
  | 'conflict' // the same seq with different content in two exports
  | 'clock-backwards' // log time going backwards with increasing seq
  | 'export-order' // export times disagree with the device's own progress
  | 'counter-decrease' // a cumulative counter smaller in a later export
  | 'params-changed'; // parameter block version differs between exports

export interface MergeIssue {
  kind: MergeIssueKind;
  first_seq: number | null;
  last_seq: number | null;
  detail: string;
}

export interface MergeInfo {
  sources: MergeSource[];
  issues: MergeIssue[];
}

export interface BmsRecord {
  format_version: number;
  identity: Identity;
  device: DeviceInfo;
  /** Every estimate and counter of the core snapshot, by name. */
  counters: Record<string, number>;
  histograms: Histograms;
  log: RecordLog;
  provenance: Provenance;
  merge?: MergeInfo;
}
