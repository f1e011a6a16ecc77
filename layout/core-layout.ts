/**
 * The one source of truth for the core's linear-memory layout.
 *
 * Everything that both sides of the ABI must agree on lives here: region bases, struct field
 * offsets, record strides, enum values and flag bits. `scripts/gen-layout.ts` turns it into
 * `assembly/generated/layout.ts` (constants for the core) and `embed/include/bms_core_layout.h`
 * (for firmware); the host imports this module directly. Nothing restates an offset by hand.
 *
 * Rules the generator enforces: every field is naturally aligned, every struct is padded to 8 bytes,
 * every region starts on an 8-byte boundary, and the whole used area stays below `USED_LIMIT`.
 */

export type Scalar = 'f64' | 'f32' | 'i64' | 'u32' | 'i32' | 'u16';

export interface FieldSpec {
  readonly name: string;
  readonly type: Scalar;
  /** Array length; 1 when absent. */
  readonly count?: number;
  readonly doc: string;
}

export interface StructSpec {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldSpec[];
}

export const SCALAR_BYTES: Record<Scalar, number> = { f64: 8, f32: 4, i64: 8, u32: 4, i32: 4, u16: 2 };

/** Bumped whenever any offset, size or meaning below changes. */
export const LAYOUT_VERSION = 5; // 4: event confirmation (Params ev_*, EventSlot pending/glitches/transients, LogType GLITCH/TRANSIENT); 5: capacity by temperature and rate, CAPACITY_REFUSED
/** Semantic version of the core's behaviour, packed as major<<16 | minor<<8 | patch. */
export const CORE_VERSION = (0 << 16) | (1 << 8) | 0;

export const MAGIC_HEADER = 0x45534d42; // 'BMSE' little-endian
export const MAGIC_PARAMS = 0x50534d42; // 'BMSP' little-endian
export const MAGIC_SAVE = 0x53534d42; // 'BMSS' little-endian
export const PARAMS_END_MARKER = 0x454e4421; // '!DNE': last word of every parameter block

export const INPUT_CAPACITY = 128;
export const LOG_CAPACITY = 256;
export const OCV_POINTS = 21; // 0 %, 5 %, ... 100 % SOC
export const TEMP_BINS = 18; // below -20 degC, 16 bins of 5 K up to 60 degC, above 60 degC
export const TEMP_MODES = 3; // rest, charge, discharge
export const SOC_BINS = 10;
export const DOD_BINS = 10;
export const RAINFLOW_STACK = 128;
export const EVENT_TYPES = 9;
/** Capacity is learned per condition: CAP_TEMP_BANDS temperature bands x CAP_RATE_BANDS discharge-rate bands. */
export const CAP_TEMP_BANDS = 4;
export const CAP_RATE_BANDS = 3;
export const CAP_BINS = CAP_TEMP_BANDS * CAP_RATE_BANDS;

/** Region 0..REGION_START is left unused so that a null pointer never aliases data. */
export const REGION_START = 1024;
/** Everything the core writes must stay below this; firmware may cap linear memory here. */
export const USED_LIMIT = 24 * 1024;

/** Chemistry identifiers (parameter-block presets). */
export const Chemistry = { NASA18650: 0, NMC: 1, LFP: 2 } as const;

/** Status / flag bits, sticky in `Guard.flags`, per sample in the return of `step`. */
export const Flag = {
  ACCEPTED: 1 << 0,
  REJECT_NONFINITE: 1 << 1,
  REJECT_RANGE: 1 << 2,
  CLOCK_BACKWARDS: 1 << 3,
  CLOCK_DUPLICATE: 1 << 4,
  GAP: 1 << 5,
  EVENT: 1 << 6,
  CAPACITY_UPDATE: 1 << 7,
  RESISTANCE_UPDATE: 1 << 8,
  ANCHOR_FULL: 1 << 9,
  ANCHOR_EMPTY: 1 << 10,
  ANCHOR_OCV: 1 << 11,
  NOT_INITIALISED: 1 << 12,
  PARAMS_REJECTED: 1 << 13,
  LOG_OVERWROTE: 1 << 14,
  RAINFLOW_OVERFLOW: 1 << 15,
  BATCH_TOO_LARGE: 1 << 16,
  CAPACITY_GATED: 1 << 17,
  RESTORE_FAILED: 1 << 18,
} as const;

