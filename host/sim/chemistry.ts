/**
 * Cell-model parameters per chemistry: equivalent circuit (R0 + two RC pairs), hysteresis,
 * thermal mass, self-discharge, charge voltage and the ageing law used. Resistances are given as
 * R x capacity (ohm*Ah) so that one table serves any cell size (a cell twice as large, built the
 * same way, has half the resistance). Orders of magnitude from algorithms.md 3.4 (NMC energy
 * cells ~20 mOhm at 4 Ah, LFP prismatic 0.2-1 mOhm at 100-300 Ah); RC time constants and
 * hysteresis magnitudes are typical published ECM fits (LFP relaxes slower and has the larger
 * hysteresis), not data of one cell. Limits come from the core's presets (layout/presets.ts).
 */
import { presetValues, type ChemistryName } from '../../layout/presets.ts';
import { OcvTable } from './ocv.ts';

export type AgeingLaw = 'kokam-nmc' | 'sony-lfp';

export interface CellChemistry {
  name: ChemistryName;
  ocv: OcvTable;
  /** R0 x capacity at 25 degC, mid SOC, beginning of life, ohm*Ah. */
  r0Q_ohmAh: number;
  /** RC pairs: resistance as a fraction of R0, time constants in s. */
  r1_frac: number;
  tau1_s: number;
  r2_frac: number;
  tau2_s: number;
  /** Activation energy of all resistances (algorithms.md 3.3), J/mol. */
  rEa_J_per_mol: number;
  /** Hysteresis half-width (OCV on the charge branch is ocv + M), V, and its SOC rate constant. */
  hystM_V: number;
  hystGamma: number;
  /** Coulombic efficiency on charge (physics; the core assumes its own). */
  chargeEfficiency: number;
  /** Self-discharge at 25 degC, fraction of capacity per 30 days. */
  selfDischarge_perMonth: number;
  /** Heat capacity per Ah, J/(K*Ah); thermal time constant to ambient, s. */
  heatCapacity_JperKAh: number;
  thermalTau_s: number;
  /** CC-CV charge voltage per cell, V, and end-of-charge taper as a C-rate. */
  chargeVoltage_V: number;
  taper_C: number;
  /** Balancing starts above this cell voltage, V. */
  balanceStart_V: number;
  ageing: AgeingLaw;
  /** Protection limits per cell (from the preset). */
  limits: { vMax_V: number; vMin_V: number; tMax_degC: number; tChgMin_degC: number; tChgMax_degC: number; iDisMax_C: number; iChgMax_C: number };
}

function limitsOf(chem: ChemistryName): CellChemistry['limits'] {
  const v = presetValues(chem);
  const rated = v.rated_capacity_Ah!;
  return {
    vMax_V: v.lim_v_max_V!,
    vMin_V: v.lim_v_min_V!,
    tMax_degC: v.lim_t_max_degC!,
    tChgMin_degC: v.lim_t_chg_min_degC!,
    tChgMax_degC: v.lim_t_chg_max_degC!,
    iDisMax_C: v.lim_i_dis_max_A! / rated,
    iChgMax_C: v.lim_i_chg_max_A! / rated,
  };
}

export function cellChemistry(name: ChemistryName): CellChemistry {
  const base = { name, ocv: OcvTable.forChemistry(name), limits: limitsOf(name), rEa_J_per_mol: 35000, hystGamma: 30 };
  if (name === 'LFP') {
    return {
      ...base,
      r0Q_ohmAh: 0.03, // 0.3 mOhm at 100 Ah
      r1_frac: 0.3, tau1_s: 30,
      r2_frac: 0.8, tau2_s: 1500,
      hystM_V: 0.008,
      chargeEfficiency: 0.9995,
      selfDischarge_perMonth: 0.015,
      heatCapacity_JperKAh: 25,
      thermalTau_s: 5400,
      chargeVoltage_V: 3.55,
      taper_C: 0.04,
      balanceStart_V: 3.4,
      ageing: 'sony-lfp',
    };
  }
  return {
    ...base,
    r0Q_ohmAh: 0.06, // 1.2 mOhm at 50 Ah, 15 mOhm at 4 Ah
    r1_frac: 0.4, tau1_s: 20,
    r2_frac: 0.6, tau2_s: 600,
    hystM_V: 0.002,
    chargeEfficiency: 0.9995,
    selfDischarge_perMonth: 0.02,
    heatCapacity_JperKAh: 16,
    thermalTau_s: 5400,
    chargeVoltage_V: 4.2,
    taper_C: 0.04,
    balanceStart_V: 3.9,
    ageing: 'kokam-nmc',
  };
}
