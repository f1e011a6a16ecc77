/**
 * A dynamic, drive-like profile read from a file: a current trace as C-rates (positive =
 * discharge, negative = regenerative braking), one value per `dt_s`. Format (fixtures/profiles):
 *
 *   # bms-edge drive profile v1 dt_s=1            (comment lines; dt_s defaults to 1)
 *   c_rate
 *   0.12
 *   ...
 *
 * The daily pattern: two trips (08:00 and 17:30) repeating the trace until the trip's energy is
 * used (random 20-50 % SOC per day) or 10 % SOC, resting in between, and an overnight charge
 * (CC-CV to full at 0.3 C on some days, to a random 70-90 % on the others).
 */
import { readFileSync } from 'node:fs';
import { SimError } from '../errors.ts';
import { DAY_S, fullCharge, untilHour, rest, type Command, type Profile, type ProfileContext } from './command.ts';

export interface DriveTrace {
  dt_s: number;
  c_rate: Float64Array;
}

export function parseDriveTrace(text: string, name: string): DriveTrace {
  let dt_s = 1;
  const values: number[] = [];
  let header = false;
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#')) {
      const m = /dt_s=([0-9.]+)/.exec(line);
      if (m) dt_s = Number(m[1]);
      return;
    }
    if (!header) {
      if (line !== 'c_rate') throw new SimError(`${name}:${k + 1}: header must be 'c_rate', got '${line}'`, 'bad-profile');
      header = true;
      return;
    }
    const v = Number(line);
    if (!Number.isFinite(v) || Math.abs(v) > 10) throw new SimError(`${name}:${k + 1}: '${line}' is not a C-rate in [-10, 10]`, 'bad-profile');
    values.push(v);
  });
  if (!(dt_s > 0)) throw new SimError(`${name}: dt_s must be > 0`, 'bad-profile');
  if (values.length === 0) throw new SimError(`${name}: no values`, 'bad-profile');
  return { dt_s, c_rate: Float64Array.from(values) };
}

export function readDriveTrace(path: string): DriveTrace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SimError(`cannot read drive profile ${path}: ${(err as Error).message}`, 'io', { cause: err });
  }
  try {
    return parseDriveTrace(text, path);
  } catch (err) {
    // a file that is not a drive trace is unreadable input (exit 3), not a usage error
    if (err instanceof SimError) throw new SimError(err.message.slice(0, 200), 'io', { cause: err });
    throw err;
  }
}

export class DriveProfile implements Profile {
  readonly name = 'drive';
  private tripStop = -1;
  private chargedAt_s = -Infinity;
  constructor(readonly trace: DriveTrace) {}

  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    const hour = (((ctx.t_s % DAY_S) + DAY_S) % DAY_S) / 3600;
    const inTrip = (hour >= 8 && hour < 9.5) || (hour >= 17.5 && hour < 19);
    if (inTrip) {
      if (this.tripStop < 0) this.tripStop = Math.max(0.1, ctx.soc - rng.range(0.1, 0.25));
      if (ctx.soc > this.tripStop + 0.005) {
        return { kind: 'trace', dt_s: this.trace.dt_s, current_A: this.trace.c_rate.map((c) => c * q), stopSocBelow: this.tripStop };
      }
      this.tripStop = -1;
      return rest(untilHour(ctx.t_s, hour < 12 ? 17.5 : 22));
    }
    this.tripStop = -1;
    if (hour >= 22 || hour < 6) {
      if (ctx.t_s - this.chargedAt_s < 10 * 3600) return rest(untilHour(ctx.t_s, 8));
      this.chargedAt_s = ctx.t_s;
      if (rng.uniform() < 0.3) return fullCharge(ctx, 0.3);
      return { kind: 'cc', current_A: -0.3 * q, max_s: 8 * 3600, stopSocAbove: rng.range(0.7, 0.9) };
    }
    return rest(untilHour(ctx.t_s, hour < 8 ? 8 : hour < 17.5 ? 17.5 : 22));
  }
}