/** Negative-event types (index into `Events`). */
export const EventType = {
  OVER_VOLTAGE: 0,
  UNDER_VOLTAGE: 1,
  DEEP_DISCHARGE: 2,
  OVER_CURRENT_DISCHARGE: 3,
  OVER_CURRENT_CHARGE: 4,
  OVER_TEMPERATURE: 5,
  UNDER_TEMPERATURE: 6,
  CHARGE_OVER_TEMPERATURE: 7,
  CHARGE_UNDER_TEMPERATURE: 8,
} as const;

/** Lifecycle-log record types. Payload fields a, b, c are given per type. */
export const LogType = {
  INIT: 1, // a = chemistry, b = params version, c = layout version
  EVENT: 2, // a = EventType, b = worst value (V, A or degC), c = count after this event
  CAPACITY: 3, // a = capacity_Ah, b = sigma_Ah, c = measured pair capacity_Ah (y/x)
  RESISTANCE: 4, // a = R25_ohm (filtered), b = R / R_BOL, c = raw R25 of this step
  SUMMARY: 5, // a = SOC, b = equivalent full cycles, c = temperature degC
  INPUT_FAULT: 6, // a = Flag bit of the fault, b = running count of that fault, c = 0
  PARAMS: 7, // a = new params version, b = 1 applied / 0 refused, c = reason code
  RESTORE: 8, // a = 1 restored / 0 refused (fresh state), b = reason code, c = save generation
  GLITCH: 9, // a = EventType, b = worst value, c = sensor glitches of that type so far (an unconfirmed excursion at rest of <= ev_glitch_samples samples)
  TRANSIENT: 10, // a = EventType, b = worst value, c = transients of that type so far (any other excursion that cleared before its confirmation time)
  CAPACITY_REFUSED: 11, // a = capacity of the refused pair (y/x, Ah), b = |innovation| in sigmas (0 if not the reason), c = reason: 1 innovation, 2 impossible, 3 unresolvable swing
} as const;

const f = (name: string, type: Scalar, doc: string, count?: number): FieldSpec =>
  count === undefined ? { name, type, doc } : { name, type, doc, count };

export const Header: StructSpec = {
  name: 'Header',
  doc: 'Identity of the loaded core; written by init().',
  fields: [
    f('magic', 'u32', "MAGIC_HEADER ('BMSE')"),
    f('layout_version', 'u32', 'LAYOUT_VERSION'),
    f('core_version', 'u32', 'CORE_VERSION'),
    f('initialised', 'u32', '1 after a successful init()'),
  ],
};

export const SaveHeader: StructSpec = {
  name: 'SaveHeader',
  doc: 'Header of the persisted state image [SAVE_HEADER_BASE, LOG end); crc32 covers every byte after it.',
  fields: [
    f('crc32', 'u32', 'CRC-32 (IEEE) over the image from the next byte to its end'),
    f('magic', 'u32', "MAGIC_SAVE ('BMSS')"),
    f('layout_version', 'u32', 'LAYOUT_VERSION of the core that saved it'),
    f('core_version', 'u32', 'CORE_VERSION of the core that saved it'),
    f('bytes', 'u32', 'image length in bytes, header included'),
    f('generation', 'u32', 'saves since init (lets firmware pick the newest of two slots)'),
  ],
};

export const InputSample: StructSpec = {
  name: 'InputSample',
  doc: 'One sample of the batch input area (INPUT_CAPACITY records).',
  fields: [
    f('t_s', 'f64', 'time stamp, s (any epoch, monotonic)'),
    f('voltage_V', 'f64', 'pack terminal voltage, V'),
    f('current_A', 'f64', 'pack current, A, positive = discharge'),
    f('temp_degC', 'f64', 'cell temperature, degC'),
  ],
};

