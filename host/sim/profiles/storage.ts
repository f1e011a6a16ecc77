/**
 * Daily stationary-storage cycle (home battery with PV): idle at low SOC overnight; from 08:00 a
 * solar charge whose current depends on the day's sunshine (0.05-0.35 C, random per day) until
 * 16:00 or full (a sunny day ends in a CC-CV top-off); idle; from 18:00 the household load, in
 * 30-min blocks of random current (0.05-0.4 C), until 10 % SOC or 07:00.
 */
import { DAY_S, untilHour, rest, type Command, type Profile, type ProfileContext } from './command.ts';

export class StorageProfile implements Profile {
  readonly name = 'storage';
  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    const hour = (((ctx.t_s % DAY_S) + DAY_S) % DAY_S) / 3600;
    if (hour >= 8 && hour < 16) {
      const sun = rng.range(0.05, 0.35);
      const left = untilHour(ctx.t_s, 16);
      if (sun > 0.25) return { kind: 'cccv', chargeCurrent_A: sun * q, cellVoltage_V: ctx.chargeVoltage_V, taper_A: ctx.taper_C * q, max_s: left };
      return { kind: 'cc', current_A: -sun * q, max_s: Math.min(left, 3600), stopSocAbove: 0.95 };
    }
    if (hour >= 18 || hour < 7) {
      if (ctx.soc <= 0.105) return rest(untilHour(ctx.t_s, 8));
      return { kind: 'cc', current_A: rng.range(0.05, 0.4) * q, max_s: Math.min(1800, untilHour(ctx.t_s, 7)), stopSocBelow: 0.1 };
    }
    return rest(untilHour(ctx.t_s, hour < 8 ? 8 : 18));
  }
}
