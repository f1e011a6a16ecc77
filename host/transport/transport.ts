/**
 * The one interface every way of moving bytes or CAN frames implements: a serial port, SLCAN over a
 * serial port, a candump log file, the replay of a capture, and the in-memory mock.
 *
 * Contract (every implementation keeps it; `test/host/transport/contract.test.ts` checks it):
 *
 * - `read()` resolves with everything that has arrived since the previous read, as one chunk of
 *   whatever size arrived (one OS read, or several coalesced): never one byte per call on purpose.
 *   A byte transport resolves with at least one byte; a CAN transport with at least one frame.
 *   Data that arrives while nobody reads is queued (bounded, see `ChunkQueue`), never dropped
 *   silently: an overflow drops the oldest data and counts it in `stats().dropped`.
 * - One reader at a time: a second `read()` while one is pending rejects with code `BUSY`
 *   (one owner per port; request/response sequencing is the caller's job, see `session/bus.ts`).
 * - `read({ timeout_ms })` rejects with a `TransportError` code `TIMEOUT` when nothing arrived in
 *   time; the transport stays open and no data is lost.
 * - `close()` is idempotent. A read pending at close settles with `TransportClosed`; so does every
 *   later `read()` / `write()`. Queued but unread data is discarded at close.
 * - A disconnect (unplug, far end gone) closes the transport: listeners registered with
 *   `onDisconnect` run once with a `TransportError` code `DISCONNECTED` (cause: the OS error), and
 *   the pending read settles with `TransportClosed` whose `cause` is that error. `open()` may be
 *   called again afterwards to reconnect (implementations that cannot reopen say so).
 * - `write()` resolves when the data has been handed to the OS (serial: after drain); it rejects
 *   with `WRITE_FAILED` (cause kept) or `TransportClosed`.
 * - Every chunk and frame carries `time_ms`, the host wall-clock time (Unix epoch, ms) when it was
 *   received; replay transports give the recorded time, so decoded samples are reproducible.
 */
import type { TransportError } from './errors.ts';

export interface ReadOptions {
  /** Reject with code TIMEOUT when nothing arrives within this many milliseconds. Default: wait. */
  timeout_ms?: number;
}

/** Bytes as they arrived from a byte-stream device. */
export interface ByteChunk {
  bytes: Uint8Array;
  /** Host receive time, Unix epoch milliseconds (may carry fractions). */
  time_ms: number;
}

/** One classic CAN 2.0 frame (CAN-FD is out of scope of these transports). */
export interface CanFrame {
  /** 11-bit or 29-bit identifier. */
  id: number;
  extended: boolean;
  /** Remote transmission request: no data, `dlc` still meaningful. */
  rtr: boolean;
  /** Data length code 0..8 (equals data.length for data frames); up to 64 bytes for CAN FD. */
  dlc: number;
  /** CAN FD frame (from a candump log; SLCAN adapters here carry classic frames only). */
  fd?: boolean;
  data: Uint8Array;
  /** Host receive (or recorded) time, Unix epoch milliseconds. */
  time_ms: number;
  /** Adapter timestamp in ms when the adapter sends one (SLCAN `Z1`: 0..59999, wraps). */
  deviceTime_ms?: number;
  /** Interface name when known (candump `can0`). */
  iface?: string;
}

export type Unsubscribe = () => void;

export interface Transport<In, Out> {
  /** Human-readable identity, e.g. `serial:/dev/ttyUSB0@9600`. */
  readonly name: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  read(options?: ReadOptions): Promise<In>;
  write(data: Out): Promise<void>;
  close(): Promise<void>;
  /** Runs once per disconnect with a `DISCONNECTED` error. Returns a function that unsubscribes. */
  onDisconnect(listener: (err: TransportError) => void): Unsubscribe;
}

/** A transport of raw bytes: serial port, capture replay, byte mock. */
export type ByteTransport = Transport<ByteChunk, Uint8Array>;

/** A transport of CAN frames: SLCAN adapter, candump file, frame mock. */
export type CanTransport = Transport<CanFrame[], CanFrame>;