export const Params: StructSpec = {
  name: 'Params',
  doc: 'Versioned parameter block: chemistry tables, limits and filter tunings. CRC-32 over the bytes after the header.',
  fields: [
    f('crc32', 'u32', 'CRC-32 (IEEE) over bytes [PARAMS_BODY_OFFSET, size_bytes): everything after this field'),
    f('magic', 'u32', "MAGIC_PARAMS ('BMSP')"),
    f('version', 'u32', 'parameter-block version (monotonic)'),
    f('chemistry', 'u32', 'Chemistry id of the preset it came from'),
    f('size_bytes', 'u32', 'size of the block in bytes'),
    f('series_cells', 'u32', 'cells in series; per-cell voltage = pack voltage / series_cells'),
    f('rated_capacity_Ah', 'f32', 'rated capacity, Ah'),
    f('charge_efficiency', 'f32', 'coulombic efficiency applied to charge current (0..1]'),
    f('ocv_V', 'f32', 'cell open-circuit voltage at SOC 0, 5, ... 100 %', OCV_POINTS),
    f('full_voltage_V', 'f32', 'cell voltage at or above which a tapered charge means full'),
    f('full_taper_current_A', 'f32', '|current| below which a CV charge counts as finished'),
    f('empty_voltage_V', 'f32', 'cell voltage under discharge load that defines empty (SOC 0)'),
    f('rest_current_A', 'f32', '|current| below which the cell is at rest'),
    f('rest_time_s', 'f32', 'continuous rest before the OCV is trusted'),
    f('rest_dvdt_V_per_s', 'f32', 'max |dV/dt| at rest for the OCV to be trusted'),
    f('max_gap_s', 'f32', 'sample interval above which the interval is a gap and not integrated'),
    f('gap_dv_max_V', 'f32', 'cell-voltage change across a rest gap above which something unrecorded happened'),
    f('sigma_voltage_V', 'f32', 'voltage accuracy incl. hysteresis residue, V (OCV trust)'),
    f('ocv_hysteresis_V', 'f32', 'OCV hysteresis half-width: rest voltage is OCV + this after a charge, OCV - this after a discharge'),
    f('sigma_full', 'f32', 'SOC standard deviation of a full-charge anchor'),
    f('sigma_empty', 'f32', 'SOC standard deviation of an empty anchor'),
    f('ocv_sigma_max', 'f32', 'an OCV anchor is used only when its SOC sigma is below this'),
    f('current_gain_error', 'f32', 'relative current-sensor gain error (1 sigma)'),
    f('current_offset_A', 'f32', 'current-sensor offset (1 sigma), A'),
    f('cap_charge_rel_sigma', 'f32', 'extra relative sigma of charge-direction pairs (coulombic efficiency)'),
    f('cap_sigma_w_Ah', 'f32', 'capacity random-walk sigma per update, Ah'),
    f('cap_p0_frac', 'f32', 'initial capacity sigma as a fraction of rated'),
    f('cap_dz_min', 'f32', 'minimum |delta SOC| between anchors for a capacity update'),
    f('cap_max_step_frac', 'f32', 'largest capacity change per update, fraction of rated'),
    f('cap_max_frac', 'f32', 'capacity upper bound, fraction of rated'),
    f('cap_temp_min_degC', 'f32', 'capacity updates only inside this temperature band (low)'),
    f('cap_temp_max_degC', 'f32', 'capacity updates only inside this temperature band (high)'),
    f('r_step_min_A', 'f32', 'minimum |delta I| of a current step for a resistance event'),
    f('r_step_max_dt_s', 'f32', 'maximum time between the two samples of a step'),
    f('r_stable_A', 'f32', 'max |delta I| over the sample pair before the step (pre-step stability)'),
    f('r_soc_min', 'f32', 'resistance events only at SOC at or above this'),
    f('r_soc_max', 'f32', 'resistance events only at SOC at or below this'),
    f('r_lambda', 'f32', 'RLS forgetting factor per accepted event'),
    f('r_ea_J_per_mol', 'f32', 'activation energy for normalising R to 25 degC'),
    f('r_bol_ohm', 'f32', 'R25 at beginning of life; 0 = learn it from the first r_bol_events'),
    f('r_bol_events', 'u32', 'events averaged to learn R_BOL when r_bol_ohm is 0'),
    f('r_plaus_lo', 'f32', 'reject a step whose R25 is below this times R_BOL'),
    f('r_plaus_hi', 'f32', 'reject a step whose R25 is above this times R_BOL'),
    f('th_ea_J_per_mol', 'f32', 'activation energy of the thermal-stress (calendar) accumulator'),
    f('th_extreme_low_degC', 'f32', 'below this is extreme low temperature (Annex VII)'),
    f('th_extreme_high_degC', 'f32', 'above this is extreme high temperature (Annex VII)'),
    f('rf_hysteresis', 'f32', 'rainflow reversal gate, SOC fraction'),
    f('lim_v_max_V', 'f32', 'cell over-voltage limit'),
    f('lim_v_min_V', 'f32', 'cell under-voltage limit'),
    f('lim_v_deep_V', 'f32', 'cell deep-discharge limit'),
    f('lim_i_dis_max_A', 'f32', 'discharge over-current limit'),
    f('lim_i_chg_max_A', 'f32', 'charge over-current limit (magnitude)'),
    f('lim_t_max_degC', 'f32', 'over-temperature limit'),
    f('lim_t_min_degC', 'f32', 'under-temperature limit'),
    f('lim_t_chg_max_degC', 'f32', 'over-temperature limit while charging'),
    f('lim_t_chg_min_degC', 'f32', 'under-temperature limit while charging'),
    f('plaus_v_max_V', 'f32', 'cell voltage above this is physically impossible: sample rejected'),
    f('plaus_i_max_A', 'f32', '|current| above this is physically impossible: sample rejected'),
    f('plaus_t_min_degC', 'f32', 'temperature below this is impossible: sample rejected'),
    f('plaus_t_max_degC', 'f32', 'temperature above this is impossible: sample rejected'),
    f('log_summary_interval_s', 'f32', 'interval of SUMMARY log records, s'),
    f('ev_confirm_voltage_s', 'f32', 'a voltage limit (over, under, deep discharge) counts as an event once violated at >= 2 samples spanning this long, s (0: at once)'),
    f('ev_confirm_current_s', 'f32', 'the same for the over-current limits, s'),
    f('ev_confirm_temp_s', 'f32', 'the same for the temperature limits, s'),
    f('ev_glitch_samples', 'u32', 'an excursion at rest of at most this many samples is a sensor glitch, never an event'),
    f('end_marker', 'u32', 'PARAMS_END_MARKER: the last word, so that any truncation is detected (no padding after it)'),
  ],
};

