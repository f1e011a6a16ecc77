/**
 * Random-walk load, after the NASA PCoE randomized battery usage data set (random current steps of
 * 5 min, partial recharges): discharge in 5-min steps of random current 0.5-2.5 C (now and then a
 * pause of 1-10 min) down to a random floor (10-35 % SOC), rest 10-60 min, a partial charge at
 * 0.5-0.9 C to a random ceiling (60-95 %), then idle for 1-12 h (log-uniform).
 */
import { rest, type Command, type Profile, type ProfileContext } from './command.ts';
import { logUniform } from './partial.ts';

export class RandomWalkProfile implements Profile {
  readonly name = 'random-walk';
  private floor = -1;
  private readonly queue: Command[] = [];

  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    if (this.queue.length) return this.queue.shift()!;
    if (this.floor < 0) this.floor = rng.range(0.1, 0.35);
    if (ctx.soc > this.floor + 0.005) {
      if (rng.uniform() < 0.15) return rest(rng.range(60, 600));
      return { kind: 'cc', current_A: rng.range(0.5, 2.5) * q, max_s: 300, stopSocBelow: this.floor };
    }
    this.floor = -1;
    this.queue.push(
      { kind: 'cc', current_A: -rng.range(0.5, 0.9) * q, max_s: 3 * 3600, stopSocAbove: rng.range(0.6, 0.95) },
      rest(logUniform(rng, 3600, 12 * 3600)),
    );
    return rest(rng.range(600, 3600));
  }
}
