/**
 * A CAN transport over an SLCAN (Lawicel ASCII) adapter on a byte transport (normally a
 * `SerialTransport`; a capture replay works the same way).
 *
 * open(): opens the byte transport, then sends `C` (close, in case the adapter was left open),
 * `S<n>` (bit rate), `Z1` (adapter timestamps, when asked) and `O` (or `L`, listen-only), one
 * command per write, waiting for each answer before the next: UCCB-style firmware handles only the
 * first command of a USB packet. Answers vary by firmware (CR, BEL, `z`/`Z`, or nothing at all on
 * canable2): CR or no answer within `ack_ms` counts as accepted, BEL as refused. A refused `C`
 * or `Z1` is tolerated (already closed; no timestamp support); a refused `S`/`O` fails the open
 * with ADAPTER_NACK.
 *
 * read() returns every frame parsed from what the adapter sent since the last read (one byte
 * transport read, whatever its size, so many frames per read). Lines are decoded by the protocols'
 * `slcanLineToCanFrame`; lines that are not classic frames (replies, junk, CAN-FD) are counted in
 * `stats`, never thrown. write(frame) sends one `t`/`T`/`r`/`R` line per write.
 */
import { DisconnectListeners } from './disconnect-listeners.ts';
import { TransportClosed, TransportError } from './errors.ts';
import { DecodeError, slcanLineToCanFrame } from '../protocols/index.ts';
import { bitrateCommand, encodeFrameLine, SlcanLineSplitter } from './slcan-codec.ts';
import type { ByteTransport, CanFrame, CanTransport, ReadOptions, Unsubscribe } from './transport.ts';

export interface SlcanOptions {
  /** CAN bit rate, bit/s (S0..S8 table). Default 500 kbit/s (Pylontech / SMA LV CAN). */
  bitrate_bps?: number;
  /** Ask the adapter for `Z1` timestamps. Default true. */
  timestamps?: boolean;
  /** Open listen-only (`L`) instead of normal (`O`): the adapter never acks or transmits. */
  listenOnly?: boolean;
  /** How long to wait for a command answer before taking silence as "accepted". Default 100 ms. */
  ack_ms?: number;
}

export interface SlcanStats {
  frames: number;
  /** BEL replies received outside a command (e.g. refused transmits). */
  errors: number;
  /** `z` / `Z` transmit acknowledgements. */
  txAcks: number;
  /** Lines that were neither frames nor known replies (junk, other replies). */
  otherLines: number;
  /** Bytes received from the adapter (frames, replies and junk alike). */
  rxBytes: number;
}

type Answer = 'ok' | 'error' | 'silent';

export class SlcanTransport implements CanTransport {
  readonly name: string;
  readonly stats: SlcanStats = { frames: 0, errors: 0, txAcks: 0, otherLines: 0, rxBytes: 0 };
  private readonly splitter = new SlcanLineSplitter();
  private readonly options: Required<SlcanOptions>;
  private readonly disconnects = new DisconnectListeners();
  private open_ = false;
  private frames: CanFrame[] = [];
  private answer: ((a: Answer) => void) | undefined;
  private reading = false;

  constructor(
    private readonly port: ByteTransport,
    options: SlcanOptions = {},
  ) {
    this.options = { bitrate_bps: 500_000, timestamps: true, listenOnly: false, ack_ms: 100, ...options };
    this.name = `slcan:${port.name}`;
    port.onDisconnect((err) => {
      this.open_ = false;
      this.disconnects.emit(err);
    });
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (this.open_) return;
    await this.port.open();
    this.splitter.reset();
    this.frames = [];
    const o = this.options;
    await this.command('C');
    const s = await this.command(bitrateCommand(o.bitrate_bps));
    if (s === 'error') throw await this.fail(`adapter refused bit rate ${o.bitrate_bps} bit/s`);
    if (o.timestamps) await this.command('Z1');
    const op = await this.command(o.listenOnly ? 'L' : 'O');
    if (op === 'error') throw await this.fail('adapter refused to open the CAN channel');
    this.open_ = true;
  }

  async read(options?: ReadOptions): Promise<CanFrame[]> {
    if (this.reading) throw new TransportError('BUSY', 'another read is already pending on this transport');
    this.reading = true;
    try {
      while (this.frames.length === 0) {
        if (!this.open_) throw new TransportClosed(`${this.name} is closed`);
        this.consume(await this.port.read(options));
      }
      const out = this.frames;
      this.frames = [];
      return out;
    } finally {
      this.reading = false;
    }
  }

  async write(frame: CanFrame): Promise<void> {
    if (!this.open_) throw new TransportClosed(`${this.name} is closed`);
    if (this.options.listenOnly) throw new TransportError('WRITE_FAILED', 'the adapter is open listen-only');
    await this.port.write(Buffer.from(encodeFrameLine(frame), 'latin1'));
  }

  async close(): Promise<void> {
    if (this.open_) {
      this.open_ = false;
      await this.port.write(Buffer.from('C\r', 'latin1')).catch(() => undefined);
    }
    await this.port.close();
  }

  onDisconnect(listener: (err: TransportError) => void): Unsubscribe {
    return this.disconnects.add(listener);
  }

  private async fail(message: string): Promise<TransportError> {
    await this.port.close();
    return new TransportError('ADAPTER_NACK', message);
  }

  /** Sends one command line and waits for its answer (frames that arrive meanwhile are kept). */
  private async command(cmd: string): Promise<Answer> {
    await this.port.write(Buffer.from(`${cmd}\r`, 'latin1'));
    let result: Answer | undefined;
    this.answer = (a) => (result ??= a);
    // The deadline is overall: a busy bus (adapter left open) must not keep the wait alive.
    const start_ms = performance.now();
    try {
      while (result === undefined) {
        const remaining_ms = this.options.ack_ms - (performance.now() - start_ms);
        if (remaining_ms <= 0) return 'silent';
        let chunk;
        try {
          chunk = await this.port.read({ timeout_ms: remaining_ms });
        } catch (err) {
          if (err instanceof TransportError && err.code === 'TIMEOUT') return 'silent';
          throw err;
        }
        this.consume(chunk);
      }
      return result;
    } finally {
      this.answer = undefined;
    }
  }

  /** A classic frame line as a CanFrame; undefined for replies, junk and CAN-FD lines. */
  private frameOf(line: string, time_ms: number): CanFrame | undefined {
    let f;
    try {
      f = slcanLineToCanFrame(line);
    } catch (err) {
      if (err instanceof DecodeError) return undefined;
      throw err;
    }
    if (f.fd) return undefined;
    const frame: CanFrame = { id: f.id, extended: f.extended, rtr: f.rtr, dlc: f.dlc, data: f.data, time_ms };
    if (f.timestamp_ms !== undefined) frame.deviceTime_ms = f.timestamp_ms;
    return frame;
  }

  private consume(chunk: { bytes: Uint8Array; time_ms: number }): void {
    this.stats.rxBytes += chunk.bytes.length;
    for (const tok of this.splitter.push(chunk.bytes)) {
      if (tok.kind === 'ok' || tok.kind === 'error') {
        if (this.answer) this.answer(tok.kind);
        else if (tok.kind === 'error') this.stats.errors++;
        continue;
      }
      if (tok.line === 'z' || tok.line === 'Z') {
        this.stats.txAcks++;
        continue;
      }
      const frame = this.frameOf(tok.line, chunk.time_ms);
      if (frame) {
        this.stats.frames++;
        this.frames.push(frame);
      } else {
        this.stats.otherLines++;
        if (this.answer) this.answer('ok');
      }
    }
  }
}
