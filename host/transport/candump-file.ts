/**
 * candump log files as CAN transports. `CandumpFileTransport` reads a log and plays its frames
 * back with their recorded timestamps, at recorded timing or as fast as possible (`Pacer`); each
 * read returns the frame of one log line (candump writes one frame per line, as it arrived).
 * Every candump format is read (see candump-codec.ts); CAN FD frames are carried, error frames
 * and junk lines are skipped and counted in `skippedLines`. Times: a log whose time column goes
 * backwards and is not an epoch time is `candump -td` (seconds since the previous frame) and is
 * summed into times from 0; a log without times plays every frame at time 0.
 * Writes append to `written` (the file is read-only). `CandumpWriter` appends frames to a log.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { candumpFrameOf, candumpTimeOf, formatCandumpLine } from './candump-codec.ts';
import { DisconnectListeners } from './disconnect-listeners.ts';
import { TransportClosed, TransportError } from './errors.ts';
import { Pacer, type PacingOptions } from './pacing.ts';
import { EndOfData } from './replay.ts';
import type { CanFrame, CanTransport, ReadOptions, Unsubscribe } from './transport.ts';

export class CandumpFileTransport implements CanTransport {
  readonly name: string;
  readonly written: CanFrame[] = [];
  readonly frames: CanFrame[] = [];
  skippedLines = 0;
  private next = 0;
  private open_ = false;
  private pending: { timer: NodeJS.Timeout; reject: (e: Error) => void } | undefined;
  private readonly pacer: Pacer;
  private readonly disconnects = new DisconnectListeners();

  constructor(
    private readonly path: string,
    options: PacingOptions = {},
  ) {
    this.name = `candump:${path}`;
    this.pacer = new Pacer(options);
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (this.open_) return;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      throw new TransportError('OPEN_FAILED', `cannot read candump log ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    this.frames.length = 0;
    this.skippedLines = 0;
    const times: number[] = []; // every parseable line's time column, error frames included (their -td delta counts)
    const framesAt: (CanFrame | undefined)[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const f = candumpFrameOf(line);
      const t = candumpTimeOf(line);
      if (t !== undefined) { times.push(t); framesAt.push(f); }
      if (f) this.frames.push(f);
      else this.skippedLines++;
    }
    if (isDeltaLog(times)) {
      let t_ms = 0;
      times.forEach((dt, k) => { t_ms += dt; const f = framesAt[k]; if (f) f.time_ms = t_ms; });
    }
    this.next = 0;
    this.open_ = true;
  }

  read(options?: ReadOptions): Promise<CanFrame[]> {
    if (!this.open_) return Promise.reject(new TransportClosed(`${this.name} is closed`));
    if (this.pending) return Promise.reject(new TransportError('BUSY', 'another read is already pending on this transport'));
    const f = this.frames[this.next];
    if (!f) return Promise.reject(new EndOfData('candump log'));
    const delay = this.pacer.delayFor(f.time_ms);
    if (delay === 0) {
      this.next++;
      return Promise.resolve([f]);
    }
    const timeout = options?.timeout_ms;
    return new Promise<CanFrame[]>((resolve, reject) => {
      const late = timeout !== undefined && delay > timeout;
      const timer = setTimeout(
        () => {
          this.pending = undefined;
          if (late) return reject(new TransportError('TIMEOUT', `no data within ${timeout} ms`));
          this.next++;
          resolve([f]);
        },
        late ? timeout : delay,
      );
      this.pending = { timer, reject };
    });
  }

  async write(frame: CanFrame): Promise<void> {
    if (!this.open_) throw new TransportClosed(`${this.name} is closed`);
    this.written.push(frame);
  }

  async close(): Promise<void> {
    this.open_ = false;
    const p = this.pending;
    this.pending = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(new TransportClosed(`${this.name} closed`));
    }
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.disconnects.add(listener);
  }
}

/** Seconds below which a time column is no epoch time (about 11.6 days): -td deltas and -tz offsets. */
const NOT_EPOCH_S = 1e6;

/** `candump -td`: the times go backwards somewhere although none is an epoch time (-ta / -L only grow; -tz grows from 0). */
export function isDeltaLog(times_ms: readonly number[]): boolean {
  let decreasing = false;
  for (let k = 0; k < times_ms.length; k++) {
    const t = times_ms[k]!;
    if (t / 1000 >= NOT_EPOCH_S) return false;
    if (k > 0 && t < times_ms[k - 1]!) decreasing = true;
  }
  return decreasing;
}

/** Appends frames to a candump -L log, one synchronous line per frame (crash-safe like captures). */
export class CandumpWriter {
  constructor(
    readonly path: string,
    private readonly iface = 'can0',
  ) {}

  write(frame: CanFrame): void {
    appendFileSync(this.path, formatCandumpLine(frame, frame.iface ?? this.iface) + '\n');
  }
}
