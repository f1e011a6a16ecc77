/**
 * Simple profiles: `rest` (open circuit forever), `cc` (CC discharge at a C-rate to the cut-off,
 * rest, CC-CV recharge, rest: a capacity-test loop) and `cccv` (CC-CV charge, then rest).
 */
import { fullCharge, rest, type Command, type Profile, type ProfileContext } from './command.ts';

export class RestProfile implements Profile {
  readonly name = 'rest';
  next(): Command {
    return rest(86400);
  }
}

export class CcCycleProfile implements Profile {
  readonly name = 'cc';
  private phase = 0;
  constructor(readonly dischargeC = 0.5, readonly chargeC = 0.5, readonly rest_s = 3600) {}
  next(ctx: ProfileContext): Command {
    const p = this.phase++ % 4;
    if (p === 0) return { kind: 'cc', current_A: this.dischargeC * ctx.rated_Ah, max_s: 1.2 * 3600 / this.dischargeC, stopSocBelow: 0 };
    if (p === 2) return fullCharge(ctx, this.chargeC);
    return rest(this.rest_s);
  }
}

export class CcCvProfile implements Profile {
  readonly name = 'cccv';
  private charged = false;
  constructor(readonly chargeC = 0.5) {}
  next(ctx: ProfileContext): Command {
    if (this.charged) return rest(86400);
    this.charged = true;
    return fullCharge(ctx, this.chargeC);
  }
}
