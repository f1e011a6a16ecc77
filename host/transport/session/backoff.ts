/**
 * Reconnect delays: exponential from `first_ms`, doubling, capped at `cap_ms`. With the defaults
 * (50 ms, cap 800 ms) a device that comes back is found within cap + open time, well inside the
 * 2 s recovery target, and a device that stays away costs at most ~1.25 attempts per second.
 */
export interface BackoffOptions {
  first_ms?: number;
  cap_ms?: number;
}

export class Backoff {
  private attempt = 0;
  private readonly first_ms: number;
  private readonly cap_ms: number;

  constructor(options: BackoffOptions = {}) {
    this.first_ms = options.first_ms ?? 50;
    this.cap_ms = options.cap_ms ?? 800;
    if (!(this.first_ms > 0) || !(this.cap_ms >= this.first_ms)) throw new RangeError('backoff needs 0 < first_ms <= cap_ms');
  }

  /** The delay before the next attempt, ms; each call advances the schedule. */
  next(): number {
    const d = Math.min(this.cap_ms, this.first_ms * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return d;
  }

  /** Back to the first delay (after a successful connect). */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
