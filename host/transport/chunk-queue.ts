/**
 * The receive queue every transport reads through. Producers `push` whatever arrived; the single
 * consumer `take`s everything queued as one batch, or waits for the next push. This is what makes
 * "a read returns whatever arrived" true and removes per-byte reads: a read costs one promise no
 * matter how many bytes or frames it returns.
 *
 * Invariants: at most one pending `take` (a second rejects with BUSY); `close(reason)` rejects the
 * pending take with `TransportClosed` and discards the queue; items beyond `limit` units drop the
 * oldest and are counted in `dropped` (units: bytes or frames, as the caller measures them).
 */
import { TransportClosed, TransportError } from './errors.ts';

export class ChunkQueue<T> {
  private items: T[] = [];
  private queuedUnits = 0;
  private waiter: { resolve: (items: T[]) => void; reject: (err: Error) => void; timer?: NodeJS.Timeout } | undefined;
  private closedBy: TransportClosed | undefined;
  /** Units discarded because the queue overflowed. */
  dropped = 0;

  constructor(
    private readonly unitsOf: (item: T) => number,
    private readonly limit = 1 << 20,
  ) {}

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** Reopen after close (reconnect). */
  reset(): void {
    this.closedBy = undefined;
    this.items = [];
    this.queuedUnits = 0;
  }

  push(item: T): void {
    if (this.closedBy) return;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      if (w.timer) clearTimeout(w.timer);
      w.resolve([item]);
      return;
    }
    this.items.push(item);
    this.queuedUnits += this.unitsOf(item);
    while (this.queuedUnits > this.limit && this.items.length > 1) {
      const old = this.items.shift() as T;
      const n = this.unitsOf(old);
      this.queuedUnits -= n;
      this.dropped += n;
    }
  }

  /** Everything queued, or the next item to arrive. */
  take(timeout_ms?: number): Promise<T[]> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    if (this.waiter) return Promise.reject(new TransportError('BUSY', 'another read is already pending on this transport'));
    if (this.items.length > 0) {
      const out = this.items;
      this.items = [];
      this.queuedUnits = 0;
      return Promise.resolve(out);
    }
    return new Promise<T[]>((resolve, reject) => {
      const w: { resolve: (items: T[]) => void; reject: (err: Error) => void; timer?: NodeJS.Timeout } = { resolve, reject };
      if (timeout_ms !== undefined) {
        w.timer = setTimeout(() => {
          if (this.waiter !== w) return;
          this.waiter = undefined;
          reject(new TransportError('TIMEOUT', `no data within ${timeout_ms} ms`));
        }, timeout_ms);
      }
      this.waiter = w;
    });
  }

  close(reason: TransportClosed): void {
    if (this.closedBy) return;
    this.closedBy = reason;
    this.items = [];
    this.queuedUnits = 0;
    const w = this.waiter;
    this.waiter = undefined;
    if (w) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(reason);
    }
  }
}

/** Joins byte chunks into one chunk stamped with the time of the last piece. */
export function joinChunks(chunks: { bytes: Uint8Array; time_ms: number }[]): { bytes: Uint8Array; time_ms: number } {
  if (chunks.length === 1) return chunks[0] as { bytes: Uint8Array; time_ms: number };
  let n = 0;
  for (const c of chunks) n += c.bytes.length;
  const bytes = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c.bytes, o);
    o += c.bytes.length;
  }
  return { bytes, time_ms: chunks[chunks.length - 1]?.time_ms ?? 0 };
}
