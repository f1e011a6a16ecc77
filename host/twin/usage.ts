/**
 * The recorded usage pattern ('as-recorded'): what one cycle of the recent history looks like, as
 * summary stressors for the twin (days and EFC per cycle, DoD, C-rate averaged over rest, temperature).
 */
import type { History } from './history.ts';

/** Mean SOC assumed for the calendar law when the history does not say [fraction]. */
export const DEFAULT_SOC_MEAN = 0.5;

/** One recorded cycle as the twin continues it (as-recorded scenario). */
export interface Usage {
  daysPerCycle: number;
  cyclesPerDay: number;
  efcPerCycle: number;
  dod: number;
  /** BLAST-style C-rate, averaged over the whole cycle period including rest [1/h]. */
  crate: number;
  temp_degC: number;
  socMean: number;
}

/** Share of the history (its most recent points, at least RECENT_MIN) that defines "as recorded". */
export const RECENT_SHARE = 0.25;
export const RECENT_MIN = 5;

/** The recorded usage pattern: averages over the most recent quarter of the history. */
export function recordedUsage(h: History): Usage {
  const all = h.points;
  const pts = all.slice(Math.max(0, all.length - Math.max(RECENT_MIN, Math.ceil(all.length * RECENT_SHARE))));
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const n = pts.length;
  const span_days = n > 1 ? (last.t_s - first.t_s) / 86400 / (n - 1) : 1;
  const daysPerCycle = span_days > 0 ? span_days : 1;
  const efcPerCycle = n > 1 ? (last.efc - first.efc) / (n - 1) : last.efc;
  const dod = Math.min(1, pts.reduce((a, p) => a + p.dod, 0) / n);
  return {
    daysPerCycle,
    cyclesPerDay: 1 / daysPerCycle,
    efcPerCycle,
    dod,
    crate: (2 * efcPerCycle) / (daysPerCycle * 24),
    temp_degC: pts.reduce((a, p) => a + p.temp_degC, 0) / n,
    socMean: DEFAULT_SOC_MEAN,
  };
}

