/**
 * Cell ageing over simulated time with the semi-empirical NREL BLAST-Lite laws of algorithms.md 6:
 * NMC = Kokam 75 Ah NMC111 (6.5: calendar and cycling LLI power laws, LAM knee, resistance from
 * LLI and LAM), LFP = Sony/Murata 3 Ah (6.4: calendar sigmoid, cycling power_B, linear resistance
 * gains; the lab break-in term is off, it only runs above 3 EFC/day).
 *
 * Stressors per segment as in 6.1: rate factors time-averaged (sampled every tick), DoD = SOC range
 * over the segment, C-rate = sum|dSOC| / hours, EFC = sum|dSOC| / 2. A segment closes once a
 * simulated day. States advance by exact re-evaluation at the equivalent x (6.2, "tip"), scaled by
 * a per-cell degradation scalar (BLAST's variability: 1 +- 0.15) times a global acceleration.
 *
 * Outputs: q = capacity / capacity at BOL, r = resistance / resistance at BOL (both 1 at start).
 */
const RG = 8.3144;

/** Anode potential proxy Ua(SOC), V (algorithms.md 6.1). */
export function anodePotential_V(soc: number): number {
  const xa = 0.0085 + soc * (0.78 - 0.0085);
  return 0.6379 + 0.5416 * Math.exp(-305.5309 * xa) + 0.044 * Math.tanh(-(xa - 0.1958) / 0.1088)
    - 0.1978 * Math.tanh((xa - 1.0571) / 0.0854) - 0.6875 * Math.tanh((xa + 0.0117) / 0.0529)
    - 0.0175 * Math.tanh((xa - 0.5692) / 0.0875);
}

/** y = k x^p advanced by dx from state y. */
export function powerStep(y: number, k: number, p: number, dx: number): number {
  if (!(k > 0) || !(dx > 0)) return y;
  const xeq = y > 0 ? Math.pow(y / k, 1 / p) : 0;
  return k * Math.pow(xeq + dx, p);
}

/** y = (k x)^p advanced by dx. */
export function powerBStep(y: number, k: number, p: number, dx: number): number {
  if (!(k > 0) || !(dx > 0)) return y;
  const xeq = y > 0 ? Math.pow(y, 1 / p) / k : 0;
  return Math.pow(k * (xeq + dx), p);
}

/** y = 2 yInf (1/2 - 1/(1 + exp((k x)^p))) advanced by dx; saturates at yInf. */
export function sigmoidStep(y: number, yInf: number, k: number, p: number, dx: number): number {
  if (!(k > 0) || !(dx > 0) || !(yInf > 0) || y >= yInf * 0.999999) return y;
  const xeq = y > 0 ? Math.pow(Math.log((-2 * yInf) / (y - yInf) - 1), 1 / p) / k : 0;
  const z = Math.pow(k * (xeq + dx), p);
  return 2 * yInf * (0.5 - 1 / (1 + Math.exp(z)));
}

/** Number of time-averaged factors per law. */
const FACTORS = 3;

/** Ageing state of N cells (struct of arrays). */
export class PackAgeing {
  readonly q: Float64Array;
  readonly r: Float64Array;
  private readonly qT: Float64Array;
  private readonly qE: Float64Array;
  private readonly qL: Float64Array;
  private readonly rT: Float64Array;
  private readonly rE: Float64Array;
  private readonly scalar: Float64Array;
  // segment accumulators
  private readonly fac: Float64Array;
  private readonly socMin: Float64Array;
  private readonly socMax: Float64Array;
  private readonly socSum: Float64Array;
  private readonly dsoc: Float64Array;
  private readonly lastSoc: Float64Array;
  private facTime_s = 0;
  private segTime_s = 0;
  private socSamples = 0;
  private sinceTick_s = 0;
  /** Segments closed so far (a version number of q and r). */
  segments = 0;

  constructor(readonly law: 'kokam-nmc' | 'sony-lfp', readonly n: number, scalars: ArrayLike<number>, readonly tick_s = 600, readonly segment_s = 86400) {
    const a = (): Float64Array => new Float64Array(n);
    this.q = a().fill(1);
    this.r = a().fill(1);
    this.qT = a(); this.qE = a(); this.qL = a().fill(law === 'kokam-nmc' ? 1e-8 : 0); this.rT = a(); this.rE = a();
    this.scalar = Float64Array.from(scalars);
    this.fac = new Float64Array(n * FACTORS);
    this.socMin = a().fill(Infinity); this.socMax = a().fill(-Infinity); this.socSum = a(); this.dsoc = a(); this.lastSoc = a().fill(NaN);
  }

