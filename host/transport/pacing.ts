/**
 * Replay pacing shared by the capture replay and the candump file reader: deliver item k at
 * (t_k − t_0) / speed after the replay started (`speed: 1` = recorded timing), or at once
 * (`speed: Infinity`, "as fast as possible"). The replay start is the first read, so time spent
 * before the first read does not compress the capture.
 */
export interface PacingOptions {
  /** 1 = recorded timing, 2 = twice as fast, Infinity = as fast as possible. Default Infinity. */
  speed?: number;
  /** Monotonic clock in ms for pacing. Default performance.now. */
  now?: () => number;
}

export class Pacer {
  private startWall: number | undefined;
  private startRec: number | undefined;
  private readonly speed: number;
  private readonly now: () => number;

  constructor(options: PacingOptions = {}) {
    this.speed = options.speed ?? Infinity;
    if (!(this.speed > 0)) throw new RangeError(`replay speed must be > 0, got ${this.speed}`);
    this.now = options.now ?? (() => performance.now());
  }

  /** Milliseconds to wait before delivering an item recorded at `t_ms` (0 = now). */
  delayFor(t_ms: number): number {
    if (this.speed === Infinity) return 0;
    const wall = this.now();
    if (this.startWall === undefined || this.startRec === undefined) {
      this.startWall = wall;
      this.startRec = t_ms;
      return 0;
    }
    const due = this.startWall + (t_ms - this.startRec) / this.speed;
    return Math.max(0, due - wall);
  }
}