export const Guard: StructSpec = {
  name: 'Guard',
  doc: 'Input validation: last accepted sample, fault counters, sticky flags.',
  fields: [
    f('t_last_s', 'f64', 'time of the last accepted sample, s'),
    f('t_last_ms', 'i64', 'the same, rounded to whole ms (intervals are computed in exact integer ms)'),
    f('samples', 'i64', 'samples offered'),
    f('accepted', 'i64', 'samples accepted'),
    f('v_last_V', 'f32', 'cell voltage of the last accepted sample'),
    f('i_last_A', 'f32', 'current of the last accepted sample'),
    f('i_prev_A', 'f32', 'current of the sample before the last accepted one'),
    f('temp_last_degC', 'f32', 'temperature of the last accepted sample'),
    f('n_valid', 'u32', 'accepted samples since init (saturates)'),
    f('flags', 'u32', 'sticky Flag bits since init'),
    f('rejected_nonfinite', 'u32', 'samples with NaN or infinity'),
    f('rejected_range', 'u32', 'samples outside the plausibility limits'),
    f('clock_backwards', 'u32', 'samples whose time went backwards (resynchronised, not integrated)'),
    f('clock_duplicate', 'u32', 'samples with the same time (to the ms) as the last one (rejected)'),
    f('gaps', 'u32', 'intervals longer than max_gap_s (not integrated)'),
    f('pad0', 'u32', 'padding'),
  ],
};

export const Throughput: StructSpec = {
  name: 'Throughput',
  doc: 'Exact charge and energy throughput: i64 fixed point (Q20 = 2^-20 units, Q10 = 2^-10 units) with an f32 carry of the rounding remainder, so nothing drifts.',
  fields: [
    f('chg_As_q20', 'i64', 'charge put in, A*s in Q20'),
    f('dis_As_q20', 'i64', 'charge taken out, A*s in Q20'),
    f('net_As_q20', 'i64', 'efficiency-weighted net discharge since init, A*s in Q20 (drives SOC)'),
    f('chg_Ws_q10', 'i64', 'energy put in, W*s in Q10'),
    f('dis_Ws_q10', 'i64', 'energy taken out, W*s in Q10'),
    f('chg_As_carry', 'f32', 'rounding remainder carried to the next sample, Q20 units'),
    f('dis_As_carry', 'f32', 'rounding remainder, Q20 units'),
    f('net_As_carry', 'f32', 'rounding remainder, Q20 units'),
    f('chg_Ws_carry', 'f32', 'rounding remainder, Q10 units'),
    f('dis_Ws_carry', 'f32', 'rounding remainder, Q10 units'),
    f('pad0', 'u32', 'padding'),
  ],
};

