/**
 * State of charge of every sample from the anchors alone (no OCV table): counted forward from the
 * previous anchor and backward from the next one, blended by the charge each count crosses (the
 * shorter count drifts less). Full anchors are SOC 1, empty anchors SOC 0. A count never crosses a
 * gap across which the rest voltage moved by more than `gapDv_V` (something unrecorded happened) and
 * never reaches further than 1.5 capacities. NaN where no anchor reaches.
 */
import type { Anchor } from './anchors.ts';
import type { CellSeries } from './series.ts';

export function socTrace(s: CellSeries, full: Anchor[], empty: Anchor[], capacity_Ah: number, gapDv_V = 0.2): Float64Array {
  const epoch = new Int32Array(s.n);
  for (let j = 1; j < s.n; j++) {
    const broken = s.t_s[j]! - s.t_s[j - 1]! > s.maxGap_s && Math.abs(s.v_V[j]! - s.v_V[j - 1]!) > gapDv_V;
    epoch[j] = epoch[j - 1]! + (broken ? 1 : 0);
  }
  const anchors = [...full.map((a) => ({ j: a.index, z: 1 })), ...empty.map((a) => ({ j: a.index, z: 0 }))].sort((a, b) => a.j - b.j);
  const out = new Float64Array(s.n).fill(NaN);
  const reach = 1.5 * capacity_Ah;
  let k = 0; // anchors[k] is the first anchor at or after j
  for (let j = 0; j < s.n; j++) {
    while (k < anchors.length && anchors[k]!.j < j) k++;
    const prev = k > 0 ? anchors[k - 1] : undefined;
    const next = anchors[k];
    let zf = NaN, wf = 0, zb = NaN, wb = 0;
    if (prev && epoch[prev.j] === epoch[j]) {
      const d = Math.abs(s.ah[j]! - s.ah[prev.j]!);
      if (d <= reach) { zf = prev.z - (s.ah[j]! - s.ah[prev.j]!) / capacity_Ah; wf = 1 / (d + 1e-6); }
    }
    if (next && epoch[next.j] === epoch[j]) {
      const d = Math.abs(s.ah[next.j]! - s.ah[j]!);
      if (d <= reach) { zb = next.z + (s.ah[next.j]! - s.ah[j]!) / capacity_Ah; wb = 1 / (d + 1e-6); }
    }
    if (wf + wb > 0) out[j] = ((wf ? zf * wf : 0) + (wb ? zb * wb : 0)) / (wf + wb);
  }
  return out;
}
