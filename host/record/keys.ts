/**
 * The stable integer keys of the CBOR record (record/bms-record.cddl describes the same). A key, once
 * given, keeps its meaning forever: new fields get new numbers, removed fields leave a hole. The JSON
 * form uses the names. Tests check that every Snapshot field of the core has a counter key.
 */

export const FORMAT_VERSION = 1;

export const TOP = {
  format_version: 0,
  identity: 1,
  device: 2,
  counters: 3,
  histograms: 4,
  log: 5,
  provenance: 6,
  merge: 7,
} as const;

export type FieldType = 'tstr' | 'number' | 'uint' | 'year-month' | 'component' | 'uri';

export interface FieldKey {
  readonly name: string;
  readonly key: number;
  readonly type: FieldType;
  readonly required?: boolean;
}

/** Identity: serial number and manufacturer-declared values (from the identity config). */
export const IDENTITY: readonly FieldKey[] = [
  { name: 'serial_number', key: 1, type: 'tstr', required: true },
  { name: 'chemistry', key: 2, type: 'tstr', required: true }, // parameter preset name
  { name: 'rated_capacity_Ah', key: 3, type: 'number', required: true },
  { name: 'rated_energy_Wh', key: 4, type: 'number' },
  { name: 'nominal_voltage_V', key: 5, type: 'number' },
  { name: 'min_voltage_V', key: 6, type: 'number' },
  { name: 'max_voltage_V', key: 7, type: 'number' },
  { name: 'rated_max_power_W', key: 8, type: 'number' },
  { name: 'manufacturer', key: 9, type: 'tstr' },
  { name: 'manufacturer_id', key: 10, type: 'tstr' },
  { name: 'model', key: 11, type: 'tstr' },
  { name: 'category', key: 12, type: 'tstr' },
  { name: 'manufacturing_date', key: 13, type: 'year-month' },
  { name: 'putting_into_service_date', key: 14, type: 'year-month' },
  { name: 'expected_lifetime_years', key: 15, type: 'number' },
  { name: 'expected_cycles', key: 16, type: 'uint' },
  { name: 'capacity_threshold_exhaustion_pct', key: 17, type: 'number' },
  { name: 'c_rate_life_cycle_test', key: 18, type: 'number' },
  { name: 'lifetime_reference_test_uri', key: 19, type: 'uri' },
  { name: 'initial_self_discharge_pct_per_month', key: 20, type: 'number' },
  { name: 'roundtrip_efficiency_pct', key: 21, type: 'number' },
  { name: 'battery_component', key: 22, type: 'component' },
  { name: 'chemistry_description', key: 23, type: 'tstr' },
  { name: 'declared_source', key: 24, type: 'tstr' },
];

export const DEVICE = {
  layout_version: 1,
  core_version: 2,
  params_version: 3,
  params_block: 4,
  digest: 5,
} as const;

/** Every estimate and counter of the core's Snapshot, by name. */
export const COUNTERS: Readonly<Record<string, number>> = {
  t_s: 1,
  soc: 2,
  soc_sigma: 3,
  capacity_Ah: 4,
  capacity_sigma_Ah: 5,
  soh: 6,
  capacity_updates: 7,
  capacity_gated: 8,
  resistance_ohm: 9,
  resistance_bol_ohm: 10,
  resistance_ratio: 11,
  resistance_updates: 12,
  resistance_last_raw_ohm: 13,
  chg_Ah: 14,
  dis_Ah: 15,
  chg_Wh: 16,
  dis_Wh: 17,
  efc: 18,
  efc_rainflow: 19,
  full_cycles: 20,
  half_cycles: 21,
  eq_time_25C_s: 22,
  time_s: 23,
  extreme_high_s: 24,
  extreme_low_s: 25,
  chg_extreme_high_s: 26,
  chg_extreme_low_s: 27,
  temp_max_degC: 28,
  temp_min_degC: 29,
  events_total: 30,
  deep_discharge_events: 31,
  samples: 32,
  accepted: 33,
  rejected: 34,
  clock_backwards: 35,
  gaps: 36,
  flags: 37,
  log_next_seq: 38,
  log_count: 39,
  log_overwritten: 40,
  params_version: 41,
};

export const HISTOGRAMS = { temp_hist_s: 1, soc_hist_s: 2, dod_hist: 3 } as const;

export const LOG = { next_seq: 1, records: 2, lost: 3 } as const;

export const PROVENANCE = {
  exported_at: 1,
  source_kind: 2,
  source_name: 3,
  clock_epoch_utc: 4,
  clock_epoch_source: 5,
  tool: 6,
} as const;

export const MERGE = { sources: 1, issues: 2 } as const;

export const SOURCE_KINDS = ['replay', 'device', 'merge'] as const;
