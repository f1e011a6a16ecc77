/**
 * Parameter-block presets per chemistry: the chemistry tables as data, with their sources.
 *
 * The generator writes these into the core (assembly/generated/presets.ts) so that init(chemistry)
 * needs no host; the host uses the same function to build custom blocks (other rated capacity,
 * series count, tunings). Current thresholds are given per cell at the preset's rated capacity and
 * scaled by `buildParams` when the rated capacity changes (they are C-rate thresholds in disguise).
 *
 * Sources (see docs/ for the full discussion):
 * - OCV tables: soorajsunil/Piecewise-Battery-OCV @ 2d7f782 (MIT) pseudo-OCV data, interpolated to a
 *   5 % grid in algorithms.md section 1.3: NMC = Samsung INR21700-40T (C/20), LFP = Lithium Werks
 *   APR18650M1B (C/32).
 * - Rest rules, OCV trust, anchors: algorithms.md 1.2 (TI Impedance Track, foxBMS 2 v1.11.0).
 * - Capacity filter gates: algorithms.md 2.2 (TI Qmax Delta / Upper Bound, Plett 2011).
 * - Resistance step rules and Ea_R = 35 kJ/mol: algorithms.md 3.1-3.3 (PVsyst / Lundgren 2016).
 * - Thermal Ea: NMC 59 kJ/mol, LFP 47 kJ/mol (BLAST-Lite Kokam and LFP-250Ah calendar, algorithms.md 4.2).
 * - Voltage limits: LibreSolar bms-firmware presets (algorithms.md 8.2); NASA cells from the NASA PCoE
 *   test description (4.2 V CV charge, 2.7 V capacity cutoff, 2.0 Ah rated).
 */
import { Chemistry, Params, PARAMS_SIZE, MAGIC_PARAMS, PARAMS_END_MARKER, layoutStruct } from './core-layout.ts';
import { crc32 } from './crc32.ts';

export type ChemistryName = keyof typeof Chemistry;

/** Every body field of the parameter block (everything after the 6-word header). */
export type ParamValues = Record<string, number>;

const NMC_OCV_V = [2.5, 3.192, 3.355, 3.436, 3.482, 3.542, 3.59, 3.623, 3.655, 3.692, 3.738, 3.786, 3.843, 3.888, 3.923, 3.971, 4.031, 4.072, 4.085, 4.108, 4.2];
const LFP_OCV_V = [2.01, 3.072, 3.203, 3.216, 3.241, 3.262, 3.278, 3.288, 3.295, 3.297, 3.299, 3.301, 3.303, 3.307, 3.316, 3.333, 3.337, 3.339, 3.341, 3.343, 3.598];

/** Tunings shared by all presets, per cell, before chemistry-specific overrides. */
const COMMON = {
  series_cells: 1,
  charge_efficiency: 0.999, // algorithms.md 1.1: default eta_chg
  rest_time_s: 1800, // 1.2 rule 1 (NMC); LFP overrides
  rest_dvdt_V_per_s: 4e-6, // 1.2 rule 2: 4 uV/s
  max_gap_s: 300,
  gap_dv_max_V: 0.2,
  // OCV trust: 5 mV of measurement and relaxation residue, and the model error of a preset table on
  // the user's cell (a table from another cell of the same chemistry): the NMC table below and the
  // NMC111 Sanyo UR18650E table of BLAST-Lite (Schmalstieg et al., JPS 257 (2014) 325; algorithms.md
  // 1.3) differ by 56 mV RMS over 20-80 % SOC, LibreSolar's LFP table sits ~30 mV off the C/32
  // pseudo-OCV (same section). The error is systematic for one cell (no averaging over anchors); the
  // core converts it to SOC through the local slope, so only steep segments anchor. A table measured
  // on the cell itself sets this back to its measurement accuracy.
  sigma_voltage_V: 0.05, // sqrt(0.005^2 + 0.05^2)
  ocv_hysteresis_V: 0,
  sigma_full: 0.005,
  sigma_empty: 0.03,
  ocv_sigma_max: 0.03,
  current_gain_error: 0.002,
  cap_charge_rel_sigma: 0.02,
  cap_p0_frac: 0.05, // 2.3: P0 = (0.05 Q_nom)^2 for a new cell
  cap_dz_min: 0.3, // 2.2: |x| >= 0.3
  cap_max_step_frac: 0.05, // 2.2: |dQ| <= 5 % of design per update (TI Qmax Delta)
  cap_max_frac: 1.3, // 2.2: Q <= 130 % design (TI Qmax Upper Bound)
  cap_temp_min_degC: 10, // 1.2 rule 3: 10-40 degC (widened to 45 for self-heating under load)
  cap_temp_max_degC: 45,
  r_stable_A_frac: 0.05, // pre-step stability, fraction of rated capacity in A (x C)
  r_soc_min: 0.2, // 3.1: SOC 20-90 %
  r_soc_max: 0.9,
  r_lambda: 0.95, // 3.2: lambda 0.98-0.995 per event for fast steps; slower event rates want less memory
  r_ea_J_per_mol: 35000, // 3.3
  r_bol_ohm: 0,
  r_bol_events: 5,
  r_plaus_lo: 0.3, // 3.4: flag readings outside [0.3x, 3x] R_BOL
  r_plaus_hi: 3,
  rf_hysteresis: 0.01, // 5.1: 1 % SOC gate
  log_summary_interval_s: 3600,
  // Event confirmation (algorithms.md 4.3; issue 14): a limit counts only once its violation persists,
  // as BMS firmware debounces its limits: foxBMS 2 diag_cfg.h DIAG_ERROR_{VOLTAGE,CURRENT,TEMPERATURE}_SENSITIVITY_MSL
  // (500 failing checks before an MSL error) and DIAG_DELAY_*; the TI BQ769x2 technical reference
  // manual (a delay per protection: voltage and current delays in ms, temperature in s). Voltage and current:
  // 1 s; temperature (a slow quantity, 1-s thermistor noise is common): 5 s. An excursion of one or
  // two samples at rest is a sensor glitch (issue 14: a NASA cell reads 4.52 V for two samples at about 0 A,
  // in a run the data set flags as an outlier).
  ev_confirm_voltage_s: 1,
  ev_confirm_current_s: 1,
  ev_confirm_temp_s: 5,
  ev_glitch_samples: 2,
  plaus_t_min_degC: -60,
  plaus_t_max_degC: 150,
};

