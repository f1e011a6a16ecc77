/**
 * A byte transport that plays a capture (`capture-format.ts`) back: each recorded `rx` chunk is one
 * read, with its recorded `time_ms`, at recorded timing or as fast as possible (`Pacer`). Writes
 * are accepted and discarded (the recorded `tx` records are not replayed). A recorded `disconnect`
 * event disconnects the replay exactly like the device did (listeners run, the pending read settles
 * with `TransportClosed`); `open()` then resumes after it, so a consumer's reconnect logic
 * sees the same sequence as it did live. At the end of the capture reads settle with `EndOfData`.
 *
 * Lockstep (default on): a recorded `tx` is a gate. Received data recorded after it is released
 * only once the consumer has written (one write per recorded `tx`), so a polling consumer that
 * sends the same requests gets each reply after its own request, as it did live, and its reads
 * before the request see nothing (a read with a timeout at a closed gate rejects with TIMEOUT at
 * once when replaying as fast as possible). Writes are otherwise discarded.
 */
import { DisconnectListeners } from './disconnect-listeners.ts';
import { TransportClosed, TransportError } from './errors.ts';
import { fromHex, type CaptureRecord, type ParsedCapture } from './capture-format.ts';
import { Pacer, type PacingOptions } from './pacing.ts';
import type { ByteChunk, ByteTransport, ReadOptions, Unsubscribe } from './transport.ts';

/** The replayed data is exhausted. */
export class EndOfData extends TransportClosed {
  constructor(what: string) {
    super(`end of ${what}`);
    this.name = 'EndOfData';
  }
}

export class ReplayTransport implements ByteTransport {
  readonly name: string;
  private next = 0;
  private open_ = false;
  /** Writes not yet matched against recorded `tx` records. */
  private credits = 0;
  private gateWaiter: (() => void) | undefined;
  private readonly lockstep: boolean;
  private readonly asap: boolean;
  private pending: { timer: NodeJS.Timeout | undefined; reject: (e: Error) => void } | undefined;
  private readonly disconnects = new DisconnectListeners();
  private readonly pacer: Pacer;
  private readonly records: CaptureRecord[];
  /** Index of the last rx record or disconnect event: `tx` records after it gate nothing (e.g. the close command an SLCAN adapter was sent). */
  private readonly lastIncoming: number;

  constructor(capture: ParsedCapture, options: PacingOptions & { name?: string; lockstep?: boolean } = {}) {
    this.name = options.name ?? `replay:${capture.header.transport}`;
    this.lockstep = options.lockstep ?? true;
    this.asap = (options.speed ?? Infinity) === Infinity;
    this.records = capture.records;
    this.pacer = new Pacer(options);
    let last = -1;
    this.records.forEach((r, k) => {
      if (('dir' in r && r.dir === 'rx') || ('event' in r && r.event === 'disconnect')) last = k;
    });
    this.lastIncoming = last;
  }

  get isOpen(): boolean {
    return this.open_;
  }

  /** Index of the next record to play (for progress). */
  get position(): number {
    return this.next;
  }

  async open(): Promise<void> {
    if (this.next >= this.records.length) throw new EndOfData('capture');
    this.open_ = true;
    this.credits = 0;
  }

  read(options?: ReadOptions): Promise<ByteChunk> {
    if (!this.open_) return Promise.reject(this.next >= this.records.length ? new EndOfData('capture') : new TransportClosed(`${this.name} is closed`));
    if (this.pending) return Promise.reject(new TransportError('BUSY', 'another read is already pending on this transport'));
    if (!this.advance()) {
      const timeout = options?.timeout_ms;
      if (timeout !== undefined && (this.asap || timeout === 0)) return Promise.reject(new TransportError('TIMEOUT', 'replay waits for the recorded request'));
      return new Promise<ByteChunk>((resolve, reject) => {
        const timer = timeout === undefined ? undefined : setTimeout(() => {
          this.pending = undefined;
          this.gateWaiter = undefined;
          reject(new TransportError('TIMEOUT', `no data within ${timeout} ms`));
        }, timeout);
        this.pending = { timer, reject };
        this.gateWaiter = () => {
          clearTimeout(timer);
          this.pending = undefined;
          this.gateWaiter = undefined;
          this.read(options).then(resolve, reject);
        };
      });
    }
    const r = this.records[this.next];
    if (r === undefined) {
      this.open_ = false;
      return Promise.reject(new EndOfData('capture'));
    }
    const delay = this.pacer.delayFor(r.t_ms);
    const timeout = options?.timeout_ms;
    return new Promise<ByteChunk>((resolve, reject) => {
      const deliver = (): void => {
        this.pending = undefined;
        this.next++;
        if ('event' in r) {
          this.open_ = false;
          const lost = new TransportError('DISCONNECTED', `recorded disconnect: ${r.detail ?? ''}`);
          reject(new TransportClosed(`${this.name} closed by recorded disconnect`, { cause: lost }));
          this.disconnects.emit(lost);
          return;
        }
        resolve({ bytes: fromHex((r as { hex: string }).hex), time_ms: r.t_ms });
      };
      if (timeout !== undefined && delay > timeout) {
        const timer = setTimeout(() => {
          this.pending = undefined;
          reject(new TransportError('TIMEOUT', `no data within ${timeout} ms`));
        }, timeout);
        this.pending = { timer, reject };
        return;
      }
      if (delay === 0) return deliver();
      this.pending = { timer: setTimeout(deliver, delay), reject };
    });
  }

  async write(_data: Uint8Array): Promise<void> {
    if (!this.open_) throw new TransportClosed(`${this.name} is closed`);
    this.credits++;
    this.gateWaiter?.();
  }

  /**
   * Moves `next` to the next rx record or disconnect event (or the end), passing `tx` gates with
   * write credits. False when stopped at a closed gate.
   */
  private advance(): boolean {
    while (this.next < this.records.length) {
      const r = this.records[this.next] as CaptureRecord;
      if ('dir' in r && r.dir === 'rx') return true;
      if ('event' in r && r.event === 'disconnect') return true;
      if (this.next > this.lastIncoming) break; // only requests left: nothing more will ever arrive
      if ('dir' in r && r.dir === 'tx' && this.lockstep) {
        if (this.credits === 0) return false;
        this.credits--;
      }
      this.next++;
    }
    if (this.next > this.lastIncoming) this.next = this.records.length;
    return true;
  }

  async close(): Promise<void> {
    this.open_ = false;
    const p = this.pending;
    this.pending = undefined;
    this.gateWaiter = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(new TransportClosed(`${this.name} closed`));
    }
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.disconnects.add(listener);
  }
}