export const Soc: StructSpec = {
  name: 'Soc',
  doc: 'Coulomb-counting SOC between anchors, with variance.',
  fields: [
    f('anchor_t_s', 'f64', 'time of the last anchor'),
    f('anchor_net_q20', 'i64', 'net_As_q20 at the last anchor'),
    f('anchor_moved_q20', 'i64', 'chg_As_q20 + dis_As_q20 at the last anchor (gain-error term of the SOC variance)'),
    f('anchor_z', 'f32', 'SOC at the last anchor (fraction)'),
    f('anchor_sigma2', 'f32', 'SOC variance at the last anchor'),
    f('z', 'f32', 'current SOC (fraction, may leave 0..1 slightly)'),
    f('z_per_q20', 'f32', 'SOC per Q20 unit of charge: 1 / (3600 * capacity_Ah * 2^20)'),
    f('rest_s', 'f32', 'continuous time at rest'),
    f('rest_v0_V', 'f32', 'cell voltage at the start of the dV/dt window'),
    f('rest_w_s', 'f32', 'time in the current dV/dt window'),
    f('rest_dvdt', 'f32', 'last |dV/dt| over a full window, V/s'),
    f('move_z0', 'f32', 'SOC where the current direction of movement began'),
    f('move_dir', 'i32', 'direction of the current SOC movement: +1 charging, -1 discharging, 0 none yet'),
    f('branch', 'i32', 'hysteresis branch: +1 after >= 5 % charged, -1 after >= 5 % discharged, 0 unknown'),
    f('anchor_kind', 'u32', '0 none, 1 full, 2 empty, 3 OCV'),
    f('anchors', 'u32', 'anchors taken'),
    f('charged_since_rest', 'u32', '1 when charge current flowed since the last discharge (full-anchor gate)'),
    f('ocv_used', 'u32', '1 once an OCV anchor was taken in the current rest'),
  ],
};

export const Capacity: StructSpec = {
  name: 'Capacity',
  doc: 'Scalar Kalman filter on capacity from (delta SOC, delta Ah) pairs between anchors.',
  fields: [
    f('q_Ah', 'f64', 'capacity estimate, Ah'),
    f('p_Ah2', 'f64', 'estimate variance, Ah^2'),
    f('last_pair_Ah', 'f64', 'capacity of the last accepted pair (y/x), Ah'),
    f('last_t_s', 'f64', 'time of the last accepted update'),
    f('pair_z', 'f64', 'SOC of the anchor that opens the current pair'),
    f('pair_sigma2', 'f64', 'SOC variance of that anchor'),
    f('pair_net_q20', 'i64', 'net_As_q20 at that anchor'),
    f('pair_t_s', 'f64', 'time of that anchor'),
    f('temp_min_degC', 'f32', 'lowest temperature since the pair started'),
    f('temp_max_degC', 'f32', 'highest temperature since the pair started'),
    f('updates', 'u32', 'accepted updates'),
    f('gated', 'u32', 'pairs refused by the |delta SOC| or temperature gate'),
    f('pair_open', 'u32', '1 while an anchor opens a pair'),
    f('pair_kind', 'u32', 'anchor kind that opened the pair: 1 full, 2 empty, 3 OCV'),
    f('surprises', 'u32', 'pairs whose innovation exceeded 4 sigma (refused, counted; the bin variance grows to cover them)'),
    f('pad0', 'u32', 'padding'),
    f('bin_q_Ah', 'f64', 'delivered capacity per [temperature band][rate band], Ah', CAP_BINS),
    f('bin_p_Ah2', 'f64', 'variance of each bin, Ah^2', CAP_BINS),
    f('bin_qw_Ah2', 'f64', 'process variance per update learned from the innovations of each bin, Ah^2', CAP_BINS),
    f('bin_updates', 'u32', 'accepted updates per bin', CAP_BINS),
    f('rate_band', 'u32', 'rate band of the last empty anchor (the recent load)'),
    f('pair_i_A', 'f32', 'current at the anchor that opened the pair, A'),
    f('pair_temp_degC', 'f32', 'temperature at the anchor that opened the pair, degC'),
    f('refused', 'u32', 'pairs refused by the innovation gate'),
    f('closed_t_s', 'f64', 'time of the anchor that last closed a pair (updated or refused)'),
    f('pending_Ah', 'f64', 'capacity (y/x) of the last pair refused by the innovation gate, 0 when none'),
    f('pending_bin', 'u32', 'bin of that pair'),
    f('implausible', 'u32', 'pairs refused as physically impossible (capacity <= 0 or above cap_max_frac x rated)'),
  ],
};

