/**
 * N series cells, each an equivalent circuit: OCV at the particle surfaces (SOC minus the solid-
 * diffusion deficits dp, dn of each electrode; temperature) + hysteresis - R0 i - v1 - v2 (two RC
 * pairs; every element with its own Arrhenius temperature factor, chemistry.ts),
 * a lumped thermal node per cell coupled to ambient, self-discharge, and ageing (ageing.ts) that
 * shrinks capacity and grows every resistance as simulated time passes.
 *
 * Conventions: current positive = discharge, per cell, A. SOC z is a fraction of the cell's present
 * capacity. Within a step the current is constant; RC and thermal states use the exact exponential
 * solution, so any step length is stable (1 s around current steps, up to minutes at rest).
 *
 * Ground truth (definitions consistent with what the core estimates: the core sees the pack voltage
 * divided by N, i.e. the MEAN cell, and the pack current):
 *   trueSoc        = mean of the cell SOCs
 *   trueCapacity   = N / sum(1/Q_i), the harmonic mean: the charge that moves the mean SOC by 1
 *   trueResistance = mean of the cells' R0 at 25 degC, mid SOC (= pack ohmic resistance / N)
 */
import type { CellChemistry } from './chemistry.ts';
import { PackAgeing } from './ageing.ts';
import type { Prng } from './prng.ts';

const RG = 8.314;
/** Temperature factors per cell: R0, R1, R2, positive R^2/D, negative R^2/D. */
const FT = 5;

export interface PackSpread {
  /** Relative standard deviations across cells. */
  capacity: number;
  resistance: number;
  /** Relative spread of the self-discharge rate. */
  selfDischarge: number;
  /** Spread of the ageing (BLAST variability): per-cell degradation scalar 1 + N(0, this). */
  ageing: number;
}

export interface PackConfig {
  chem: CellChemistry;
  seriesCells: number;
  ratedCapacity_Ah: number;
  /** Mean cell capacity at BOL relative to rated (new cells often exceed their rating slightly). */
  capacityFactor: number;
  spread: PackSpread;
  /** Initial SOC (all cells, before spread). */
  initialSoc: number;
  initialTemp_degC: number;
  /** Global ageing acceleration (1 = the published laws). */
  ageingScalar: number;
}

export class Pack {
  readonly n: number;
  readonly chem: CellChemistry;
  readonly z: Float64Array;
  readonly v1: Float64Array;
  readonly v2: Float64Array;
  readonly h: Float64Array;
  /** Surface SOC deficits of the positive and negative electrode (solid diffusion), fraction. */
  readonly dp: Float64Array;
  readonly dn: Float64Array;
  readonly temp_degC: Float64Array;
  readonly q0_Ah: Float64Array;
  readonly r0bol_ohm: Float64Array;
  readonly sdRate_perS: Float64Array;
  /** Extra internal discharge current per cell (balancing bleed, soft-short fault), A. */
  readonly bleed_A: Float64Array;
  /** Extra heat per cell (overheating fault), W. */
  readonly heat_W: Float64Array;
  /** Terminal voltage per cell at the end of the last step, V. */
  readonly v_V: Float64Array;
  readonly ageing: PackAgeing;
  private readonly cth_JperK: Float64Array;
  /** Arrhenius factors of R0, R1, R2 and of the two electrodes' R^2/D per cell (FT per cell). */
  private readonly fT: Float64Array;
  /** Temperature at which fT was last computed. */
  private readonly fTemp: Float64Array;
  private cacheDt = -1;
  private truthSegment = -1;
  private cacheCap_Ah = 0;
  private cacheR_ohm = 0;
  private e1 = 0;
  private e2 = 0;
  private eth = 0;

  constructor(cfg: PackConfig, rng: Prng) {
    const n = cfg.seriesCells;
    this.n = n;
    this.chem = cfg.chem;
    const a = (): Float64Array => new Float64Array(n);
    this.z = a(); this.v1 = a(); this.v2 = a(); this.h = a(); this.dp = a(); this.dn = a(); this.temp_degC = a();
    this.q0_Ah = a(); this.r0bol_ohm = a(); this.sdRate_perS = a(); this.bleed_A = a(); this.heat_W = a();
    this.v_V = a(); this.cth_JperK = a(); this.fT = new Float64Array(FT * n); this.fTemp = a().fill(NaN);
    const scalars = new Float64Array(n);
    const s = cfg.spread;
    for (let i = 0; i < n; i++) {
      const q = cfg.ratedCapacity_Ah * cfg.capacityFactor * (1 + s.capacity * clampN(rng.normal()));
      this.q0_Ah[i] = q;
      this.r0bol_ohm[i] = (cfg.chem.r0Q_ohmAh / cfg.ratedCapacity_Ah) * (1 + s.resistance * clampN(rng.normal()));
      this.sdRate_perS[i] = (cfg.chem.selfDischarge_perMonth / (30 * 86400)) * Math.max(0.1, 1 + s.selfDischarge * clampN(rng.normal()));
      scalars[i] = cfg.ageingScalar * Math.max(0.2, 1 + s.ageing * clampN(rng.normal()));
      this.z[i] = cfg.initialSoc;
      this.temp_degC[i] = cfg.initialTemp_degC;
      this.cth_JperK[i] = cfg.chem.heatCapacity_JperKAh * q;
      this.h[i] = 0;
    }
    this.ageing = new PackAgeing(cfg.chem.ageing, n, scalars);
    this.updateTempFactors();
    this.refreshVoltages(0);
  }

