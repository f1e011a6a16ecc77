/**
 * Ties the device clock (t_s, any epoch) to UTC. A record states the UTC instant of t_s = 0 and how
 * it was obtained, or null: times are then reported as device seconds only, never invented.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ClockEpoch {
  epoch_utc: string | null;
  source: string;
}

export const NO_EPOCH: ClockEpoch = { epoch_utc: null, source: 'unknown: the device clock has no stated epoch' };

/**
 * NASA cell folders: cycles.csv gives each discharge's wall-clock start_time and its t_start_s on the
 * life.csv clock, so epoch = start_time - t_start_s (first row). The data set does not state a time
 * zone; the source text says so.
 */
export function nasaClockEpoch(folder: string): ClockEpoch | null {
  const file = join(folder, 'cycles.csv');
  if (!existsSync(file)) return null;
  const [head, first] = readFileSync(file, 'utf8').split(/\r?\n/, 2);
  const h = (head ?? '').split(',');
  const c = (first ?? '').split(',');
  const start = c[h.indexOf('start_time')];
  const offset = Number(c[h.indexOf('t_start_s')]);
  if (!start || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(start) || !Number.isFinite(offset)) return null;
  const ms = Date.parse(`${start}Z`) - offset * 1000;
  if (!Number.isFinite(ms)) return null;
  return { epoch_utc: new Date(ms).toISOString(), source: 'NASA cycles.csv: start_time of the first discharge minus its t_start_s; the data set states no time zone, read as UTC' };
}

/** UTC time (RFC 3339) of device time t_s, or null without an epoch. */
export function utcOf(epoch_utc: string | null, t_s: number): string | null {
  if (epoch_utc === null || !Number.isFinite(t_s)) return null;
  const ms = Date.parse(epoch_utc) + Math.round(t_s * 1000);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
