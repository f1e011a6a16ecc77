/**
 * Home storage with PV, kept by its energy manager between 30 and 90 % SOC (never full, never
 * empty): from 08:00 to 17:00 a solar charge in 30-min blocks whose current follows the sun's
 * half-sine (peak 0.35 C times a random cloudiness of the day, 0.2-1) until the ceiling; from 17:00
 * to 07:00 the household load in 30-min blocks of random current (0.05-0.3 C) down to the floor.
 */
import { DAY_S, untilHour, rest, type Command, type Profile, type ProfileContext } from './command.ts';

export class HomeStorageProfile implements Profile {
  readonly name = 'home-storage';
  private day = -1;
  private sun = 1;

  constructor(readonly lo = 0.3, readonly hi = 0.9) {}

  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    const day = Math.floor(ctx.t_s / DAY_S);
    if (day !== this.day) {
      this.day = day;
      this.sun = rng.range(0.2, 1);
    }
    const hour = (((ctx.t_s % DAY_S) + DAY_S) % DAY_S) / 3600;
    if (hour >= 8 && hour < 17) {
      if (ctx.soc >= this.hi - 0.002) return rest(untilHour(ctx.t_s, 17));
      const pv_C = 0.35 * this.sun * Math.sin((Math.PI * (hour + 0.25 - 8)) / 9);
      return { kind: 'cc', current_A: -Math.max(0.02, pv_C) * q, max_s: Math.min(1800, untilHour(ctx.t_s, 17)), stopSocAbove: this.hi };
    }
    if (hour >= 17 || hour < 7) {
      if (ctx.soc <= this.lo + 0.002) return rest(untilHour(ctx.t_s, 8));
      return { kind: 'cc', current_A: rng.range(0.05, 0.3) * q, max_s: Math.min(1800, untilHour(ctx.t_s, 7)), stopSocBelow: this.lo };
    }
    return rest(untilHour(ctx.t_s, 8));
  }
}