  capacity_Ah(i: number): number { return this.q0_Ah[i]! * this.ageing.q[i]!; }
  /** R0 of cell i at 25 degC, mid SOC, with ageing, ohm. */
  r0_25(i: number): number { return this.r0bol_ohm[i]! * this.ageing.r[i]!; }

  /** Recomputes the Arrhenius factors of R0, R1, R2 for cells whose temperature moved by more than 0.01 K. */
  private updateTempFactors(): void {
    const c = this.chem;
    for (let i = 0; i < this.n; i++) {
      const t = this.temp_degC[i]!;
      if (Math.abs(t - this.fTemp[i]!) < 0.01) continue;
      this.fTemp[i] = t;
      const u = 1 / (t + 273.15) - 1 / 298.15;
      const o = FT * i;
      this.fT[o] = Math.exp((c.r0Ea_J_per_mol / RG) * u);
      this.fT[o + 1] = Math.exp((c.r1Ea_J_per_mol / RG) * u);
      this.fT[o + 2] = Math.exp((c.r2Ea_J_per_mol / RG) * u);
      this.fT[o + 3] = Math.exp((c.diffPos.ea_J_per_mol / RG) * u);
      this.fT[o + 4] = Math.exp((c.diffNeg.ea_J_per_mol / RG) * u);
    }
  }

  /** R0 rises below 15 % SOC (charge-transfer limits); flat elsewhere. */
  private static socFactor(z: number): number {
    return z < 0.15 ? 1 + 2 * (0.15 - Math.max(z, 0)) : 1;
  }

  /** R0 of cell i now (temperature, SOC, ageing), ohm. */
  r0Now(i: number): number { return this.r0_25(i) * this.fT[FT * i]! * Pack.socFactor(this.z[i]!); }

  /** R1 and R2 of cell i now (temperature, ageing), ohm. */
  r1Now(i: number): number { return this.r0_25(i) * this.chem.r1_frac * this.fT[FT * i + 1]!; }
  r2Now(i: number): number { return this.r0_25(i) * this.chem.r2_frac * this.fT[FT * i + 2]!; }

  /** R^2/D of the positive and negative electrode of cell i at its temperature now, s. */
  diffPosNow_s(i: number): number { return this.chem.diffPos.r2OverD_s * this.fT[FT * i + 3]!; }
  diffNegNow_s(i: number): number { return this.chem.diffNeg.r2OverD_s * this.fT[FT * i + 4]!; }

  /** Equilibrium voltage of cell i's particle surfaces now (SOC, diffusion, temperature, hysteresis), V. */
  ocvNow(i: number): number {
    return this.chem.ocv.atSurface(this.z[i]!, this.dp[i]!, this.dn[i]!, this.temp_degC[i]!) + this.chem.hystM_V * this.h[i]!;
  }

  private ensureDt(dt_s: number): void {
    if (dt_s === this.cacheDt) return;
    this.cacheDt = dt_s;
    this.e1 = Math.exp(-dt_s / this.chem.tau1_s);
    this.e2 = Math.exp(-dt_s / this.chem.tau2_s);
    this.eth = Math.exp(-dt_s / this.chem.thermalTau_s);
  }

  /**
   * The pack current that holds the sum of the cell terminal voltages at `packV_V` at the end of a
   * step of `dt_s` (CV phase of a charger), A (negative = charging). Linear in the current because
   * the step solution is; OCV and hysteresis are taken at the start of the step, with the OCV's
   * slope times the step's charge (so a steep end of the curve, as LFP's, is not overshot).
   */
  cvCurrent(dt_s: number, packV_V: number): number {
    this.ensureDt(dt_s);
    let free = 0, slope = 0;
    for (let i = 0; i < this.n; i++) {
      free += this.ocvNow(i) - this.v1[i]! * this.e1 - this.v2[i]! * this.e2;
      slope += this.r0Now(i) + this.r1Now(i) * (1 - this.e1) + this.r2Now(i) * (1 - this.e2)
        + (this.chem.ocv.slope_V(this.z[i]!) * dt_s) / (3600 * this.capacity_Ah(i));
    }
    return (free - packV_V) / slope;
  }

