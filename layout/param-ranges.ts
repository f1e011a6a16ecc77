/**
 * The one source of the parameter-block value ranges and of the core's reason codes.
 *
 * `scripts/gen-layout.ts` turns PARAM_RANGES into a static table in the core
 * (assembly/generated/ranges.ts, checked by assembly/params/block.ts) and into the C header; the host
 * (host/params/ranges.ts) reads this module directly. Nothing restates a bound by hand.
 *
 * Every bound is chosen so that any block inside ALL ranges keeps the core's state finite on any
 * input (test/assembly/params/finite-ranges.test.ts draws blocks across the whole allowed range, edges
 * included, and replays a recording through each):
 * - every variance a measurement or a filter adds is > 0 (sigma_full, sigma_empty, sigma_voltage_V,
 *   current_gain_error, current_offset_A, cap_p0_frac, cap_sigma_w_Ah): a zero variance fused with a
 *   zero variance is 0/0 in the SOC anchor fusion and the capacity Kalman gain;
 * - every value multiplied by a current, a time or a temperature is bounded, so no product
 *   overflows f32 (3.4e38) and no f32 -> i64 conversion traps (ms intervals, Q20 charge);
 * - temperatures stay above -273.15 degC (Arrhenius 1/T) and activation energies below 2e5 J/mol
 *   (exp() stays far below f32 max at the lowest plausible temperature).
 * Bounds are compared in f32 exactly as the core reads the block (u32 fields as unsigned integers).
 */
import { Chemistry, Params, layoutStruct, PARAMS_BODY_OFFSET, PARAMS_SIZE } from './core-layout.ts';

export interface ParamRange {
  readonly min: number;
  readonly max: number;
  /** min itself is outside the range (the value must be > min). */
  readonly minOpen?: boolean;
  /** max itself is outside the range (the value must be < max). */
  readonly maxOpen?: boolean;
  /** Counted fields: every element must be >= the one before it (the OCV table). */
  readonly nonDecreasing?: boolean;
}

const r = (min: number, max: number, opts: Omit<ParamRange, 'min' | 'max'> = {}): ParamRange => ({ min, max, ...opts });
const TEMP = r(-200, 500); // degC: above absolute zero with room, below anything a cell survives
const VOLT = r(0, 100); // cell volts
const AMPS = r(0, 1e5); // cell amps
const SIGMA_SOC = r(1e-4, 1); // SOC standard deviations: > 0 (see above), at most the whole range

/** Fields the range table does not constrain: header words checked by their own rules. */
export const UNRANGED_FIELDS = ['crc32', 'magic', 'version', 'size_bytes', 'end_marker'] as const;

/** The allowed range of every other field of the parameter block, by field name. */
export const PARAM_RANGES: Readonly<Record<string, ParamRange>> = {
  chemistry: r(0, Math.max(...Object.values(Chemistry))), // a Chemistry id
  series_cells: r(1, 1024),
  rated_capacity_Ah: r(0.001, 100000, { minOpen: true, maxOpen: true }),
  charge_efficiency: r(0.5, 1, { minOpen: true }),
  ocv_V: { ...VOLT, nonDecreasing: true },
  full_voltage_V: VOLT,
  full_taper_current_A: AMPS,
  empty_voltage_V: VOLT,
  rest_current_A: AMPS,
  rest_time_s: r(0, 1e10),
  rest_dvdt_V_per_s: r(0, 100),
  max_gap_s: r(0.001, 1e7),
  gap_dv_max_V: VOLT,
  sigma_voltage_V: r(1e-5, 10),
  ocv_hysteresis_V: r(0, 1),
  sigma_full: SIGMA_SOC,
  sigma_empty: SIGMA_SOC,
  ocv_sigma_max: SIGMA_SOC,
  current_gain_error: r(1e-5, 1),
  current_offset_A: r(1e-6, 1e4),
  cap_charge_rel_sigma: r(0, 1),
  cap_sigma_w_Ah: r(1e-6, 1e4),
  cap_p0_frac: r(0.001, 10),
  cap_dz_min: r(0, 1, { minOpen: true }),
  cap_max_step_frac: r(0.001, 10),
  cap_max_frac: r(0.1, 100),
  cap_temp_min_degC: TEMP,
  cap_temp_max_degC: TEMP,
  r_step_min_A: AMPS,
  r_step_max_dt_s: r(0, 1e7),
  r_stable_A: AMPS,
  r_soc_min: r(-1, 2),
  r_soc_max: r(-1, 2),
  r_lambda: r(0.5, 1, { minOpen: true }),
  r_ea_J_per_mol: r(0, 2e5),
  r_bol_ohm: r(0, 1e4),
  r_bol_events: r(1, 1000),
  r_plaus_lo: r(0, 1e3),
  r_plaus_hi: r(0, 1e3),
  th_ea_J_per_mol: r(0, 2e5),
  th_extreme_low_degC: TEMP,
  th_extreme_high_degC: TEMP,
  rf_hysteresis: r(0, 0.5, { minOpen: true, maxOpen: true }),
  lim_v_max_V: VOLT,
  lim_v_min_V: VOLT,
  lim_v_deep_V: VOLT,
  lim_i_dis_max_A: AMPS,
  lim_i_chg_max_A: AMPS,
  lim_t_max_degC: TEMP,
  lim_t_min_degC: TEMP,
  lim_t_chg_max_degC: TEMP,
  lim_t_chg_min_degC: TEMP,
  plaus_v_max_V: VOLT,
  plaus_i_max_A: AMPS,
  plaus_t_min_degC: TEMP,
  plaus_t_max_degC: TEMP,
  log_summary_interval_s: r(1, 1e7),
  ev_confirm_voltage_s: r(0, 1e6), // event confirmation times, s (0: at the first sample)
  ev_confirm_current_s: r(0, 1e6),
  ev_confirm_temp_s: r(0, 1e6),
  ev_glitch_samples: r(0, 1000),
};

