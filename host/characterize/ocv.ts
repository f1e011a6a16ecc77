/**
 * The OCV table on the core's grid (SOC 0, 5, ... 100 %) from the evidence of ocv-points.ts.
 *
 * Per grid point (points within +-1.25 % SOC):
 * - load points: where both a charge and a discharge pass, the rate-weighted mean
 *     OCV = (V_chg |I_dis| ... ) = (V_chg I_dis + V_dis |I_chg|) / (I_dis + |I_chg|)
 *   cancels the overpotential I x R when it is the same both ways (and the hysteresis, to first
 *   order), and their difference gives the overpotential resistance R_ov = (V_chg - V_dis) /
 *   (I_dis + |I_chg|); where one direction only passes, OCV = V + I x R_ov with the median R_ov of the
 *   two-way points (else `fallbackR_ohm`, with half of that correction as its sigma);
 * - rest points: mid-branch voltage (mean of the branch means, or one branch -+ the hysteresis
 *   half-width);
 * the two are combined by inverse variance. Grid points without evidence take the preset's curve
 * shifted to meet the nearest fitted points (evidence 0, sigma 50 mV: listed as from the preset).
 * The table is then made non-decreasing (pool-adjacent-violators, weighted), as the core requires.
 */
import { OCV_POINTS } from '../../layout/core-layout.ts';
import { mean, median, stdev } from './fitted.ts';
import type { LoadPoint, RestPoint } from './ocv-points.ts';

export interface OcvTableFit {
  value: number[];
  sigma: number[];
  evidence: number[];
  /** Grid points filled from the preset's shape. */
  fromPreset: number[];
  /** Median overpotential resistance of the two-way load points, ohm (undefined: none). */
  rOv_ohm?: number;
}

const HALF_BIN = 0.0125;
const FILL_SIGMA_V = 0.05;

export function fitOcvTable(load: LoadPoint[], rest: RestPoint[], hysteresis_V: number, fallbackR_ohm: number, preset: number[]): OcvTableFit {
  const grid = Array.from({ length: OCV_POINTS }, (_, i) => i / (OCV_POINTS - 1));
  const near = <T extends { soc: number }>(pts: T[], z: number): T[] => pts.filter((p) => Math.abs(p.soc - z) <= HALF_BIN);
  // pass 1: two-way load points give OCV and R_ov directly
  const twoWay: (null | { v: number; s: number; n: number; r: number })[] = grid.map((z) => {
    const pts = near(load, z);
    const dis = pts.filter((p) => p.current_A > 0), chg = pts.filter((p) => p.current_A < 0);
    if (dis.length < 2 || chg.length < 2) return null;
    const vd = mean(dis.map((p) => p.voltage_V)), id = mean(dis.map((p) => p.current_A));
    const vc = mean(chg.map((p) => p.voltage_V)), ic = -mean(chg.map((p) => p.current_A));
    const v = (vc * id + vd * ic) / (id + ic);
    const spread = Math.hypot(stdev(dis.map((p) => p.voltage_V)) / Math.sqrt(dis.length), stdev(chg.map((p) => p.voltage_V)) / Math.sqrt(chg.length));
    // hysteresis left in the rate-weighted mean: M (id - ic) / (id + ic)
    return { v, s: Math.hypot(spread, hysteresis_V * Math.abs(id - ic) / (id + ic), 0.001), n: dis.length + chg.length, r: (vc - vd - 2 * hysteresis_V) / (id + ic) };
  });
  const rs = twoWay.filter((x, i) => x && grid[i]! >= 0.2 && grid[i]! <= 0.8).map((x) => x!.r);
  const rOv = rs.length ? median(rs) : undefined;
  const rUse = rOv ?? fallbackR_ohm;
  const rSigma = rOv !== undefined ? Math.max(stdev(rs), 0.1 * rOv) : 0.5 * fallbackR_ohm;
  const value: number[] = [], sigma: number[] = [], evidence: number[] = [];
  grid.forEach((z, i) => {
    const est: { v: number; s: number; n: number }[] = [];
    const tw = twoWay[i];
    if (tw) est.push(tw);
    else {
      const pts = near(load, z);
      if (pts.length >= 2) {
        const ocv = pts.map((p) => p.voltage_V + p.current_A * rUse + Math.sign(p.current_A) * hysteresis_V);
        const iMean = mean(pts.map((p) => Math.abs(p.current_A)));
        est.push({ v: mean(ocv), s: Math.hypot(stdev(ocv) / Math.sqrt(pts.length), iMean * rSigma, hysteresis_V / 2, 0.001), n: pts.length });
      }
    }
    const rp = near(rest, z);
    if (rp.length) {
      const up = rp.filter((p) => p.branch > 0), down = rp.filter((p) => p.branch < 0);
      const branchMean = (ps: RestPoint[]) => mean(ps.map((p) => p.voltage_V));
      const sig = Math.sqrt(mean(rp.map((p) => p.sigma_V ** 2)) / rp.length);
      const v = up.length && down.length ? (branchMean(up) + branchMean(down)) / 2 : up.length ? branchMean(up) - hysteresis_V : branchMean(down) + hysteresis_V;
      est.push({ v, s: Math.hypot(sig, up.length && down.length ? 0 : hysteresis_V / 2), n: rp.length });
    }
    if (!est.length) {
      value.push(NaN); sigma.push(FILL_SIGMA_V); evidence.push(0);
      return;
    }
    const w = est.map((e) => 1 / (e.s * e.s));
    const W = w.reduce((a, b) => a + b, 0);
    value.push(est.reduce((a, e, k) => a + e.v * w[k]!, 0) / W);
    sigma.push(1 / Math.sqrt(W));
    evidence.push(est.reduce((a, e) => a + e.n, 0));
  });
  const fromPreset = fillFromPreset(value, preset);
  const mono = nonDecreasing(value, sigma.map((s) => 1 / (s * s)));
  const out: OcvTableFit = { value: mono, sigma, evidence, fromPreset };
  if (rOv !== undefined) out.rOv_ohm = rOv;
  return out;
}

/** Fills NaN points with the preset's curve shifted to the nearest fitted points (linear in between). Returns the filled indices. */
function fillFromPreset(v: number[], preset: number[]): number[] {
  const known = v.map((x, i) => (Number.isFinite(x) ? i : -1)).filter((i) => i >= 0);
  const filled: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (Number.isFinite(v[i]!)) continue;
    filled.push(i);
    if (!known.length) { v[i] = preset[i]!; continue; }
    const lo = [...known].reverse().find((k) => k < i), hi = known.find((k) => k > i);
    const off = (k: number) => v[k]! - preset[k]!;
    const shift = lo === undefined ? off(hi!) : hi === undefined ? off(lo) : off(lo) + ((off(hi) - off(lo)) * (i - lo)) / (hi - lo);
    v[i] = preset[i]! + shift;
  }
  return filled;
}

/** Weighted pool-adjacent-violators: the closest non-decreasing sequence in the weighted least-squares sense. */
export function nonDecreasing(v: number[], w: number[]): number[] {
  const blocks: { v: number; w: number; n: number }[] = [];
  v.forEach((x, i) => {
    blocks.push({ v: x, w: w[i]!, n: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.v > blocks[blocks.length - 1]!.v) {
      const b = blocks.pop()!, a = blocks.pop()!;
      blocks.push({ v: (a.v * a.w + b.v * b.w) / (a.w + b.w), w: a.w + b.w, n: a.n + b.n });
    }
  });
  return blocks.flatMap((b) => Array<number>(b.n).fill(b.v));
}
