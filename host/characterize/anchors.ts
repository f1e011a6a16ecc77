/**
 * The two states a coulomb count can be pinned to without an OCV table:
 * - full: the end of a charge that finished in a constant-voltage taper (|I| fell below half its
 *   median while the voltage held within 30 mV of its highest value);
 * - empty: the point of a discharge where the user's reference capacity ends. When the recording
 *   carries measured capacities (NASA cycles.csv, a generic CSV's measured_capacity_Ah), it is the
 *   first sample where the charge counted from the discharge's start reaches that measurement (a
 *   sampled test counts to the first sample at or below its threshold, so the threshold lies between
 *   that sample's load voltage and the one before), so the core's empty matches the capacity the
 *   user scores against; otherwise the last sample under load
 *   of a discharge that ended at the lowest voltages seen (the cutoff the equipment used).
 * Their voltages are the fitted full and cutoff voltages (limits.ts).
 */
import type { Recording } from '../readers/recording.ts';
import { runAh, runDuration, type CellSeries, type Run } from './series.ts';

export interface Anchor {
  index: number;
  /** Cell voltage at the anchor (CV level for full, load voltage for empty), V. */
  voltage_V: number;
  current_A: number;
  /** Load voltage of the sample before a 'measured' anchor: the threshold lies in [voltage_V, above_V). */
  above_V?: number;
  /** 'measured' when set by a reference measurement of the recording, 'end' when by a run's end. */
  by: 'taper' | 'measured' | 'end';
}

const MIN_RUN_S = 60;

export function fullAnchors(s: CellSeries): Anchor[] {
  const out: Anchor[] = [];
  for (const r of s.runs) {
    if (r.kind !== 'chg' || runDuration(s, r) < MIN_RUN_S) continue;
    const mags: number[] = [];
    let vMax = -Infinity;
    for (let j = r.start; j <= r.end; j++) {
      mags.push(Math.abs(s.i_A[j]!));
      if (s.v_V[j]! < 5.5) vMax = Math.max(vMax, s.v_V[j]!); // 5.5 V/cell: a glitch, not a charge level
    }
    mags.sort((a, b) => a - b);
    const iMed = mags[mags.length >> 1]!;
    const iEnd = Math.abs(s.i_A[r.end]!);
    const vEnd = s.v_V[r.end]!;
    if (iEnd <= 0.5 * iMed && vEnd >= vMax - 0.03 && vEnd < 5.5) out.push({ index: r.end, voltage_V: vEnd, current_A: iEnd, by: 'taper' });
  }
  return out;
}

/** Sample index of the series at or after recording index `k`. */
function seriesIndex(s: CellSeries, k: number): number {
  let lo = 0, hi = s.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.src[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function emptyAnchors(s: CellSeries, rec: Recording, capacityGuess_Ah: number): Anchor[] {
  const measured: Anchor[] = [];
  for (const d of rec.discharges) {
    if (d.measured_capacity_Ah === null || !(d.measured_capacity_Ah > 0)) continue;
    if (d.endIndex > s.src[s.n - 1]!) break;
    // the discharge: from the first load sample after the last charging sample before the mark
    // (a pulsed load's pauses stay inside it), counted from the sample before (the step's first
    // interval carries charge)
    const j = Math.min(seriesIndex(s, d.endIndex), s.n - 1);
    let start = j;
    while (start > 0 && s.i_A[start - 1]! > -s.restCurrent_A) start--;
    while (start < j && !(s.i_A[start]! > s.restCurrent_A)) start++;
    const first = start > 0 && s.t_s[start]! - s.t_s[start - 1]! <= s.maxGap_s ? start - 1 : start;
    const a0 = s.ah[first]!;
    // the load sample whose counted charge is nearest the measurement (a test counts to a sample;
    // our trapezoid may differ from the lab's by a fraction of a per cent)
    let best = -1, bestErr = Infinity;
    for (let k = start + 1; k <= j; k++) {
      if (!(s.i_A[k]! > s.restCurrent_A)) continue;
      const err = Math.abs(s.ah[k]! - a0 - d.measured_capacity_Ah);
      if (err < bestErr) { best = k; bestErr = err; }
    }
    let prevLoad = best - 1; // the load sample before it (a pulsed load pauses in between)
    while (prevLoad > start && !(s.i_A[prevLoad]! > s.restCurrent_A)) prevLoad--;
    if (best > 0 && bestErr <= 0.02 * d.measured_capacity_Ah) measured.push({ index: best, voltage_V: s.v_V[best]!, above_V: s.v_V[Math.max(prevLoad, 0)]!, current_A: s.i_A[best]!, by: 'measured' });
  }
  if (measured.length) return measured;
  // no reference measurements: discharges that ended at the lowest load voltages seen
  const ends = s.runs
    .filter((r) => r.kind === 'dis' && runDuration(s, r) >= MIN_RUN_S && runAh(s, r) >= 0.05 * capacityGuess_Ah && endsInKnee(s, r))
    .map((r) => ({ index: r.end, voltage_V: s.v_V[r.end]!, current_A: s.i_A[r.end]!, by: 'end' as const }));
  if (!ends.length) return [];
  const vLow = Math.min(...ends.map((e) => e.voltage_V));
  return ends.filter((e) => e.voltage_V <= vLow + 0.1);
}

/**
 * A discharge that ran into the cell's empty knee: over its last 5 % of charge the voltage fell at
 * least 1.5 times as fast per Ah as over the run as a whole (mid-charge slopes are below the average) (a discharge stopped at mid charge does not).
 */
function endsInKnee(s: CellSeries, r: Run): boolean {
  const total = runAh(s, r);
  let k = r.end;
  while (k > r.start && s.ah[r.end]! - s.ah[k]! < 0.05 * total) k--;
  const tail = s.ah[r.end]! - s.ah[k]!;
  if (!(tail > 0) || k === r.start) return false;
  const slopeTail = (s.v_V[k]! - s.v_V[r.end]!) / tail;
  const slopeAll = (s.v_V[r.start]! - s.v_V[r.end]!) / total;
  return slopeTail >= 1.5 * Math.max(slopeAll, 1e-6);
}