export const Resistance: StructSpec = {
  name: 'Resistance',
  doc: 'Step-based internal resistance, normalised to 25 degC, scalar RLS with forgetting.',
  fields: [
    f('r25_ohm', 'f64', 'filtered R at 25 degC, ohm'),
    f('p', 'f64', 'RLS covariance'),
    f('r_bol_ohm', 'f64', 'R25 at beginning of life (parameter or learned)'),
    f('bol_sum_ohm', 'f64', 'sum of raw R25 while learning R_BOL'),
    f('last_raw_ohm', 'f64', 'raw R25 of the last accepted step'),
    f('last_t_s', 'f64', 'time of the last accepted step'),
    f('last_log_t_s', 'f64', 'time of the last RESISTANCE log record'),
    f('updates', 'u32', 'accepted steps'),
    f('rejected', 'u32', 'steps refused by plausibility'),
    f('bol_n', 'u32', 'steps averaged into R_BOL so far'),
    f('pad0', 'u32', 'padding'),
  ],
};

export const Thermal: StructSpec = {
  name: 'Thermal',
  doc: 'Arrhenius equivalent time and time-at-temperature / time-at-SOC histograms (ms, exact integers).',
  fields: [
    f('eq_time_q10', 'i64', 'Arrhenius-weighted equivalent time at 25 degC, s in Q10'),
    f('time_ms', 'i64', 'time integrated (ms)'),
    f('extreme_high_ms', 'i64', 'time above th_extreme_high_degC'),
    f('extreme_low_ms', 'i64', 'time below th_extreme_low_degC'),
    f('chg_extreme_high_ms', 'i64', 'time charging above th_extreme_high_degC'),
    f('chg_extreme_low_ms', 'i64', 'time charging below th_extreme_low_degC'),
    f('temp_hist_ms', 'i64', 'time per [mode][temperature bin]; modes rest, charge, discharge', TEMP_MODES * TEMP_BINS),
    f('soc_hist_ms', 'i64', 'time per 10 % SOC bin', SOC_BINS),
    f('eq_time_carry', 'f32', 'rounding remainder of eq_time_q10, Q10 units'),
    f('af_temp_degC', 'f32', 'temperature of the cached acceleration factor'),
    f('af', 'f32', 'cached acceleration factor'),
    f('temp_max_degC', 'f32', 'highest accepted temperature'),
    f('temp_min_degC', 'f32', 'lowest accepted temperature'),
    f('pad0', 'u32', 'padding'),
  ],
};

export const Rainflow: StructSpec = {
  name: 'Rainflow',
  doc: 'Streaming ASTM E1049 rainflow over SOC; cycles binned by depth and mean SOC.',
  fields: [
    f('full_cycles', 'f64', 'closed full cycles'),
    f('half_cycles', 'f64', 'closed half cycles (including those forced out by overflow)'),
    f('efc_rainflow', 'f64', 'sum of depth over closed cycles (full + half/2)'),
    f('ext_z', 'f32', 'running extremum since the last reversal'),
    f('dir', 'i32', '+1 rising, -1 falling, 0 unknown'),
    f('depth', 'u32', 'points on the residue stack'),
    f('pad0', 'u32', 'padding'),
    f('stack_z', 'f32', 'residue stack (SOC)', RAINFLOW_STACK),
    f('dod_hist', 'f32', 'cycle counts per [DoD bin][mean-SOC bin], 10 % bins', DOD_BINS * SOC_BINS),
  ],
};

export const EventSlot: StructSpec = {
  name: 'EventSlot',
  doc: 'One negative-event type (EVENT_TYPES slots).',
  fields: [
    f('last_t_s', 'f64', 'time of the last onset'),
    f('worst', 'f32', 'worst value seen (V, A or degC)'),
    f('count', 'u32', 'onsets counted'),
    f('active', 'u32', '1 while the condition holds'),
    f('pending', 'u32', 'samples of the excursion awaiting confirmation (0: none)'),
    f('pending_t_s', 'f64', 'time of the first sample of the pending excursion'),
    f('pending_worst', 'f32', 'worst value of the pending excursion'),
    f('pending_rest', 'u32', '1 while every sample of the pending excursion was at rest'),
    f('glitches', 'u32', 'excursions ended as sensor glitches'),
    f('transients', 'u32', 'other excursions that cleared before their confirmation time'),
  ],
};

export const LogState: StructSpec = {
  name: 'LogState',
  doc: 'Ring-buffer bookkeeping of the lifecycle log.',
  fields: [
    f('next_summary_ms', 'i64', 'time (ms) at or after which the next SUMMARY record is due'),
    f('last_summary_ms', 'i64', 'time (ms) of the last SUMMARY record (a clock going back re-arms it)'),
    f('next_seq', 'u32', 'sequence number of the next record (first record is 1)'),
    f('count', 'u32', 'records currently held (<= LOG_CAPACITY)'),
    f('overwritten', 'u32', 'records lost to overwrite-oldest'),
    f('pad0', 'u32', 'padding'),
  ],
};

