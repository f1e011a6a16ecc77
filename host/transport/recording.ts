/**
 * Wraps a byte transport and writes everything through it into a capture: each chunk a read
 * returns (`rx`, with its receive time), each write (`tx`), and each connect / disconnect. The
 * wrapper is transparent: same reads, same errors, same events.
 *
 * What is recorded is what the reader took, which is everything received as long as the owner
 * keeps reading (the monitor always has a read pending or is about to). Bytes still queued when
 * the transport closes are discarded by the Transport contract and so are not in the capture.
 */
import type { CaptureWriter } from './capture-writer.ts';
import { isDisconnect, type TransportError } from './errors.ts';
import type { ByteChunk, ByteTransport, ReadOptions, Unsubscribe } from './transport.ts';

export class RecordingTransport implements ByteTransport {
  readonly name: string;

  constructor(
    private readonly inner: ByteTransport,
    private readonly capture: CaptureWriter,
    private readonly clock: () => number = Date.now,
  ) {
    this.name = inner.name;
    inner.onDisconnect((err) => capture.event('disconnect', clock(), err.message));
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  async open(): Promise<void> {
    await this.inner.open();
    this.capture.event('connect', this.clock(), this.inner.name);
  }

  async read(options?: ReadOptions): Promise<ByteChunk> {
    const chunk = await this.inner.read(options);
    this.capture.rx(chunk.bytes, chunk.time_ms);
    return chunk;
  }

  async write(data: Uint8Array): Promise<void> {
    // Recorded after it succeeded: a replay counts writes against `tx` records (see replay.ts),
    // so a write that never reached the device must not appear as one.
    const t_ms = this.clock();
    try {
      await this.inner.write(data);
    } catch (err) {
      if (!isDisconnect(err)) this.capture.event('note', this.clock(), `write failed: ${(err as Error).message}`);
      throw err;
    }
    this.capture.tx(data, t_ms);
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.inner.onDisconnect(listener);
  }
}