  /** Advances every cell by dt_s with pack current `current_A` and ambient `ambient_degC`. */
  step(dt_s: number, current_A: number, ambient_degC: number): void {
    this.ensureDt(dt_s);
    const c = this.chem;
    const e1 = this.e1, e2 = this.e2, eth = this.eth;
    const tau_s = c.thermalTau_s; // R_th = tau / C_th per cell
    for (let i = 0; i < this.n; i++) {
      const ii = current_A + this.bleed_A[i]!;
      const q = this.capacity_Ah(i);
      const r0 = this.r0Now(i);
      const v1 = this.v1[i]! * e1 + this.r1Now(i) * ii * (1 - e1);
      const v2 = this.v2[i]! * e2 + this.r2Now(i) * ii * (1 - e2);
      this.v1[i] = v1;
      this.v2[i] = v2;
      const eta = ii < 0 ? c.chargeEfficiency : 1;
      this.z[i] = this.z[i]! - (eta * ii * dt_s) / (3600 * q) - this.sdRate_perS[i]! * dt_s;
      // surface deficits: steady I/Q x R^2/(15 D), relaxing with R^2/(pi^2 D) (exact for constant I)
      const rate_perS = ii / (3600 * q);
      const gp = this.diffPosNow_s(i), gn = this.diffNegNow_s(i);
      const ep = Math.exp((-dt_s * Math.PI * Math.PI) / gp), en = Math.exp((-dt_s * Math.PI * Math.PI) / gn);
      this.dp[i] = this.dp[i]! * ep + ((rate_perS * gp) / 15) * (1 - ep);
      this.dn[i] = this.dn[i]! * en + ((rate_perS * gn) / 15) * (1 - en);
      if (ii !== 0) {
        const eh = Math.exp(-Math.abs((ii * c.hystGamma * dt_s) / (3600 * q)));
        this.h[i] = eh * this.h[i]! - (1 - eh) * Math.sign(ii);
      }
      const heat = ii * ii * r0 + ii * (v1 + v2) + this.heat_W[i]!;
      const tInf = ambient_degC + (heat * tau_s) / this.cth_JperK[i]!;
      this.temp_degC[i] = tInf + (this.temp_degC[i]! - tInf) * eth;
    }
    this.updateTempFactors();
    this.ageing.observe(dt_s, this.z, this.temp_degC);
    this.refreshVoltages(current_A);
  }

  /** Terminal voltages for pack current `current_A` flowing now. */
  refreshVoltages(current_A: number): void {
    for (let i = 0; i < this.n; i++) {
      const ii = current_A + this.bleed_A[i]!;
      this.v_V[i] = this.ocvNow(i) - this.v1[i]! - this.v2[i]! - this.r0Now(i) * ii;
    }
  }

  packVoltage_V(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.v_V[i]!;
    return s;
  }

  minCellV(): number { let m = Infinity; for (let i = 0; i < this.n; i++) m = Math.min(m, this.v_V[i]!); return m; }
  maxCellV(): number { let m = -Infinity; for (let i = 0; i < this.n; i++) m = Math.max(m, this.v_V[i]!); return m; }
  maxTemp(): number { let m = -Infinity; for (let i = 0; i < this.n; i++) m = Math.max(m, this.temp_degC[i]!); return m; }
  meanTemp(): number { let s = 0; for (let i = 0; i < this.n; i++) s += this.temp_degC[i]!; return s / this.n; }

  trueSoc(): number { let s = 0; for (let i = 0; i < this.n; i++) s += this.z[i]!; return s / this.n; }
  minSoc(): number { let m = Infinity; for (let i = 0; i < this.n; i++) m = Math.min(m, this.z[i]!); return m; }
  maxSoc(): number { let m = -Infinity; for (let i = 0; i < this.n; i++) m = Math.max(m, this.z[i]!); return m; }
  /** Harmonic mean capacity; cached per ageing segment (capacities only change when one closes). */
  trueCapacity_Ah(): number {
    if (this.truthSegment !== this.ageing.segments) this.refreshTruth();
    return this.cacheCap_Ah;
  }
  trueResistance_ohm(): number {
    if (this.truthSegment !== this.ageing.segments) this.refreshTruth();
    return this.cacheR_ohm;
  }
  private refreshTruth(): void {
    let s = 0, r = 0;
    for (let i = 0; i < this.n; i++) { s += 1 / this.capacity_Ah(i); r += this.r0_25(i); }
    this.cacheCap_Ah = this.n / s;
    this.cacheR_ohm = r / this.n;
    this.truthSegment = this.ageing.segments;
  }
}

/** A normal draw clamped to +-3 sigma (no absurd outlier cells). */
function clampN(x: number): number {
  return Math.max(-3, Math.min(3, x));
}
