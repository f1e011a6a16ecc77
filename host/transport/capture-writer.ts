/**
 * Appends capture records (format: `capture-format.ts`) to a file as they happen. Each record is
 * one synchronous append of one line, so a crash never leaves more than the line being written;
 * the file is fdatasync'ed at most every `sync_ms` (default 1000 ms) when something was written,
 * and on close.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { CAPTURE_FORMAT, toHex, type CaptureHeader, type CaptureRecord } from './capture-format.ts';
import { TransportError } from './errors.ts';

export class CaptureWriter {
  private fd: number | undefined;
  private dirty = false;
  private readonly timer: NodeJS.Timeout;
  /** Records written so far (header excluded). */
  records = 0;
  rxBytes = 0;

  constructor(
    readonly path: string,
    header: Omit<CaptureHeader, 'capture'>,
    sync_ms = 1000,
  ) {
    try {
      this.fd = openSync(path, 'a');
    } catch (err) {
      throw new TransportError('BAD_FILE', `cannot open capture file ${path}: ${(err as Error).message}`, { cause: err });
    }
    this.line({ capture: CAPTURE_FORMAT, ...header });
    this.timer = setInterval(() => this.sync(), sync_ms);
    this.timer.unref();
  }

  rx(bytes: Uint8Array, t_ms: number): void {
    this.rxBytes += bytes.length;
    this.record({ t_ms, dir: 'rx', hex: toHex(bytes) });
  }

  tx(bytes: Uint8Array, t_ms: number): void {
    this.record({ t_ms, dir: 'tx', hex: toHex(bytes) });
  }

  event(event: 'connect' | 'disconnect' | 'note', t_ms: number, detail?: string): void {
    this.record(detail === undefined ? { t_ms, event } : { t_ms, event, detail });
  }

  record(r: CaptureRecord): void {
    this.line(r);
    this.records++;
  }

  sync(): void {
    if (this.fd === undefined || !this.dirty) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    clearInterval(this.timer);
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private line(obj: unknown): void {
    if (this.fd === undefined) throw new TransportError('CLOSED', `capture ${this.path} is closed`);
    writeSync(this.fd, JSON.stringify(obj) + '\n');
    this.dirty = true;
  }
}