export const LogRecord: StructSpec = {
  name: 'LogRecord',
  doc: 'One lifecycle-log record; crc32 covers the 28 bytes before it.',
  fields: [
    f('seq', 'u32', 'sequence number, 1-based, never reused'),
    f('type', 'u16', 'LogType'),
    f('flags', 'u16', 'low 16 Flag bits of the sample that wrote it'),
    f('t_s', 'f64', 'time stamp of the sample'),
    f('a', 'f32', 'payload a (see LogType)'),
    f('b', 'f32', 'payload b'),
    f('c', 'f32', 'payload c'),
    f('crc32', 'u32', 'CRC-32 (IEEE) over bytes 0..27'),
  ],
};

export const Snapshot: StructSpec = {
  name: 'Snapshot',
  doc: 'Every estimate and counter, written by snapshot(); all f64 for the host.',
  fields: [
    f('t_s', 'f64', 'time of the last accepted sample'),
    f('soc', 'f64', 'state of charge (fraction, clamped 0..1)'),
    f('soc_sigma', 'f64', 'SOC standard deviation'),
    f('capacity_Ah', 'f64', 'capacity estimate, Ah'),
    f('capacity_sigma_Ah', 'f64', 'capacity standard deviation, Ah'),
    f('soh', 'f64', 'capacity / rated capacity'),
    f('capacity_updates', 'f64', 'accepted capacity updates'),
    f('capacity_gated', 'f64', 'capacity pairs refused by a gate'),
    f('resistance_ohm', 'f64', 'filtered R at 25 degC, ohm (0 before the first step)'),
    f('resistance_bol_ohm', 'f64', 'R25 at beginning of life, ohm'),
    f('resistance_ratio', 'f64', 'R25 / R_BOL (0 until R_BOL is known)'),
    f('resistance_updates', 'f64', 'accepted resistance steps'),
    f('resistance_last_raw_ohm', 'f64', 'raw R25 of the last accepted step'),
    f('chg_Ah', 'f64', 'charge throughput in, Ah'),
    f('dis_Ah', 'f64', 'charge throughput out, Ah'),
    f('chg_Wh', 'f64', 'energy throughput in, Wh'),
    f('dis_Wh', 'f64', 'energy throughput out, Wh'),
    f('efc', 'f64', 'equivalent full cycles: discharge Ah / rated Ah'),
    f('efc_rainflow', 'f64', 'rainflow EFC including the open residue as half cycles'),
    f('full_cycles', 'f64', 'rainflow full cycles'),
    f('half_cycles', 'f64', 'rainflow half cycles incl. residue'),
    f('eq_time_25C_s', 'f64', 'Arrhenius-equivalent time at 25 degC, s'),
    f('time_s', 'f64', 'time integrated, s'),
    f('extreme_high_s', 'f64', 'time above the extreme-high threshold, s'),
    f('extreme_low_s', 'f64', 'time below the extreme-low threshold, s'),
    f('chg_extreme_high_s', 'f64', 'time charging above the extreme-high threshold, s'),
    f('chg_extreme_low_s', 'f64', 'time charging below the extreme-low threshold, s'),
    f('temp_max_degC', 'f64', 'highest temperature seen'),
    f('temp_min_degC', 'f64', 'lowest temperature seen'),
    f('events_total', 'f64', 'negative events counted, all types'),
    f('deep_discharge_events', 'f64', 'deep-discharge events'),
    f('samples', 'f64', 'samples offered'),
    f('accepted', 'f64', 'samples accepted'),
    f('rejected', 'f64', 'samples rejected (non-finite, range, duplicate time)'),
    f('clock_backwards', 'f64', 'backwards clock jumps'),
    f('gaps', 'f64', 'gaps longer than max_gap_s'),
    f('flags', 'f64', 'sticky Flag bits'),
    f('log_next_seq', 'f64', 'sequence number of the next log record'),
    f('log_count', 'f64', 'log records held'),
    f('log_overwritten', 'f64', 'log records lost to overwrite'),
    f('params_version', 'f64', 'version of the parameter block in force'),
  ],
};

/** Regions in address order. `struct` regions hold `count` records of it. */
export interface RegionSpec {
  readonly name: string;
  readonly doc: string;
  readonly struct: StructSpec;
  readonly count: number;
}

