/**
 * The OCV hysteresis half-width (LFP and other flat chemistries): grid points where relaxed rests
 * were seen on both branches give M = (mean rest voltage after charge - mean after discharge) / 2;
 * M is their median (negative differences clip to 0: no hysteresis seen). Rests of one branch only,
 * or none, cannot show it.
 */
import { OCV_POINTS } from '../../layout/core-layout.ts';
import { mean, median, sigmaOfMean, type Fitted } from './fitted.ts';
import type { RestPoint } from './ocv-points.ts';

export function fitHysteresis(rest: RestPoint[]): Fitted | undefined {
  const halfWidths: number[] = [];
  for (let i = 0; i < OCV_POINTS; i++) {
    const z = i / (OCV_POINTS - 1);
    const pts = rest.filter((p) => Math.abs(p.soc - z) <= 0.025);
    const up = pts.filter((p) => p.branch > 0).map((p) => p.voltage_V), down = pts.filter((p) => p.branch < 0).map((p) => p.voltage_V);
    if (up.length && down.length && z >= 0.1 && z <= 0.9) halfWidths.push((mean(up) - mean(down)) / 2);
  }
  if (!halfWidths.length) return undefined;
  return { value: Math.max(0, median(halfWidths)), sigma: sigmaOfMean(halfWidths, 0.0005), evidence: halfWidths.length, method: 'half the gap between rests after charge and after discharge at the same SOC (10-90 %)' };
}