interface Preset {
  rated_capacity_Ah: number;
  ocv_V: number[];
  values: ParamValues;
}

const PRESETS: Record<ChemistryName, Preset> = {
  // NASA PCoE 18650 test cells (B0005-B0018): 2.0 Ah rated, CC 1.5 A / CV 4.2 V to 20 mA, capacity
  // counted to 2.7 V. The OCV table is the NMC one (no OCV data for these cells), so its voltage sigma
  // is widened to 20 mV: a full charge is the better anchor for them.
  NASA18650: {
    rated_capacity_Ah: 2.0,
    ocv_V: NMC_OCV_V,
    values: {
      full_voltage_V: 4.15,
      full_taper_current_A: 0.1, // C/20
      empty_voltage_V: 2.7, // NASA's capacity cutoff
      rest_current_A: 0.04, // C/50
      sigma_voltage_V: 0.02,
      sigma_full: 0.002,
      sigma_empty: 0.005,
      current_offset_A: 0.002,
      cap_sigma_w_Ah: 0.02,
      cap_temp_min_degC: 5, // chamber at 24 degC, 2 A discharges heat the cell to 36-42 degC
      cap_temp_max_degC: 50,
      r_step_min_A: 0.4, // 0.2 C
      r_step_max_dt_s: 30, // the data are sampled every 10-19 s under load
      r_soc_min: 0.3, // steps at the start of each discharge happen at full charge; R is flat there
      r_soc_max: 1.01,
      r_lambda: 0.7, // one step per discharge here: a short memory (about 3 steps) follows the EIS trend; 0.6-0.8 all reach r >= 0.75
      th_ea_J_per_mol: 59000,
      th_extreme_low_degC: 0,
      th_extreme_high_degC: 45,
      lim_v_max_V: 4.25,
      lim_v_min_V: 2.5,
      lim_v_deep_V: 2.0,
      lim_i_dis_max_A: 5,
      lim_i_chg_max_A: 3,
      lim_t_max_degC: 60,
      lim_t_min_degC: -20,
      lim_t_chg_max_degC: 45,
      lim_t_chg_min_degC: 0,
      plaus_v_max_V: 5,
      plaus_i_max_A: 20,
    },
  },
  NMC: {
    rated_capacity_Ah: 4.0, // Samsung INR21700-40T, the source of the OCV table
    ocv_V: NMC_OCV_V,
    values: {
      full_voltage_V: 4.15,
      full_taper_current_A: 0.2,
      empty_voltage_V: 3.0, // LibreSolar NMC under-voltage
      rest_current_A: 0.08,
      current_offset_A: 0.01,
      cap_sigma_w_Ah: 0.02,
      r_step_min_A: 0.8,
      r_step_max_dt_s: 2,
      th_ea_J_per_mol: 59000,
      th_extreme_low_degC: -10,
      th_extreme_high_degC: 45,
      lim_v_max_V: 4.25,
      lim_v_min_V: 3.0,
      lim_v_deep_V: 2.5,
      lim_i_dis_max_A: 12,
      lim_i_chg_max_A: 6,
      lim_t_max_degC: 60,
      lim_t_min_degC: -20,
      lim_t_chg_max_degC: 45,
      lim_t_chg_min_degC: 0,
      plaus_v_max_V: 5,
      plaus_i_max_A: 100,
    },
  },
  LFP: {
    rated_capacity_Ah: 1.1, // Lithium Werks APR18650M1B, the source of the OCV table
    ocv_V: LFP_OCV_V,
    values: {
      full_voltage_V: 3.45,
      full_taper_current_A: 0.055,
      empty_voltage_V: 2.8, // LibreSolar LFP discharge limit
      rest_current_A: 0.022,
      rest_time_s: 3600, // 1.2 rule 1: LFP relaxes slower
      // LFP rest voltage depends on the branch (algorithms.md 1.2 rule 6): typical ECM fits put the
      // half-width near 10 mV; the residue after correcting for it (relaxation, partial branches)
      // is counted in sigma_voltage_V (8 mV), with the table's model error (50 mV, see COMMON), which
      // leaves OCV anchors only on the steep ends below ~10 % and above ~97 % SOC
      ocv_hysteresis_V: 0.01,
      sigma_voltage_V: 0.051, // sqrt(0.008^2 + 0.05^2)
      current_offset_A: 0.003,
      cap_sigma_w_Ah: 0.0055,
      r_step_min_A: 0.22,
      r_step_max_dt_s: 2,
      th_ea_J_per_mol: 47000,
      th_extreme_low_degC: -10,
      th_extreme_high_degC: 45,
      lim_v_max_V: 3.8,
      lim_v_min_V: 2.5,
      lim_v_deep_V: 2.0,
      lim_i_dis_max_A: 3.3,
      lim_i_chg_max_A: 1.1,
      lim_t_max_degC: 60,
      lim_t_min_degC: -20,
      lim_t_chg_max_degC: 45,
      lim_t_chg_min_degC: 0,
      plaus_v_max_V: 5,
      plaus_i_max_A: 30,
    },
  },
};

