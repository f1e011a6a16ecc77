/**
 * Cell-model parameters per chemistry: equivalent circuit (R0 + two RC pairs), hysteresis,
 * thermal mass, self-discharge, charge voltage, protection limits and the ageing law used. Nothing
 * here is read from the core's presets (layout/presets.ts): the simulated cell is an independent
 * model, so the core meets a model error as it would on a real pack.
 *
 * - OCV and its temperature dependence: ocv.ts (About:Energy BPX electrode fits, entropic terms).
 * - Resistances are given as R x capacity (ohm*Ah) so that one table serves any cell size (a cell
 *   twice as large, built the same way, has half the resistance). Orders of magnitude from
 *   algorithms.md 3.4 (NMC energy cells ~20 mOhm at 4 Ah, LFP prismatic 0.2-1 mOhm at 100-300 Ah).
 * - Each element has its own Arrhenius activation energy, from the same BPX parameterisations as
 *   the OCV: R0 (electrolyte, contacts) follows the electrolyte conductivity (17.1 kJ/mol); R1
 *   (charge transfer) the mean of the two electrodes' reaction-rate energies (graphite 55, NMC111 /
 *   LFP 35 kJ/mol -> 45); R2 (electrolyte concentration polarisation) the electrolyte diffusivity
 *   (17.1 kJ/mol).
 * - Solid diffusion, per electrode (ocv.ts atSurface): the particle surface runs ahead of the mean
 *   by d = I/Q x R^2/(15 D) (single-particle polynomial profile, Subramanian et al. 2005, J.
 *   Electrochem. Soc. 152, A2002), relaxing with the slowest diffusion mode R^2/(pi^2 D); R and D
 *   from the BPX cells (NMC111 4.6 um, 3.2e-14 m2/s; graphite 4.12 um, 2.728e-14; LFP 0.5 um,
 *   6.873e-17; graphite 4.8 um, 9.6e-15) with their diffusivity activation energies (NMC111 15,
 *   LFP 80, graphite 30 kJ/mol). The delivered capacity to a voltage cut-off thereby depends on rate
 *   and temperature: I x R(T) and the surface deficit reach the cut-off earlier.
 * - Hysteresis half-width (the rest voltage after charge sits M above, after discharge M below the
 *   OCV): LFP 12.5 mV, i.e. a 25 mV gap, the upper end of the 5-25 mV gap reported for LFP cells
 *   (ACCURE, "Battery hysteresis effect", 2024; it also grows with age, Marongiu et al. 2015, Applied
 *   Energy 155); NMC 2.5 mV (5 mV gap, the lower end). The core's LFP preset assumes 10 mV.
 * - Limits: cell voltage window of the BPX cells (NMC 2.7-4.2 V, LFP 2.0-3.65 V) with a small margin
 *   above; temperature and current limits as LibreSolar bms-firmware's defaults (algorithms.md 8.2),
 *   except a 3 C discharge limit on both (the random-walk profile draws up to 2.5 C).
 */
import { CellOcv, LFP_GRAPHITE, NMC111_GRAPHITE } from './ocv.ts';

export type AgeingLaw = 'kokam-nmc' | 'sony-lfp';
export type CellChemistryName = 'NMC' | 'LFP';

export interface CellChemistry {
  name: CellChemistryName;
  ocv: CellOcv;
  /** R0 x capacity at 25 degC, mid SOC, beginning of life, ohm*Ah. */
  r0Q_ohmAh: number;
  /** RC pairs: resistance as a fraction of R0, time constants in s. */
  r1_frac: number;
  tau1_s: number;
  r2_frac: number;
  tau2_s: number;
  /** Activation energies of R0, R1 (charge transfer) and R2 (diffusion), J/mol. */
  r0Ea_J_per_mol: number;
  r1Ea_J_per_mol: number;
  r2Ea_J_per_mol: number;
  /** Solid diffusion per electrode: R^2/D at 25 degC, s, and the diffusivity's activation energy, J/mol. */
  diffPos: { r2OverD_s: number; ea_J_per_mol: number };
  diffNeg: { r2OverD_s: number; ea_J_per_mol: number };
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
  /**
   * End-of-discharge voltage of a reference capacity test, per cell (mean cell), V: the discharge
   * cut-off the pack is configured with (LibreSolar presets: NMC 3.0 V, LFP 2.8 V). A configuration
   * the BMS owner sets, not a cell property; the core's presets use the same values.
   */
  referenceCutoff_V: number;
  ageing: AgeingLaw;
  /** Protection limits per cell. */
  limits: { vMax_V: number; vMin_V: number; tMax_degC: number; tChgMin_degC: number; tChgMax_degC: number; iDisMax_C: number; iChgMax_C: number };
}

const THERMAL_LIMITS = { tMax_degC: 60, tChgMin_degC: 0, tChgMax_degC: 45 };

export function cellChemistry(name: CellChemistryName): CellChemistry {
  const base = { name, hystGamma: 30, r0Ea_J_per_mol: 17100, r1Ea_J_per_mol: 45000, r2Ea_J_per_mol: 17100 };
  if (name === 'LFP') {
    return {
      ...base,
      ocv: new CellOcv(LFP_GRAPHITE),
      r0Q_ohmAh: 0.03, // 0.3 mOhm at 100 Ah
      r1_frac: 0.3, tau1_s: 30,
      r2_frac: 0.8, tau2_s: 1500,
      diffPos: { r2OverD_s: (0.5e-6) ** 2 / 6.873e-17, ea_J_per_mol: 80000 },
      diffNeg: { r2OverD_s: (4.8e-6) ** 2 / 9.6e-15, ea_J_per_mol: 30000 },
      hystM_V: 0.0125,
      chargeEfficiency: 0.9995,
      selfDischarge_perMonth: 0.015,
      heatCapacity_JperKAh: 25,
      thermalTau_s: 5400,
      chargeVoltage_V: 3.55,
      taper_C: 0.04,
      balanceStart_V: 3.4,
      referenceCutoff_V: 2.8,
      ageing: 'sony-lfp',
      limits: { vMax_V: 3.7, vMin_V: 2.0, ...THERMAL_LIMITS, iDisMax_C: 3, iChgMax_C: 1 },
    };
  }
  return {
    ...base,
    ocv: new CellOcv(NMC111_GRAPHITE),
    r0Q_ohmAh: 0.06, // 1.2 mOhm at 50 Ah, 15 mOhm at 4 Ah
    r1_frac: 0.4, tau1_s: 20,
    r2_frac: 0.6, tau2_s: 600,
    diffPos: { r2OverD_s: (4.6e-6) ** 2 / 3.2e-14, ea_J_per_mol: 15000 },
    diffNeg: { r2OverD_s: (4.12e-6) ** 2 / 2.728e-14, ea_J_per_mol: 30000 },
    hystM_V: 0.0025,
    chargeEfficiency: 0.9995,
    selfDischarge_perMonth: 0.02,
    heatCapacity_JperKAh: 16,
    thermalTau_s: 5400,
    chargeVoltage_V: 4.2,
    taper_C: 0.04,
    balanceStart_V: 3.9,
    referenceCutoff_V: 3.0,
    ageing: 'kokam-nmc',
    limits: { vMax_V: 4.25, vMin_V: 2.7, ...THERMAL_LIMITS, iDisMax_C: 3, iChgMax_C: 1.5 },
  };
}
