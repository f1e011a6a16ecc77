/**
 * Pure helpers over history points: the rest-recovery filter, thinning to a fixed area, today's
 * capacity (the state the twin continues from) and interpolation in time.
 */
import type { HistoryPoint } from './history.ts';

/** A rest longer than this [h] (and than 2.5 × the median spacing) can show capacity recovery. */
export const REST_GAP_H = 10;
/**
 * Capacities averaged for today's state: the twin continues from the measured SOH (§6.2), which keeps
 * a rest recovery the trend fit leaves out (NASA B0018 at 40 % of life: −22.7 % → −3.1 %).
 */
export const ANCHOR_POINTS = 5;

/** Mean of the last ANCHOR_POINTS capacities of the history (null when it has none). */
export function anchorOf(points: readonly HistoryPoint[]): number | null {
  const caps = points.filter((p) => p.capacity_Ah !== null).slice(-ANCHOR_POINTS).map((p) => p.capacity_Ah!);
  return caps.length ? caps.reduce((a, b) => a + b, 0) / caps.length : null;
}

/** Mask of the points usable for the capacity fit (true) after the rest-recovery filter. */
export function recoveryMask(points: readonly HistoryPoint[]): boolean[] {
  const spacing = points.slice(1).map((p, i) => p.t_s - points[i]!.t_s).sort((a, b) => a - b);
  const median_s = spacing.length ? spacing[Math.floor(spacing.length / 2)]! : 0;
  const gap_s = Math.max(REST_GAP_H * 3600, 2.5 * median_s);
  const keep = points.map((p) => p.capacity_Ah !== null);
  let lastCap: number | null = null;
  let ceiling: number | null = null;
  points.forEach((p, i) => {
    if (i > 0 && p.t_s - points[i - 1]!.t_s > gap_s && lastCap !== null) ceiling = lastCap;
    if (p.capacity_Ah === null) return;
    if (ceiling !== null && p.capacity_Ah > ceiling) keep[i] = false;
    else ceiling = null;
    if (keep[i]) lastCap = p.capacity_Ah;
  });
  return keep;
}

/**
 * At most `cap` points, evenly spread and always keeping the first and the last (the core's fitting
 * area is fixed; a long history is thinned, never cut short).
 */
export function thin<T>(points: readonly T[], cap: number): T[] {
  if (points.length <= cap) return points.slice();
  return Array.from({ length: cap }, (_, i) => points[Math.round((i * (points.length - 1)) / (cap - 1))]!);
}

/** Linear interpolation of values given at points (by time), clamped at both ends. */
export function interpolate(pts: readonly HistoryPoint[], values: readonly number[], t_s: number): number {
  let i = 0;
  while (i < pts.length - 1 && pts[i + 1]!.t_s < t_s) i++;
  const a = pts[i]!;
  const b = pts[Math.min(i + 1, pts.length - 1)]!;
  const va = values[i] ?? 0;
  const vb = values[Math.min(i + 1, values.length - 1)] ?? va;
  if (b.t_s <= a.t_s || t_s <= a.t_s) return va;
  if (t_s >= b.t_s) return vb;
  return va + ((vb - va) * (t_s - a.t_s)) / (b.t_s - a.t_s);
}