export interface BuildOptions {
  ratedCapacity_Ah?: number;
  seriesCells?: number;
  version?: number;
  overrides?: ParamValues;
}

const PARAMS_LAYOUT = layoutStruct(Params);
const CURRENT_FIELDS = ['full_taper_current_A', 'rest_current_A', 'current_offset_A', 'r_step_min_A', 'lim_i_dis_max_A', 'lim_i_chg_max_A', 'plaus_i_max_A'];

/** The body values of a preset, scaled to the requested rated capacity. */
export function presetValues(chem: ChemistryName, opts: BuildOptions = {}): ParamValues {
  const p = PRESETS[chem];
  const rated = opts.ratedCapacity_Ah ?? p.rated_capacity_Ah;
  const scale = rated / p.rated_capacity_Ah;
  const { r_stable_A_frac, ...common } = COMMON;
  const v: ParamValues = { ...common, ...p.values, rated_capacity_Ah: rated, r_stable_A: r_stable_A_frac * rated };
  for (const k of CURRENT_FIELDS) v[k] = v[k]! * scale;
  v.cap_sigma_w_Ah = v.cap_sigma_w_Ah! * scale;
  v.series_cells = opts.seriesCells ?? 1;
  p.ocv_V.forEach((x, i) => (v[`ocv_V.${i}`] = x));
  Object.assign(v, opts.overrides ?? {}); // after the OCV table, so that ocv_V.<i> overrides take effect
  return v;
}

export { crc32 };

/** A complete parameter block (header, body, CRC) as bytes. Throws on a missing or unknown field. */
export function buildParams(chem: ChemistryName, opts: BuildOptions = {}): Uint8Array {
  const values = presetValues(chem, opts);
  const buf = new Uint8Array(PARAMS_SIZE);
  const dv = new DataView(buf.buffer);
  const header: Record<string, number> = { magic: MAGIC_PARAMS, version: opts.version ?? 1, chemistry: Chemistry[chem], size_bytes: PARAMS_SIZE, end_marker: PARAMS_END_MARKER };
  const used = new Set<string>();
  for (const fl of Object.values(PARAMS_LAYOUT.fields)) {
    if (fl.name === 'crc32') continue;
    for (let i = 0; i < (fl.count ?? 1); i++) {
      const key = fl.count ? `${fl.name}.${i}` : fl.name;
      const value = header[key] ?? values[key];
      if (value === undefined) throw new Error(`preset ${chem}: no value for ${key}`);
      used.add(key);
      const at = fl.offset + 4 * i;
      if (fl.type === 'f32') dv.setFloat32(at, value, true);
      else dv.setUint32(at, value >>> 0, true);
    }
  }
  const unknown = Object.keys(values).filter((k) => !used.has(k));
  if (unknown.length) throw new Error(`preset ${chem}: unknown fields ${unknown.join(', ')}`);
  dv.setUint32(0, crc32(buf.subarray(4)), true);
  return buf;
}

export const CHEMISTRIES = Object.keys(PRESETS) as ChemistryName[];
