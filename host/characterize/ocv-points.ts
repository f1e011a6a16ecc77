/**
 * Evidence for the OCV curve, as (SOC, voltage, sigma, branch) points:
 * - rest points: the last sample of a rest of at least `minRest_s`, when its voltage moved by less
 *   than `maxDvdt_V_per_s` over the rest's last tenth (relaxed to within that slope x the elapsed
 *   time, which enters the point's sigma with the voltage noise);
 * - load points: constant-current stretches (within 5 % of the run's median current, at most 1.2 C)
 *   of charges and discharges of at least 10 minutes, after `settle_s` under load; their voltage is
 *   the terminal voltage and the current, to be corrected by I x R in ocv.ts.
 * The branch is +1 after a charge, -1 after a discharge (the LFP hysteresis branch they sit on).
 */
import { median } from './fitted.ts';
import { runAh, runDuration, type CellSeries } from './series.ts';

export interface RestPoint {
  soc: number;
  voltage_V: number;
  sigma_V: number;
  branch: 1 | -1;
}

export interface LoadPoint {
  soc: number;
  voltage_V: number;
  current_A: number;
}

export function restPoints(s: CellSeries, soc: Float64Array, capacity_Ah: number, minRest_s: number, maxDvdt_V_per_s: number, voltageNoise_V: number): RestPoint[] {
  const out: RestPoint[] = [];
  let branch: 1 | -1 | 0 = 0;
  for (const r of s.runs) {
    if (r.kind !== 'rest') {
      if (Math.abs(runAh(s, r)) >= 0.02 * capacity_Ah) branch = r.kind === 'chg' ? 1 : -1;
      continue;
    }
    const dur = runDuration(s, r);
    if (dur < minRest_s || !branch || !Number.isFinite(soc[r.end]!)) continue;
    let k = r.end;
    while (k > r.start && s.t_s[r.end]! - s.t_s[k]! < 0.1 * dur) k--;
    const dt = s.t_s[r.end]! - s.t_s[k]!;
    if (!(dt > 0)) continue;
    const slope = Math.abs(s.v_V[r.end]! - s.v_V[k]!) / dt;
    if (slope > maxDvdt_V_per_s) continue;
    const residue = slope * dur; // what is left to relax, at most, if it kept the present slope for as long again
    out.push({ soc: soc[r.end]!, voltage_V: s.v_V[r.end]!, sigma_V: Math.hypot(residue, voltageNoise_V, 0.001), branch });
  }
  return out;
}

export function loadPoints(s: CellSeries, soc: Float64Array, capacity_Ah: number, settle_s: number): LoadPoint[] {
  const out: LoadPoint[] = [];
  for (const r of s.runs) {
    if (r.kind === 'rest' || runDuration(s, r) < 600) continue;
    const mags: number[] = [];
    for (let j = r.start; j <= r.end; j++) mags.push(Math.abs(s.i_A[j]!));
    const iMed = median(mags);
    if (iMed > 1.2 * capacity_Ah) continue;
    for (let j = r.start; j <= r.end; j++) {
      if (s.t_s[j]! - s.t_s[r.start]! < settle_s || !Number.isFinite(soc[j]!)) continue;
      if (Math.abs(Math.abs(s.i_A[j]!) - iMed) > 0.05 * iMed) continue;
      out.push({ soc: soc[j]!, voltage_V: s.v_V[j]!, current_A: s.i_A[j]! });
    }
  }
  return out;
}
