/**
 * Strict SOC-window cycling (`--soc-window 0.2-0.8`): discharge in blocks of random current
 * (0.1-0.6 C, 10-60 min) down to the window's floor, rest (log-uniform 10 min - 6 h), charge at
 * 0.1-0.5 C up to its ceiling, rest, and again. The pack never sees a full charge or an empty
 * cut-off outside the reference tests (profiles/reference.ts).
 */
import { rest, type Command, type Profile, type ProfileContext } from './command.ts';
import { logUniform } from './partial.ts';

export class WindowProfile implements Profile {
  readonly name = 'window';
  private down = true;
  private readonly queue: Command[] = [];

  constructor(readonly lo = 0.2, readonly hi = 0.8) {}

  next(ctx: ProfileContext): Command {
    const rng = ctx.rng, q = ctx.rated_Ah;
    if (this.queue.length) return this.queue.shift()!;
    if (this.down && ctx.soc > this.lo + 0.002) {
      return { kind: 'cc', current_A: rng.range(0.1, 0.6) * q, max_s: rng.range(600, 3600), stopSocBelow: this.lo };
    }
    if (this.down) {
      this.down = false;
      this.queue.push({ kind: 'cc', current_A: -rng.range(0.1, 0.5) * q, max_s: 12 * 3600, stopSocAbove: this.hi });
      return rest(logUniform(rng, 600, 6 * 3600));
    }
    this.down = true;
    return rest(logUniform(rng, 600, 6 * 3600));
  }
}
