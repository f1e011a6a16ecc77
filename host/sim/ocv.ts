/**
 * Open-circuit voltage of the simulated cells, from a source independent of the core's presets
 * (layout/presets.ts takes its tables from soorajsunil/Piecewise-Battery-OCV: Samsung INR21700-40T
 * and Lithium Werks APR18650M1B pseudo-OCV). Here each cell is built from its two electrodes:
 *
 *   OCV(soc, T) = Up(y) - Un(x) + (T - 25 degC) * (dUp/dT(y) - dUn/dT(x))
 *   x = xMin + soc (xMax - xMin)   (negative electrode lithiation; soc 0 at the lower voltage cut-off)
 *   y = yMax - soc (yMax - yMin)   (positive electrode lithiation)
 *
 * Sources (About:Energy BPX parameterisations, December 2022, from cycling data and electrodes
 * harvested by cell teardown; About-Energy-OpenSource/About-Energy-BPX-Parameterisation):
 * - NMC: "NMC111|graphite 12.5 Ah pouch cell" (nmc_pouch_cell_BPX.json): electrode OCP fits,
 *   stoichiometry windows (graphite 0.005504..0.75668, NMC111 0.42424..0.96210), 2.7..4.2 V.
 *   Positive entropic coefficient -0.1 mV/K (Viswanathan et al. 2010, J. Power Sources 195, 3720).
 * - LFP: "LFP|graphite 2 Ah cylindrical 18650 cell" (lfp_18650_cell_BPX.json): electrode OCP fits,
 *   stoichiometry windows (graphite 0.0016261..0.82258, LFP 0.0875..0.95038), 2.0..3.65 V. Positive
 *   entropic coefficient table on a 5 % grid (Gerver and Meyers 2011, J. Electrochem. Soc. 158, A835).
 * - Graphite entropic coefficient (both cells): O'Regan et al. 2022, Electrochim. Acta 425, 140700,
 *   fit in mV/K (the BPX files label it V/K; its magnitude, up to 0.38, is mV/K).
 *
 * Under current the electrodes' particle surfaces run ahead of their mean lithiation (solid
 * diffusion), so the terminal OCV is taken at a surface SOC per electrode, soc - d_p and soc - d_n
 * (pack.ts): the steep ends of the curve are reached earlier at higher rates and lower temperatures.
 *
 * The curves are tabulated once on a 0.1 % SOC grid (linear interpolation, exact at the nodes); SOC
 * outside 0..1 extrapolates the end segments (over-charge / over-discharge faults).
 */

export interface ElectrodePair {
  /** Source, for reports. */
  source: string;
  /** Positive electrode OCP vs lithiation y, V; negative electrode OCP vs lithiation x, V. */
  up(y: number): number;
  un(x: number): number;
  /** Entropic coefficients dU/dT, V/K. */
  dupdT(y: number): number;
  dundT(x: number): number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

const { exp, tanh } = Math;

/** O'Regan et al. 2022 graphite entropic change (fit in mV/K), V/K. */
function graphiteEntropic_VperK(x: number): number {
  return (-0.1112 * x + 0.02914 + 0.3561 * exp(-((x - 0.08309) ** 2) / 0.004616)) / 1000;
}

/** Gerver and Meyers 2011 LFP entropic coefficient, V/K, at y = 0, 0.05, ..., 1 (BPX table). */
const LFP_ENTROPIC_VPERK = [1e-4, 4.7145e-5, 3.7666e-5, 2.0299e-5, 5.9833e-6, -4.6859e-6, -1.3966e-5, -2.3528e-5, -3.3593e-5, -4.3433e-5,
  -5.2311e-5, -6.0211e-5, -6.8006e-5, -7.6939e-5, -8.7641e-5, -9.913e-5, -1.0855e-4, -1.1266e-4, -1.1238e-4, -1.0921e-4, -2.2539e-4];

function onGrid(table: readonly number[], u: number): number {
  const x = Math.min(1, Math.max(0, u)) * (table.length - 1);
  const i = Math.min(table.length - 2, Math.floor(x));
  return table[i]! + (table[i + 1]! - table[i]!) * (x - i);
}

export const NMC111_GRAPHITE: ElectrodePair = {
  source: 'About:Energy NMC111|graphite 12.5 Ah pouch (BPX 2022); dU/dT: Viswanathan 2010, O\'Regan 2022',
  up: (y) => -3.04420906 * y + 10.04892207 - 0.65637536 * tanh(-4.02134095 * (y - 0.80063948))
    + 4.24678547 * tanh(12.17805062 * (y - 7.57659337)) - 0.3757068 * tanh(59.33067782 * (y - 0.99784492)),
  un: (x) => 0.947057878 * exp(-159.418743 * x) - 35092.8033 + 0.164230269 * tanh(-45.5509094 * (x - 0.0324116012))
    + 0.0369968491 * tanh(-19.6718868 * (x - 0.168334476)) + 19151.7003 * tanh(3.19648312 * (x - 1.85139824))
    + 54244.8511 * tanh(-3.19009848 * (x - 2.01660395)),
  dupdT: () => -1e-4,
  dundT: graphiteEntropic_VperK,
  xMin: 0.005504, xMax: 0.75668, yMin: 0.42424, yMax: 0.9621,
};

export const LFP_GRAPHITE: ElectrodePair = {
  source: 'About:Energy LFP|graphite 2 Ah 18650 (BPX 2022); dU/dT: Gerver and Meyers 2011, O\'Regan 2022',
  up: (y) => 3.41285712 - 0.0149721852 * y + 3.54866018e14 * exp(-395.729493 * y) - 1.45998465 * exp(-110.108622 * (1 - y)),
  un: (x) => 52.9210878 * exp(-172.699386 * x) - 1179.63399 + 1209.56356 * tanh(67.2033948 * (x + 0.0244746396))
    + 0.0452430314 * tanh(-14.7542326 * (x - 0.162746053)) + 20.18558 * tanh(-24.6666302 * (x - 1.12986136))
    + 0.0201708039 * tanh(-11.9900231 * (x - 0.54977344)) + 49.9616805 * tanh(-61.1370883 * (x + 0.00469382558)),
  dupdT: (y) => onGrid(LFP_ENTROPIC_VPERK, y),
  dundT: graphiteEntropic_VperK,
  xMin: 0.0016261, xMax: 0.82258, yMin: 0.0875, yMax: 0.95038,
};

const GRID = 1000;
const T_REF_DEGC = 25;

export class CellOcv {
  /** Cell OCV, positive and negative electrode potentials at 25 degC, and dOCV/dT on the SOC grid. */
  private readonly v25: Float64Array;
  private readonly up25: Float64Array;
  private readonly un25: Float64Array;
  private readonly dvdT: Float64Array;

