/**
 * The owner of a polled RS485/UART bus: exactly one `Bus` reads and writes its transport, and
 * requests run strictly one after another (an internal chain), so replies can be attributed to
 * the outstanding request: that is the address routing. Frames that do not belong to the
 * outstanding request (another unit's late reply, a stale frame) are counted as `misrouted` and
 * dropped. Our own bytes echoed by a half-duplex adapter are removed before framing.
 */
import { TransportError } from '../errors.ts';
import type { ByteTransport } from '../transport.ts';
import type { DriverFrame, Framer, PollStep } from './driver.ts';
import { EchoFilter } from './echo-filter.ts';

export interface BusCounters {
  frames: number;
  checksumErrors: number;
  skippedBytes: number;
  misrouted: number;
  undecodable: number;
  timeouts: number;
  echoesSuppressed: number;
  rxBytes: number;
}

export interface RequestResult {
  frames: DriverFrame[];
  timedOut: boolean;
  /** Receive time of the last chunk that contributed, Unix epoch ms (undefined: nothing came). */
  time_ms?: number;
}

export class Bus {
  readonly counters: BusCounters = { frames: 0, checksumErrors: 0, skippedBytes: 0, misrouted: 0, undecodable: 0, timeouts: 0, echoesSuppressed: 0, rxBytes: 0 };
  private readonly echo = new EchoFilter();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: ByteTransport,
    private readonly framer: Framer,
  ) {}

  /** Sends one request and collects its reply frames; serialised with every other request. */
  request(step: PollStep, timeout_ms: number): Promise<RequestResult> {
    const run = this.chain.then(() => this.exchange(step, timeout_ms));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Forget partial frames and pending echoes (after a reconnect). */
  reset(): void {
    this.framer.reset();
    this.echo.disarm();
  }

  private async exchange(step: PollStep, timeout_ms: number): Promise<RequestResult> {
    await this.drainStale();
    this.echo.expect(step.request);
    await this.transport.write(step.request);
    const frames: DriverFrame[] = [];
    let time_ms: number | undefined;
    const start_ms = performance.now();
    for (;;) {
      const remaining_ms = timeout_ms - (performance.now() - start_ms);
      if (remaining_ms <= 0) return this.timedOut(frames, time_ms);
      let chunk;
      try {
        chunk = await this.transport.read({ timeout_ms: remaining_ms });
      } catch (err) {
        if (err instanceof TransportError && err.code === 'TIMEOUT') return this.timedOut(frames, time_ms);
        throw err;
      }
      time_ms = chunk.time_ms;
      for (const f of this.ingest(chunk.bytes)) {
        if (step.accepts(f)) frames.push(f);
        else this.counters.misrouted++;
      }
      if (step.complete(frames)) {
        this.echo.disarm();
        return { frames, timedOut: false, time_ms };
      }
    }
  }

  private timedOut(frames: DriverFrame[], time_ms: number | undefined): RequestResult {
    this.counters.timeouts++;
    this.echo.disarm();
    // A reply cut off by the timeout must not glue onto the next one.
    this.framer.reset();
    return time_ms === undefined ? { frames, timedOut: true } : { frames, timedOut: true, time_ms };
  }

  /** Bytes that arrived between requests belong to no request: frame them and count them. */
  private async drainStale(): Promise<void> {
    for (;;) {
      let chunk;
      try {
        chunk = await this.transport.read({ timeout_ms: 0 });
      } catch (err) {
        if (err instanceof TransportError && err.code === 'TIMEOUT') return;
        throw err;
      }
      this.counters.misrouted += this.ingest(chunk.bytes).length;
    }
  }

  private ingest(bytes: Uint8Array): DriverFrame[] {
    this.counters.rxBytes += bytes.length;
    const before = this.echo.suppressed;
    const out = this.framer.push(this.echo.filter(bytes));
    this.counters.echoesSuppressed += this.echo.suppressed - before;
    this.counters.frames += out.frames.length;
    this.counters.checksumErrors += out.checksumErrors;
    this.counters.skippedBytes += out.skippedBytes;
    this.counters.undecodable += out.undecodable;
    return out.frames;
  }
}
