/**
 * What a drive profile asks of the pack, one command at a time. Currents are pack currents in A,
 * positive = discharge. Every command has a time limit so a profile can never stall the run; SOC
 * stop conditions refer to the true mean cell SOC (the user or EMS watching the pack's gauge).
 * The firmware may cut a command short (protection): the profile simply gets asked for the next one.
 */
import type { Prng } from '../prng.ts';

export interface CcCommand {
  kind: 'cc';
  /** 0 = rest. */
  current_A: number;
  max_s: number;
  stopSocBelow?: number;
  stopSocAbove?: number;
  /** Ends when the mean cell terminal voltage falls to this, V (a capacity test's cut-off). */
  stopCellVBelow?: number;
  /** This discharge is a reference capacity test: its charge is measured and reported. */
  reference?: boolean;
}

export interface CcCvCommand {
  kind: 'cccv';
  /** Charge current magnitude in the CC phase, A (> 0). */
  chargeCurrent_A: number;
  /** CV set point per cell, V (the charger regulates the pack at N times this). */
  cellVoltage_V: number;
  /** Ends when the charge current has tapered below this, A (> 0). */
  taper_A: number;
  max_s: number;
  stopSocAbove?: number;
}

export interface TraceCommand {
  kind: 'trace';
  /** Time between current values, s. */
  dt_s: number;
  current_A: Float64Array;
  stopSocBelow?: number;
}

export type Command = CcCommand | CcCvCommand | TraceCommand;

export interface ProfileContext {
  t_s: number;
  /** True mean cell SOC. */
  soc: number;
  rated_Ah: number;
  seriesCells: number;
  chargeVoltage_V: number;
  taper_C: number;
  /** End-of-discharge voltage per cell of a capacity test, V. */
  cellCutoff_V: number;
  rng: Prng;
}

export interface Profile {
  readonly name: string;
  next(ctx: ProfileContext): Command;
}

export const DAY_S = 86400;

/** Seconds from `t_s` to the next time of day `hour` (0..24), in (0, 86400]. */
export function untilHour(t_s: number, hour: number): number {
  const tod = ((t_s % DAY_S) + DAY_S) % DAY_S;
  let d = hour * 3600 - tod;
  if (d <= 1e-6) d += DAY_S;
  return d;
}

export function rest(s: number): CcCommand {
  return { kind: 'cc', current_A: 0, max_s: s };
}

/** A full CC-CV charge at `c` C-rate to the chemistry's charge voltage. */
export function fullCharge(ctx: ProfileContext, c: number): CcCvCommand {
  return { kind: 'cccv', chargeCurrent_A: c * ctx.rated_Ah, cellVoltage_V: ctx.chargeVoltage_V, taper_A: ctx.taper_C * ctx.rated_Ah, max_s: 12 * 3600 + 3600 / c };
}