  constructor(readonly pair: ElectrodePair) {
    this.v25 = new Float64Array(GRID + 1);
    this.up25 = new Float64Array(GRID + 1);
    this.un25 = new Float64Array(GRID + 1);
    this.dvdT = new Float64Array(GRID + 1);
    for (let k = 0; k <= GRID; k++) {
      const soc = k / GRID;
      const x = pair.xMin + soc * (pair.xMax - pair.xMin);
      const y = pair.yMax - soc * (pair.yMax - pair.yMin);
      this.up25[k] = pair.up(y);
      this.un25[k] = pair.un(x);
      this.v25[k] = this.up25[k]! - this.un25[k]!;
      this.dvdT[k] = pair.dupdT(y) - pair.dundT(x);
    }
  }

  private static lerp(t: Float64Array, soc: number): number {
    const x = soc * GRID;
    let i = Math.floor(x);
    if (i < 0) i = 0;
    else if (i > GRID - 1) i = GRID - 1;
    const v0 = t[i]!;
    return v0 + (t[i + 1]! - v0) * (x - i);
  }

  /** Entropic coefficient of the cell dOCV/dT at `soc`, V/K (held at the end values outside 0..1). */
  entropic_VperK(soc: number): number {
    return CellOcv.lerp(this.dvdT, Math.min(1, Math.max(0, soc)));
  }

  /** Slope dOCV/dSOC at `soc` (25 degC; the end segments outside 0..1), V per unit SOC. */
  slope_V(soc: number): number {
    let i = Math.floor(soc * GRID);
    if (i < 0) i = 0;
    else if (i > GRID - 1) i = GRID - 1;
    return (this.v25[i + 1]! - this.v25[i]!) * GRID;
  }

  /** OCV in V at state of charge `soc` (fraction) and cell temperature `temp_degC`. */
  at(soc: number, temp_degC = T_REF_DEGC): number {
    return CellOcv.lerp(this.v25, soc) + (temp_degC - T_REF_DEGC) * this.entropic_VperK(soc);
  }

  /**
   * Equilibrium voltage of the particle surfaces: the positive electrode at SOC soc - dp, the
   * negative at soc - dn (surface deficits from solid diffusion, positive on discharge), V.
   */
  atSurface(soc: number, dp: number, dn: number, temp_degC = T_REF_DEGC): number {
    return CellOcv.lerp(this.up25, soc - dp) - CellOcv.lerp(this.un25, soc - dn) + (temp_degC - T_REF_DEGC) * this.entropic_VperK(soc);
  }
}
