/**
 * In-memory transports for tests and simulations, scriptable without a device:
 *
 * - `respond(match, replies, { delay_ms })`: when a write matches, deliver the replies (each one
 *   receive chunk, `delay_ms` apart: split a frame into pieces to test reassembly);
 * - `feed(item)` / `feedAfter(delay_ms, item)`: unsolicited data (CAN broadcasts, junk);
 * - `injectReadError(err)`: the next read rejects with that error (code INJECTED by default);
 * - `unplug()` / `replug()`: a disconnect exactly like a real one (listeners, pending read settles
 *   with `TransportClosed` caused by DISCONNECTED); `open()` fails with OPEN_FAILED until `replug()`;
 * - `echo: true`: every write comes back as received data first (CH341 half-duplex adapters).
 *
 * Byte chunks are stamped with the mock's clock when they are delivered; CAN frames keep the
 * `time_ms` they were given. Everything written is kept in `written`. Timers only run while the transport is open, and every
 * scheduled delivery is cancelled by close/unplug, so a test never leaks timers.
 */
import { ChunkQueue, joinChunks } from './chunk-queue.ts';
import { DisconnectListeners } from './disconnect-listeners.ts';
import { TransportClosed, TransportError } from './errors.ts';
import type { ByteChunk, CanFrame, ReadOptions, Transport, Unsubscribe } from './transport.ts';

export interface MockOptions {
  /** Stamp for received items, Unix epoch ms. Default: a counter starting at 0 (no clock read). */
  clock?: () => number;
}

type Match<Out> = Out extends Uint8Array ? Uint8Array | ((w: Out) => boolean) : (w: Out) => boolean;

interface Rule<Out, Item> {
  match: (w: Out) => boolean;
  replies: (w: Out) => Item[];
  delay_ms: number;
  remaining: number;
}

abstract class MockBase<In, Out, Item> implements Transport<In, Out> {
  readonly written: Out[] = [];
  private readonly queue: ChunkQueue<Item>;
  private readonly disconnects = new DisconnectListeners();
  private readonly rules: Rule<Out, Item>[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private pendingError: Error | undefined;
  private plugged = true;
  private open_ = false;
  protected readonly clock: () => number;
  private tick = 0;

  constructor(
    readonly name: string,
    unitsOf: (item: Item) => number,
    options: MockOptions = {},
  ) {
    this.queue = new ChunkQueue<Item>(unitsOf);
    this.queue.close(new TransportClosed(`${name} not open`));
    this.clock = options.clock ?? (() => this.tick++);
  }

  protected abstract combine(items: Item[]): In;
  /** The item stamped with the receive time of its delivery. */
  protected abstract restamp(item: Item): Item;
  protected abstract echoOf(data: Out): Item | undefined;

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (!this.plugged) throw new TransportError('OPEN_FAILED', `${this.name} is unplugged`);
    if (this.open_) return;
    this.open_ = true;
    this.queue.reset();
  }

  async read(options?: ReadOptions): Promise<In> {
    if (this.pendingError && this.open_) {
      const err = this.pendingError;
      this.pendingError = undefined;
      throw err;
    }
    return this.combine(await this.queue.take(options?.timeout_ms));
  }

  async write(data: Out): Promise<void> {
    if (!this.open_) throw new TransportClosed(`${this.name} is closed`);
    this.written.push(data);
    const echo = this.echoOf(data);
    if (echo !== undefined) this.queue.push(echo);
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(data));
    if (!rule) return;
    rule.remaining--;
    rule.replies(data).forEach((item, i) => this.deliverAfter(rule.delay_ms * (i + 1), item));
  }

  async close(): Promise<void> {
    this.stop(new TransportClosed(`${this.name} closed`));
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.disconnects.add(listener);
  }

  /** Script a reply: the first rule whose `match` accepts a write answers it, `times` times. */
  respondWhen(match: (w: Out) => boolean, replies: Item[] | ((w: Out) => Item[]), options: { delay_ms?: number; times?: number } = {}): this {
    this.rules.push({
      match,
      replies: typeof replies === 'function' ? replies : () => replies,
      delay_ms: options.delay_ms ?? 0,
      remaining: options.times ?? Infinity,
    });
    return this;
  }

  /** Deliver an item now (as if it had just arrived). */
  feed(item: Item): void {
    if (this.open_) this.queue.push(this.restamp(item));
  }

  /** Deliver an item after `delay_ms` (cancelled by close or unplug). */
  feedAfter(delay_ms: number, item: Item): void {
    this.deliverAfter(delay_ms, item);
  }

  /** The next read rejects with `err` (default: a TransportError code INJECTED). */
  injectReadError(err: Error = new TransportError('INJECTED', 'injected read error')): void {
    this.pendingError = err;
  }

  /** Pull the cable: closes with DISCONNECTED and refuses to open until `replug()`. */
  unplug(): void {
    this.plugged = false;
    if (!this.open_) return;
    const lost = new TransportError('DISCONNECTED', `${this.name} unplugged`);
    this.stop(new TransportClosed(`${this.name} closed by disconnect`, { cause: lost }));
    this.disconnects.emit(lost);
  }

  replug(): void {
    this.plugged = true;
  }

  protected stamp(): number {
    return this.clock();
  }

  private deliverAfter(delay_ms: number, item: Item): void {
    if (!this.open_) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue.push(this.restamp(item));
    }, delay_ms);
    this.timers.add(timer);
  }

  private stop(reason: TransportClosed): void {
    this.open_ = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.close(reason);
  }
}

export class MockByteTransport extends MockBase<ByteChunk, Uint8Array, ByteChunk> {
  constructor(options: MockOptions & { echo?: boolean; name?: string } = {}) {
    super(options.name ?? 'mock:bytes', (c) => c.bytes.length, options);
    this.echo = options.echo ?? false;
  }

  private readonly echo: boolean;

  protected combine(items: ByteChunk[]): ByteChunk {
    return joinChunks(items);
  }

  protected echoOf(data: Uint8Array): ByteChunk | undefined {
    return this.echo ? { bytes: data.slice(), time_ms: this.stamp() } : undefined;
  }

  protected restamp(item: ByteChunk): ByteChunk {
    return { bytes: item.bytes, time_ms: this.stamp() };
  }

  /** Answer writes equal to `request` (or accepted by a predicate) with these receive chunks. */
  respond(request: Match<Uint8Array>, replies: Uint8Array[], options: { delay_ms?: number; times?: number } = {}): this {
    const match = typeof request === 'function' ? request : (w: Uint8Array) => equalBytes(w, request);
    return this.respondWhen(match, () => replies.map((bytes) => ({ bytes, time_ms: 0 })), options);
  }

  /** Deliver bytes now. */
  feedBytes(bytes: Uint8Array): void {
    this.feed({ bytes, time_ms: 0 });
  }
}

export class MockCanTransport extends MockBase<CanFrame[], CanFrame, CanFrame> {
  constructor(options: MockOptions & { name?: string } = {}) {
    super(options.name ?? 'mock:can', () => 1, options);
  }

  protected combine(items: CanFrame[]): CanFrame[] {
    return items;
  }

  protected echoOf(): undefined {
    return undefined;
  }

  /** CAN frames keep the time they were given (a scripted bus decides its own timeline). */
  protected restamp(item: CanFrame): CanFrame {
    return item;
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
