/**
 * Capacity from full reference discharges: a full anchor followed by an empty anchor with no other
 * full anchor and less than 2 % of the charge moved back in between. The capacity is the charge
 * counted between them; rated_capacity_Ah is their mean (sigma: spread over sqrt(n), at least
 * 1 mAh); the temperatures they ran at bound where the fit is known to hold.
 */
import type { Anchor } from './anchors.ts';
import { mean, sigmaOfMean, type Fitted } from './fitted.ts';
import type { CellSeries } from './series.ts';

export interface ReferenceDischarge {
  from: number;
  to: number;
  capacity_Ah: number;
  tempMin_degC: number;
  tempMax_degC: number;
}

export function referenceDischarges(s: CellSeries, full: Anchor[], empty: Anchor[]): ReferenceDischarge[] {
  const out: ReferenceDischarge[] = [];
  const marks = [...full.map((a) => ({ a, full: true })), ...empty.map((a) => ({ a, full: false }))].sort((x, y) => x.a.index - y.a.index);
  for (let k = 1; k < marks.length; k++) {
    const f = marks[k - 1]!, e = marks[k]!;
    if (!f.full || e.full) continue;
    const q = s.ah[e.a.index]! - s.ah[f.a.index]!;
    let back = 0, tMin = Infinity, tMax = -Infinity;
    for (let j = f.a.index + 1; j <= e.a.index; j++) {
      const d = s.ah[j]! - s.ah[j - 1]!;
      if (d < 0) back -= d;
      if (s.i_A[j]! > s.restCurrent_A) {
        tMin = Math.min(tMin, s.temp_degC[j]!);
        tMax = Math.max(tMax, s.temp_degC[j]!);
      }
    }
    if (q > 0 && back < 0.02 * q) out.push({ from: f.a.index, to: e.a.index, capacity_Ah: q, tempMin_degC: tMin, tempMax_degC: tMax });
  }
  return out;
}

export function fitCapacity(refs: ReferenceDischarge[]): Fitted | undefined {
  if (!refs.length) return undefined;
  const q = refs.map((r) => r.capacity_Ah);
  return { value: mean(q), sigma: sigmaOfMean(q, 0.001), evidence: q.length, method: 'charge counted from a tapered full charge to the empty anchor, mean over full reference discharges' };
}