/** Flag bits of one word of the range table. */
export const RANGE_U32 = 1; // compare the word as an unsigned integer, else as f32
export const RANGE_MIN_OPEN = 2;
export const RANGE_MAX_OPEN = 4;
export const RANGE_NON_DECREASING = 8; // >= the word before it
export const RANGE_SKIP = 16; // not range-checked (header words)

/** One entry per 4-byte word of the block from PARAMS_BODY_OFFSET up to (not including) the end marker. */
export interface RangeWord {
  offset: number;
  name: string;
  min: number;
  max: number;
  flags: number;
}

export function rangeTable(): RangeWord[] {
  const fields = layoutStruct(Params).fields;
  const unranged = new Set<string>(UNRANGED_FIELDS);
  for (const name of Object.keys(fields)) {
    if (!unranged.has(name) && !PARAM_RANGES[name]) throw new Error(`Params.${name} has no range in layout/param-ranges.ts`);
  }
  for (const name of Object.keys(PARAM_RANGES)) if (!fields[name]) throw new Error(`param-ranges: Params has no field ${name}`);
  const out: RangeWord[] = [];
  for (const fl of Object.values(fields)) {
    if (fl.offset < PARAMS_BODY_OFFSET || fl.name === 'end_marker') continue;
    if (fl.bytes % 4 !== 0 || fl.type === 'f64' || fl.type === 'i64') throw new Error(`Params.${fl.name}: the range table assumes 4-byte words`);
    const range = PARAM_RANGES[fl.name];
    for (let i = 0; i < fl.bytes / 4; i++) {
      const name = fl.count ? `${fl.name}.${i}` : fl.name;
      if (!range) {
        out.push({ offset: fl.offset + 4 * i, name, min: 0, max: 0, flags: RANGE_SKIP });
        continue;
      }
      const flags = (fl.type === 'u32' ? RANGE_U32 : 0) | (range.minOpen ? RANGE_MIN_OPEN : 0) | (range.maxOpen ? RANGE_MAX_OPEN : 0)
        | (range.nonDecreasing && i > 0 ? RANGE_NON_DECREASING : 0);
      out.push({ offset: fl.offset + 4 * i, name, min: range.min, max: range.max, flags });
    }
  }
  if (out.length !== (PARAMS_SIZE - 4 - PARAMS_BODY_OFFSET) / 4) throw new Error('range table does not cover every body word');
  return out;
}

/** Why the core refused a parameter block: params_apply / init_staged return values. */
export const ParamsReason = {
  OK: 0,
  BAD_MAGIC: 1,
  BAD_SIZE: 2,
  BAD_CRC: 3,
  OLD_VERSION: 4,
  OUT_OF_RANGE: 5,
  BAD_CHEMISTRY: 6,
  BAD_SIGNATURE: 7,
} as const;

export const PARAMS_REASON_TEXT: Readonly<Record<number, string>> = {
  1: 'bad magic',
  2: 'bad size',
  3: 'CRC mismatch',
  4: 'version not newer than the block in force',
  5: 'value out of range',
  6: 'unknown chemistry',
  7: 'signature missing or invalid',
};

/** Why the core refused a state image: state_restore return values. */
export const RestoreReason = {
  OK: 0,
  BAD_MAGIC: 1,
  VERSION: 2,
  LENGTH: 3,
  CRC: 4,
  PARAMS: 5,
  STATE: 6,
} as const;

export const RESTORE_REASON_TEXT: Readonly<Record<number, string>> = {
  1: 'bad magic',
  2: 'saved by another layout or core version',
  3: 'wrong length',
  4: 'CRC mismatch',
  5: 'parameter block out of range',
  6: 'state value non-finite or out of range',
};
