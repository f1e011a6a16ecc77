/**
 * Random partial cycles, as packs see them in use: discharge to a random floor (10-40 % SOC) in
 * blocks of random current (0.1-0.8 C, 5-40 min, with short pauses between some blocks), rest for a
 * random time (log-uniform 5 min - 18 h), recharge to a random ceiling (60-95 %) at 0.2-0.5 C and
 * only now and then (probability `fullChargeProbability` per cycle) all the way with a CC-CV
 * charge, so days pass without a full charge; sometimes the pack idles for days.
 */
import { fullCharge, rest, type Command, type Profile, type ProfileContext } from './command.ts';
import type { Prng } from '../prng.ts';

export const logUniform = (rng: Prng, lo: number, hi: number): number => Math.exp(rng.range(Math.log(lo), Math.log(hi)));

export class PartialCyclesProfile implements Profile {
  readonly name = 'partial';
  private floor = -1;
  private paused = false;
  private queue: Command[] = [];
  constructor(readonly fullChargeProbability = 0.12, readonly idleProbability = 0.04) {}

  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    if (this.queue.length) return this.queue.shift()!;
    if (this.floor < 0) this.floor = rng.range(0.1, 0.4);
    if (ctx.soc > this.floor + 0.005) {
      if (!this.paused && rng.uniform() < 0.3) {
        this.paused = true;
        return rest(rng.range(30, 600));
      }
      this.paused = false;
      return { kind: 'cc', current_A: rng.range(0.1, 0.8) * q, max_s: rng.range(300, 2400), stopSocBelow: this.floor };
    }
    // floor reached: rest, recharge (rarely full), rest, sometimes idle for days
    this.floor = -1;
    this.queue.push(rest(logUniform(rng, 300, 18 * 3600)));
    if (rng.uniform() < this.fullChargeProbability) this.queue.push(fullCharge(ctx, rng.range(0.2, 0.5)));
    else this.queue.push({ kind: 'cc', current_A: -rng.range(0.2, 0.5) * q, max_s: 6 * 3600, stopSocAbove: rng.range(0.6, 0.95) });
    this.queue.push(rest(logUniform(rng, 300, 18 * 3600)));
    if (rng.uniform() < this.idleProbability) this.queue.push(rest(rng.range(1, 3) * 86400));
    return this.queue.shift()!;
  }
}
