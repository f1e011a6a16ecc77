/**
 * A byte transport over a serial device (USB-RS485/UART adapter, CDC-ACM, pty) through the
 * `serialport` package. Any device path works; `/dev/serial/by-id/...` paths survive renumbering.
 *
 * Reads come from serialport's flowing 'data' events (whole OS reads, up to 64 KiB) into a
 * `ChunkQueue`, so a read returns everything that arrived: there is no per-byte read anywhere.
 * The port is opened with an exclusive lock (the binding's flock), so a second owner, in this
 * process or another, fails with PORT_BUSY. A vanished device (EIO, bad file descriptor, ENOENT)
 * closes the transport with DISCONNECTED; `open()` can then be called again to reconnect.
 * The binding does not always notice a hang-up while idle (seen on ptys whose far end dies), so
 * the device path is also checked every `liveness_ms`: a vanished path (USB unplug removes
 * `/dev/ttyUSB0` and its by-id link; a dead socat removes its links) is a disconnect.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { ChunkQueue, joinChunks } from './chunk-queue.ts';
import { DisconnectListeners } from './disconnect-listeners.ts';
import { TransportClosed, TransportError } from './errors.ts';
import type { ByteChunk, ByteTransport, ReadOptions, Unsubscribe } from './transport.ts';

/** errno codes that mean the device is gone. */
const GONE = new Set(['EIO', 'ENXIO', 'EBADF', 'ENODEV', 'ENOENT']);

export interface SerialOptions {
  path: string;
  /** Line rate in bit/s (8N1). Ignored by USB-CDC devices such as CANable. */
  baud: number;
  /** Receive queue bound in bytes (oldest dropped beyond it). Default 1 MiB. */
  queueLimit_bytes?: number;
  /** Wall clock for receive stamps, Unix epoch ms. Default Date.now. */
  clock?: () => number;
  /** Period of the device-path check, ms. Default 200. */
  liveness_ms?: number;
}

export class SerialTransport implements ByteTransport {
  readonly name: string;
  private port: SerialPort | undefined;
  private readonly queue: ChunkQueue<ByteChunk>;
  private readonly disconnects = new DisconnectListeners();
  private readonly clock: () => number;
  private liveness: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialOptions) {
    this.name = `serial:${options.path}@${options.baud}`;
    this.queue = new ChunkQueue<ByteChunk>((c) => c.bytes.length, options.queueLimit_bytes);
    this.clock = options.clock ?? Date.now;
    this.queue.close(new TransportClosed(`${this.name} not open`));
  }

  get isOpen(): boolean {
    return this.port !== undefined;
  }

  /** Bytes dropped because nobody read them in time. */
  get dropped_bytes(): number {
    return this.queue.dropped;
  }

  async open(): Promise<void> {
    if (this.port) return;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baud, autoOpen: false, lock: true });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (!err) return resolve();
        const busy = /lock|busy|temporarily unavailable/i.test(err.message);
        reject(new TransportError(busy ? 'PORT_BUSY' : 'OPEN_FAILED', `cannot open ${this.options.path}: ${err.message}`, { cause: err }));
      });
    });
    this.port = port;
    this.queue.reset();
    port.on('data', (data: Buffer) => {
      this.queue.push({ bytes: new Uint8Array(data.buffer, data.byteOffset, data.length), time_ms: this.clock() });
    });
    // serialport reports errors both as 'error' and through 'close' (with `disconnected`); a
    // listener must exist so an 'error' never becomes an uncaught exception.
    port.on('error', () => undefined);
    this.liveness = setInterval(() => {
      if (existsSync(this.options.path) || this.port !== port) return;
      this.lose(port, Object.assign(new Error(`ENOENT: ${this.options.path} vanished`), { code: 'ENOENT' }));
    }, this.options.liveness_ms ?? 200);
    this.liveness.unref();
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.port !== port) return;
      if (err) return void this.lose(port, err);
      this.port = undefined;
      clearInterval(this.liveness);
      this.queue.close(new TransportClosed(`${this.name} closed`));
    });
  }

  async read(options?: ReadOptions): Promise<ByteChunk> {
    return joinChunks(await this.queue.take(options?.timeout_ms));
  }

  async write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new TransportClosed(`${this.name} is closed`);
    await new Promise<void>((resolve, reject) => {
      // A port that vanishes mid-write may never call back: settle on its close instead.
      const onClose = (): void => reject(new TransportClosed(`${this.name} closed during write`));
      port.once('close', onClose);
      const done = (err?: TransportError): void => {
        port.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      port.write(Buffer.from(data.buffer, data.byteOffset, data.length), (err) => {
        if (err) {
          // EIO / ENXIO / EBADF / ENODEV on write: the device is going away; report the disconnect
          // now rather than a write failure (the read side may notice only later, or never).
          if (GONE.has((err as NodeJS.ErrnoException).code ?? '') && this.port === port) return done(this.lose(port, err));
          return done(new TransportError('WRITE_FAILED', `write to ${this.options.path} failed: ${err.message}`, { cause: err }));
        }
        port.drain((derr) => {
          done(derr ? new TransportError('WRITE_FAILED', `drain on ${this.options.path} failed: ${derr.message}`, { cause: derr }) : undefined);
        });
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    clearInterval(this.liveness);
    this.queue.close(new TransportClosed(`${this.name} closed`));
    if (!port) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /**
   * The device is gone: detach the port, settle reads, tell the listeners (synchronously, so a
   * caller that closes right after still sees the event first), then release the fd.
   */
  private lose(port: SerialPort, err: Error): TransportClosed {
    this.port = undefined;
    clearInterval(this.liveness);
    const lost = new TransportError('DISCONNECTED', `${this.options.path} disconnected: ${err.message}`, { cause: err });
    const closed = new TransportClosed(`${this.name} closed by disconnect`, { cause: lost });
    this.queue.close(closed);
    this.disconnects.emit(lost);
    if (port.isOpen) port.close(() => undefined);
    return closed;
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.disconnects.add(listener);
  }
}
