/**
 * Characterisation: a recording (or its first `untilS` seconds) in, a cell parameter file out.
 * Each fit lives in its own file; this one orders them (anchors -> limits and capacity -> SOC trace
 * -> noise, resistance, OCV points -> hysteresis and OCV table -> derived tunings), and for every
 * block field the data cannot show, takes the `chemistryLike` preset's value, lists it under
 * `from_preset` and says why in a warning.
 */
import { OCV_POINTS } from '../../layout/core-layout.ts';
import { presetValues, type ChemistryName, type ParamValues } from '../../layout/presets.ts';
import type { Recording } from '../readers/recording.ts';
import { emptyAnchors, fullAnchors, type Anchor } from './anchors.ts';
import { fitCapacity, referenceDischarges } from './capacity.ts';
import { CELL_FILE_FORMAT, CELL_FILE_VERSION, type CellFile } from './cell-file.ts';
import { CharacterizeError } from './errors.ts';
import type { Fitted } from './fitted.ts';
import { fitHysteresis } from './hysteresis.ts';
import { fitLimits } from './limits.ts';
import { fitNoise } from './noise.ts';
import { fitOcvTable } from './ocv.ts';
import { loadPoints, restPoints } from './ocv-points.ts';
import { fitResistance } from './resistance.ts';
import { cellSeries, type CellSeries } from './series.ts';
import { socTrace } from './soc.ts';

export interface CharacterizeOptions {
  chemistryLike: ChemistryName;
  /** Only samples up to this many seconds after the first one. */
  untilS?: number;
  /** Declared by the user: used where the data cannot show them, and to classify rest and load. */
  ratedCapacity_Ah?: number;
  cutoff_V?: number;
  full_V?: number;
  seriesCells?: number;
}

/** A rest this long (s), relaxed to this slope (V/s), gives an OCV point. */
const MIN_REST_S = 300;
const MAX_REST_DVDT = 20e-6;
/** Load points are taken this long after a run starts (the fast RC pairs settle). */
const SETTLE_S = 120;
/** Temperature margin around the reference discharges within which the fit is trusted, K. */
const TEMP_MARGIN_K = 5;

/** Empty anchors at a declared cutoff: the first load sample at or below it in each discharge run. */
function declaredEmpty(s: CellSeries, cutoff_V: number): Anchor[] {
  const out: Anchor[] = [];
  for (const r of s.runs) {
    if (r.kind !== 'dis') continue;
    for (let j = r.start; j <= r.end; j++) {
      if (s.v_V[j]! <= cutoff_V) {
        out.push({ index: j, voltage_V: s.v_V[j]!, current_A: s.i_A[j]!, by: 'end' });
        break;
      }
    }
  }
  return out;
}

const declared = (value: number, what: string): Fitted => ({ value, sigma: 0, evidence: 0, method: `declared by the user (${what})` });