export const REGIONS: readonly RegionSpec[] = [
  { name: 'HEADER', doc: 'core identity', struct: Header, count: 1 },
  { name: 'INPUT', doc: 'batch input area, written by the host', struct: InputSample, count: INPUT_CAPACITY },
  { name: 'PARAMS_STAGING', doc: 'a new parameter block is written here, then params_apply() or init_staged()', struct: Params, count: 1 },
  { name: 'SAVE_HEADER', doc: 'header of the persisted state image (state_save / state_restore)', struct: SaveHeader, count: 1 },
  { name: 'PARAMS', doc: 'parameter block in force', struct: Params, count: 1 },
  { name: 'GUARD', doc: 'input validation state', struct: Guard, count: 1 },
  { name: 'THROUGHPUT', doc: 'charge and energy accumulators', struct: Throughput, count: 1 },
  { name: 'SOC', doc: 'SOC estimator state', struct: Soc, count: 1 },
  { name: 'CAPACITY', doc: 'capacity (SOH) estimator state', struct: Capacity, count: 1 },
  { name: 'RESISTANCE', doc: 'resistance estimator state', struct: Resistance, count: 1 },
  { name: 'THERMAL', doc: 'thermal-stress state', struct: Thermal, count: 1 },
  { name: 'RAINFLOW', doc: 'cycle-counting state', struct: Rainflow, count: 1 },
  { name: 'EVENTS', doc: 'negative-event slots', struct: EventSlot, count: EVENT_TYPES },
  { name: 'LOG_STATE', doc: 'log bookkeeping', struct: LogState, count: 1 },
  { name: 'LOG', doc: 'lifecycle-log ring', struct: LogRecord, count: LOG_CAPACITY },
  { name: 'SNAPSHOT', doc: 'estimates for the host, written by snapshot()', struct: Snapshot, count: 1 },
];

/** Regions whose bytes make up the complete core state (digest, persistence). */
export const STATE_REGIONS = ['PARAMS', 'GUARD', 'THROUGHPUT', 'SOC', 'CAPACITY', 'RESISTANCE', 'THERMAL', 'RAINFLOW', 'EVENTS', 'LOG_STATE', 'LOG'] as const;

// ---------------------------------------------------------------------------------------------
// Derived offsets (computed, never written by hand)

export interface FieldLayout extends FieldSpec {
  readonly offset: number;
  readonly bytes: number;
}
export interface StructLayout {
  readonly spec: StructSpec;
  readonly size: number;
  readonly fields: Record<string, FieldLayout>;
}
export interface RegionLayout {
  readonly spec: RegionSpec;
  readonly base: number;
  readonly size: number;
  readonly layout: StructLayout;
}

const align = (n: number, a: number): number => Math.ceil(n / a) * a;

export function layoutStruct(spec: StructSpec): StructLayout {
  const fields: Record<string, FieldLayout> = {};
  let offset = 0;
  for (const fs of spec.fields) {
    const unit = SCALAR_BYTES[fs.type];
    if (offset % unit !== 0) throw new Error(`${spec.name}.${fs.name}: misaligned at ${offset}; reorder or pad`);
    const bytes = unit * (fs.count ?? 1);
    fields[fs.name] = { ...fs, offset, bytes };
    offset += bytes;
  }
  return { spec, size: align(offset, 8), fields };
}

export function computeRegions(): Record<string, RegionLayout> {
  const out: Record<string, RegionLayout> = {};
  let base = REGION_START;
  for (const spec of REGIONS) {
    const layout = layoutStruct(spec.struct);
    const size = layout.size * spec.count;
    out[spec.name] = { spec, base, size, layout };
    base = align(base + size, 8);
  }
  if (base > USED_LIMIT) throw new Error(`layout uses ${base} bytes, above USED_LIMIT ${USED_LIMIT}`);
  return out;
}

export const REGION = computeRegions();
export const USED_END = Object.values(REGION).reduce((m, r) => Math.max(m, r.base + r.size), 0);
/** Where the compiler may place its own static data (read-only preset tables). */
export const STATIC_BASE = align(USED_END, 64);
/** Byte offset inside Params where the CRC-covered body starts: right after the crc32 field. */
export const PARAMS_BODY_OFFSET = 4;
/** Size of the parameter block in bytes. */
export const PARAMS_SIZE = REGION.PARAMS!.layout.size;
if (REGION.PARAMS!.layout.fields.end_marker!.offset + 4 !== PARAMS_SIZE) {
  throw new Error('Params: end_marker must be the last word with no padding after it (add or remove a u32 pad before it)');
}