  /** Per simulation step: tracks SOC throughput and range; every tick samples the rate factors. */
  observe(dt_s: number, soc: Float64Array, temp_degC: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      const z = soc[i]!;
      const last = this.lastSoc[i]!;
      if (last === last) this.dsoc[i]! += Math.abs(z - last);
      this.lastSoc[i] = z;
      if (z < this.socMin[i]!) this.socMin[i] = z;
      if (z > this.socMax[i]!) this.socMax[i] = z;
    }
    this.segTime_s += dt_s;
    this.sinceTick_s += dt_s;
    if (this.sinceTick_s >= this.tick_s) {
      this.sampleFactors(this.sinceTick_s, soc, temp_degC);
      this.sinceTick_s = 0;
    }
    if (this.segTime_s >= this.segment_s) this.closeSegment();
  }

  private sampleFactors(w_s: number, soc: Float64Array, temp_degC: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      const z = Math.min(1, Math.max(0, soc[i]!));
      const tk = temp_degC[i]! + 273.15;
      const ua = anodePotential_V(z);
      const o = i * FACTORS;
      this.socSum[i]! += z;
      if (this.law === 'kokam-nmc') {
        const tn = tk / 308.15;
        this.fac[o]! += w_s * Math.exp(-17.8 / tn) * Math.exp((-5.21 * (ua / 0.123)) / tn);
        this.fac[o + 1]! += w_s * Math.exp(-18.4 / tn);
        this.fac[o + 2]! += w_s * (tk - 273.15 - 55);
      } else {
        const ua2 = Math.sqrt(ua), ua3 = Math.cbrt(ua), ua4 = Math.sqrt(ua2);
        const t2 = tk * tk, t3 = t2 * tk;
        this.fac[o]! += w_s * Math.abs(0.98968715129359 * Math.exp((-2881067.56019324 / t2) * ua2) * Math.exp((8742.06309157261 / tk) * ua2));
        this.fac[o + 1]! += w_s * Math.abs(0.000332850281062177 * Math.exp((734553185711.369 / (t2 * t2)) * ua3)
          * Math.exp(-2.8216157562078e-6 * t3 * ua4) * Math.exp((-3284991315.45121 / t3) * ua3) * Math.exp(0.0012722759365729 * t2 * ua4));
        const ds = z - 0.5;
        this.fac[o + 2]! += w_s * 3.4194e-10 * Math.exp((-71827 / RG) * (1 / tk - 1 / 298.15)) * (-3.3903 * ds * ds * ds + 1.5604);
      }
    }
    this.facTime_s += w_s;
    this.socSamples++;
  }

  /** Applies the segment's stressors to every cell and starts a new segment. */
  closeSegment(): void {
    if (this.facTime_s <= 0) return;
    const days = this.segTime_s / 86400;
    const hours = this.segTime_s / 3600;
    for (let i = 0; i < this.n; i++) {
      const o = i * FACTORS;
      const f0 = this.fac[o]! / this.facTime_s, f1 = this.fac[o + 1]! / this.facTime_s, f2 = this.fac[o + 2]! / this.facTime_s;
      const dod = Math.max(0, this.socMax[i]! - this.socMin[i]!);
      const efc = this.dsoc[i]! / 2;
      const s = this.scalar[i]!;
      const socMean = this.socSum[i]! / this.socSamples;
      if (this.law === 'kokam-nmc') {
        const q1 = 2.66e7 * f0;
        const q3 = 3.8e3 * f1 * Math.exp(1.04 * Math.exp(dod * dod));
        const q5 = 1e4 + 153 * f2 * dod * (socMean / 0.6);
        this.qT[i] = this.qT[i]! + s * (powerStep(this.qT[i]!, q1, 0.357, days) - this.qT[i]!);
        this.qE[i] = this.qE[i]! + s * (powerStep(this.qE[i]!, q3, 0.778, efc) - this.qE[i]!);
        if (q5 > 0) this.qL[i] = this.qL[i]! + s * (sigmoidStep(this.qL[i]!, 1, 1 / q5, 10, efc) - this.qL[i]!);
        this.rT[i] = this.rT[i]! + s * (powerStep(this.rT[i]!, 0.057 * q1, 1.25, days) - this.rT[i]!);
        this.rE[i] = this.rE[i]! + s * (powerStep(this.rE[i]!, 4.87 * q3, 0.712, efc) - this.rE[i]!);
        const qLam = 1.01 - this.qL[i]!;
        this.q[i] = Math.min(1 - this.qT[i]! - this.qE[i]!, qLam);
        this.r[i] = Math.max(1 + this.rT[i]! + this.rE[i]!, qLam > 0 ? -0.08 + 1.09 / qLam : Infinity);
      } else {
        const crate = hours > 0 ? this.dsoc[i]! / hours : 0;
        const q5 = Math.abs(-6.81260579372875e-6 + 2.59615973160844e-5 * dod + 2.11559710307295e-6 * Math.exp(dod * dod * crate * crate * crate));
        this.qT[i] = this.qT[i]! + s * (sigmoidStep(this.qT[i]!, f0, 0.000130510034211874, f1, days) - this.qT[i]!);
        this.qE[i] = this.qE[i]! + s * (powerBStep(this.qE[i]!, q5, 1.12847759334355, efc) - this.qE[i]!);
        const dd = dod - 0.5;
        const rCyc = (-0.002 * crate + 0.0021) * (6.8477 * dd * dd * dd + 0.91882);
        this.rT[i] = this.rT[i]! + s * f2 * this.segTime_s;
        if (efc > 0) this.rE[i] = this.rE[i]! + (s * rCyc * efc) / 100;
        this.q[i] = 1 - this.qT[i]! - this.qE[i]!;
        this.r[i] = 1 + this.rT[i]! + this.rE[i]!;
      }
      this.fac[o] = 0; this.fac[o + 1] = 0; this.fac[o + 2] = 0;
      this.socMin[i] = Infinity; this.socMax[i] = -Infinity; this.socSum[i] = 0; this.dsoc[i] = 0;
    }
    this.facTime_s = 0;
    this.segTime_s = 0;
    this.socSamples = 0;
    this.segments++;
  }
}