export function characterize(rec: Recording, opts: CharacterizeOptions): CellFile {
  const chem = opts.chemistryLike;
  const seriesCells = opts.seriesCells ?? rec.seriesCells ?? 1;
  const guessQ = opts.ratedCapacity_Ah ?? rec.ratedCapacity_Ah ?? presetValues(chem).rated_capacity_Ah!;
  const base = presetValues(chem, { ratedCapacity_Ah: guessQ });
  const s = cellSeries(rec, { seriesCells, restCurrent_A: guessQ / 200, maxGap_s: base.max_gap_s!, ...(opts.untilS !== undefined ? { untilS: opts.untilS } : {}) });
  const warnings: string[] = [];
  const fitted: CellFile['fitted'] = {};

  const full = fullAnchors(s);
  const empty = opts.cutoff_V !== undefined ? declaredEmpty(s, opts.cutoff_V) : emptyAnchors(s, rec, guessQ);
  const limits = fitLimits(full, empty, base.full_taper_current_A!);
  if (opts.full_V !== undefined) fitted.full_voltage_V = declared(opts.full_V, '--full-V');
  else if (limits.full_voltage_V) fitted.full_voltage_V = limits.full_voltage_V;
  else warnings.push('no charge ended in a constant-voltage taper: full_voltage_V and full_taper_current_A from the preset');
  if (limits.full_taper_current_A) fitted.full_taper_current_A = limits.full_taper_current_A;
  const nameplate_Ah = guessQ;
  if (opts.cutoff_V !== undefined) fitted.empty_voltage_V = declared(opts.cutoff_V, '--cutoff-V');
  else if (limits.empty_voltage_V) fitted.empty_voltage_V = limits.empty_voltage_V;
  else warnings.push('no discharge ran into the empty knee and none has a measured capacity: empty_voltage_V from the preset');

  const refs = referenceDischarges(s, full, empty);
  const cap = fitCapacity(refs);
  if (cap) fitted.rated_capacity_Ah = cap;
  else if (opts.ratedCapacity_Ah !== undefined) fitted.rated_capacity_Ah = declared(opts.ratedCapacity_Ah, '--rated-capacity');
  else warnings.push(`no full reference discharge (tapered full charge, then a discharge to empty): rated_capacity_Ah from the ${chem} preset`);
  const Q = typeof fitted.rated_capacity_Ah?.value === 'number' ? fitted.rated_capacity_Ah.value : guessQ;
  // current thresholds scale with the cell's size (its nameplate), not with the capacity it shows
  // at the window's temperatures and rates
  const preset: ParamValues = { ...base, rated_capacity_Ah: Q };
  if (Q !== guessQ) {
    // the capacity filter's random walk is a fraction of the capacity it tracks
    const w = (base.cap_sigma_w_Ah! * Q) / guessQ;
    fitted.cap_sigma_w_Ah = { value: w, sigma: 0, evidence: refs.length, method: `the preset's capacity random walk per Ah of capacity, at the fitted capacity` };
    preset.cap_sigma_w_Ah = w;
  }

  const soc = socTrace(s, full, empty, Q, base.gap_dv_max_V!);
  const noise = fitNoise(s, Q);
  if (noise.current_offset_A && noise.rest_current_A) {
    fitted.current_offset_A = noise.current_offset_A;
    // the preset's rest rule (C/50, algorithms.md 1.2) stands unless the noise needs a higher threshold
    if (noise.rest_current_A.value > preset.rest_current_A!) fitted.rest_current_A = noise.rest_current_A;
  } else warnings.push('no rest in the recording: current_offset_A and rest_current_A from the preset; the OCV can come only from load segments');

  const rule = { stepMin_A: preset.r_step_min_A!, maxDt_s: preset.r_step_max_dt_s!, stable_A: preset.r_stable_A!, socMin: preset.r_soc_min!, socMax: preset.r_soc_max! };
  const res = fitResistance(s, soc, rule, preset.r_ea_J_per_mol!);
  if (res.r25_ohm && res.r25_ohm.evidence >= 5) fitted.r_bol_ohm = res.r25_ohm;
  else warnings.push(`${res.steps} usable current steps (5 needed): r_bol_ohm left to the core to learn (preset rule)`);
  if (res.ea_J_per_mol) fitted.r_ea_J_per_mol = res.ea_J_per_mol;

  const rests = restPoints(s, soc, Q, MIN_REST_S, MAX_REST_DVDT, noise.voltageNoise_V ?? 0.001);
  const loads = loadPoints(s, soc, Q, SETTLE_S);
  const hyst = fitHysteresis(rests);
  if (hyst) fitted.ocv_hysteresis_V = hyst;
  const M = hyst?.value ?? preset.ocv_hysteresis_V!;
  const presetOcv = Array.from({ length: OCV_POINTS }, (_, i) => preset[`ocv_V.${i}`]!);
  if (!rests.length && !loads.length) {
    warnings.push('no relaxed rest and no constant-current segment of 10 minutes or more with a known SOC: the OCV table is the preset\'s');
  } else {
    const fallbackR = typeof fitted.r_bol_ohm?.value === 'number' ? fitted.r_bol_ohm.value : 0.05 / Q;
    const ocv = fitOcvTable(loads, rests, M, fallbackR, presetOcv);
    const used = ocv.fromPreset.length < OCV_POINTS;
    fitted.ocv_V = {
      value: ocv.value,
      sigma: ocv.sigma,
      evidence: ocv.evidence,
      method: `${loads.length} constant-current load points corrected by I x R${ocv.rOv_ohm !== undefined ? ` (R = ${(ocv.rOv_ohm * 1000).toFixed(1)} mOhm from charge/discharge pairs)` : ''} and ${rests.length} relaxed rest points, on the 5 % SOC grid`,
    };
    if (ocv.fromPreset.length) warnings.push(`OCV at ${ocv.fromPreset.map((i) => `${i * 5} %`).join(', ')} SOC: no evidence there, the preset's curve shifted to meet the fitted points`);
    // the table's trust is what the relaxed rests show against it; without them (a table from
    // I x R corrected load points only), no more than the preset's trust
    const check = rests.filter((p) => p.soc >= 0.05 && p.soc <= 0.95);
    if (used && check.length >= 3) {
      const resid = check.map((p) => p.voltage_V - tableAt(ocv.value, p.soc) - p.branch * M);
      const rms = Math.sqrt(resid.reduce((a, r) => a + r * r, 0) / resid.length);
      const v = Math.max(0.003, Math.hypot(noise.voltageNoise_V ?? 0, rms, M / 2));
      fitted.sigma_voltage_V = { value: v, sigma: v / Math.sqrt(2 * check.length), evidence: check.length, method: 'hypot(voltage noise at rest, RMS of relaxed rests against the table, half the hysteresis), at least 3 mV' };
    } else warnings.push(`fewer than 3 relaxed rests at 5-95 % SOC to check the OCV table against: sigma_voltage_V from the ${chem} preset`);
  }
  if (!hyst && preset.ocv_hysteresis_V! > 0) warnings.push(`no relaxed rests on both branches at the same SOC: ocv_hysteresis_V from the ${chem} preset (${(M * 1000).toFixed(1)} mV)`);

  if (refs.length) {
    const tMin = Math.min(...refs.map((r) => r.tempMin_degC)), tMax = Math.max(...refs.map((r) => r.tempMax_degC));
    fitted.cap_temp_min_degC = { value: Math.min(preset.cap_temp_min_degC!, tMin - TEMP_MARGIN_K), sigma: 0, evidence: refs.length, method: `the preset's band widened to ${TEMP_MARGIN_K} K beyond the temperatures of the reference discharges (the fit holds there)` };
    fitted.cap_temp_max_degC = { value: Math.max(preset.cap_temp_max_degC!, tMax + TEMP_MARGIN_K), sigma: 0, evidence: refs.length, method: fitted.cap_temp_min_degC.method };
  }

  const capFrac = preset.cap_max_frac! * Math.max(1, nameplate_Ah / Q);
  if (capFrac > preset.cap_max_frac!) fitted.cap_max_frac = { value: capFrac, sigma: 0, evidence: refs.length, method: `the preset's ceiling (${preset.cap_max_frac} x rated) kept on the nameplate ${nameplate_Ah} Ah: the fitted capacity holds at the window's temperatures and rates, and the cell may show more elsewhere` };

  const fromPreset: CellFile['from_preset'] = {};
  for (const [k, v] of Object.entries(preset)) {
    const name = k.replace(/\.\d+$/, '');
    if (name === 'series_cells' || name in fitted) continue;
    if (name === 'ocv_V') fromPreset.ocv_V = presetOcv;
    else fromPreset[k] = v;
  }
  if (s.n < rec.samples.length / 4 && opts.untilS === undefined) warnings.push(`${rec.samples.length / 4 - s.n} samples with non-finite values or time going back were left out`);
  return {
    format: CELL_FILE_FORMAT,
    version: CELL_FILE_VERSION,
    recording: { name: rec.name, format: rec.format, from_s: 0, until_s: s.t_s[s.n - 1]! - s.t_s[0]!, samples: s.n },
    chemistry_like: chem,
    nameplate_capacity_Ah: guessQ,
    series_cells: seriesCells,
    fitted,
    from_preset: fromPreset,
    warnings,
  };
}

/** Thrown for options the fit cannot use (the CLI checks the same, this guards library callers). */
export function checkOptions(o: CharacterizeOptions): void {
  for (const [k, v] of Object.entries(o)) if (typeof v === 'number' && !(v > 0)) throw new CharacterizeError(`${k} must be a positive number, got ${v}`, 'bad-option');
}

/** Linear interpolation of a 21-point table at SOC z (clamped). */
function tableAt(t: number[], z: number): number {
  const x = Math.min(20, Math.max(0, z * 20));
  const i = Math.min(19, Math.floor(x));
  return t[i]! + (x - i) * (t[i + 1]! - t[i]!);
}
