/**
 * The full and cutoff voltages the recording's equipment actually used, from the anchors:
 * - full_voltage_V: the constant-voltage level (median over tapered charges) less a margin of
 *   max(20 mV, 3 sigma of that level, 1 % of it), so the core's full test (V >= full_voltage_V with
 *   |I| below the taper current) fires at every such charge even between sparse samples;
 * - full_taper_current_A: only when the charges end above the preset's taper current (the core's
 *   test could never fire): 1.5 x the median current at which they ended;
 * - empty_voltage_V: the median load voltage at the empty anchors; for anchors set by measured
 *   capacities, the threshold that a sampled test (counting to the first sample at or below it)
 *   would have stopped at on every discharge: the middle of [highest anchor voltage, lowest voltage
 *   of the samples before them), or the median of each interval's middle when no single value fits all.
 */
import type { Anchor } from './anchors.ts';
import { madSigma, median, sigmaOfMean, type Fitted } from './fitted.ts';

export interface VoltageLimits {
  full_voltage_V?: Fitted;
  full_taper_current_A?: Fitted;
  empty_voltage_V?: Fitted;
}

export function fitLimits(full: Anchor[], empty: Anchor[], presetTaper_A: number): VoltageLimits {
  const out: VoltageLimits = {};
  if (full.length) {
    const v = full.map((a) => a.voltage_V);
    const spread = madSigma(v);
    const level = median(v);
    out.full_voltage_V = { value: level - Math.max(0.02, 3 * spread, 0.01 * level), sigma: sigmaOfMean(v, 0.001), evidence: v.length, method: 'constant-voltage level of tapered charges less max(20 mV, 3 sigma, 1 %)' };
    const i = full.map((a) => a.current_A);
    if (1.5 * median(i) > presetTaper_A) out.full_taper_current_A = { value: 1.5 * median(i), sigma: sigmaOfMean(i, 0.001), evidence: i.length, method: '1.5 x the current at which tapered charges ended (they end above the preset\'s taper)' };
  }
  if (empty.length) {
    const v = empty.map((a) => a.voltage_V);
    const byMeasured = empty[0]!.by === 'measured';
    out.empty_voltage_V = {
      value: byMeasured ? sampledThreshold(empty) : median(v),
      sigma: sigmaOfMean(v, 0.001),
      evidence: v.length,
      method: byMeasured ? 'load voltage where the charge counted reaches the recording\'s measured capacity' : 'load voltage at the end of discharges that ran into the empty knee',
    };
  }
  return out;
}

function sampledThreshold(anchors: Anchor[]): number {
  const lo = Math.max(...anchors.map((a) => a.voltage_V));
  const hi = Math.min(...anchors.map((a) => a.above_V ?? a.voltage_V));
  return lo < hi ? (lo + hi) / 2 : median(anchors.map((a) => (a.voltage_V + (a.above_V ?? a.voltage_V)) / 2));
}
