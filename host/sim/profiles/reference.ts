/**
 * Reference capacity tests inserted into any profile every `every_s` (the first at the start, a
 * commissioning test): rest 3 h (the pack cools: two thermal time constants), CC-CV full charge at
 * 0.5 C, rest 1 h, constant-current discharge at `rate_C` until the mean cell reaches the pack's
 * discharge cut-off (the measured capacity, simulation.ts ReferenceMeasurement; counted only when
 * the charge before it ended by its taper), rest 1 h, recharge at 0.5 C to `resumeSoc`, and the
 * profile goes on. The default rate is 0.2 C: rated capacity per IEC 61960-3 (0.2 It to the
 * end-of-discharge voltage). The test runs at the ambient of the day, so what it measures is the
 * capacity the pack delivers under its present conditions.
 */
import { fullCharge, rest, type Command, type Profile, type ProfileContext } from './command.ts';

export class WithReferenceTests implements Profile {
  readonly name: string;
  private due_s = 0;
  private readonly queue: Command[] = [];

  constructor(readonly inner: Profile, readonly every_s: number, readonly rate_C = 0.2, readonly resumeSoc = 0.5) {
    this.name = inner.name;
  }

  next(ctx: ProfileContext): Command {
    if (this.queue.length) return this.queue.shift()!;
    if (ctx.t_s < this.due_s) return this.inner.next(ctx);
    while (this.due_s <= ctx.t_s) this.due_s += this.every_s;
    const q = ctx.rated_Ah;
    this.queue.push(
      fullCharge(ctx, 0.5),
      rest(3600),
      { kind: 'cc', current_A: this.rate_C * q, max_s: (1.5 * 3600) / this.rate_C, stopCellVBelow: ctx.cellCutoff_V, reference: true },
      rest(3600),
      { kind: 'cc', current_A: -0.5 * q, max_s: 4 * 3600, stopSocAbove: this.resumeSoc },
    );
    return rest(3 * 3600);
  }
}
