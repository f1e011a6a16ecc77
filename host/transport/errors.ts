/**
 * Typed errors of every transport. A transport never throws a bare string or an untyped Error:
 * callers branch on `code`, and the original error (from the OS, the serialport binding or a parser)
 * is kept as `cause`.
 */

/** What went wrong, as a stable machine-readable code. */
export type TransportErrorCode =
  /** The device path could not be opened (missing, permission, not a tty). */
  | 'OPEN_FAILED'
  /** Another process (or another transport in this process) owns the port. */
  | 'PORT_BUSY'
  /** The device vanished while open (USB unplug, pty far end closed, EIO/ENOENT). */
  | 'DISCONNECTED'
  /** No data arrived within the read timeout. The transport stays open. */
  | 'TIMEOUT'
  /** The transport is closed (by `close()` or after a disconnect); see `TransportClosed`. */
  | 'CLOSED'
  /** A write did not reach the OS. */
  | 'WRITE_FAILED'
  /** A second concurrent read on a transport that allows one reader (one owner per port). */
  | 'BUSY'
  /** An SLCAN adapter answered BEL (0x07) to a command, or did not answer in time. */
  | 'ADAPTER_NACK'
  /** A capture or candump file could not be parsed. */
  | 'BAD_FILE'
  /** An error injected by the mock transport (tests). */
  | 'INJECTED';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/**
 * The transport is closed. Every read pending when `close()` runs, and every read or write started
 * afterwards, settles with this error. When the close came from a disconnect, `cause` is the
 * `TransportError` with code `DISCONNECTED`.
 */
export class TransportClosed extends TransportError {
  constructor(message = 'transport closed', options?: { cause?: unknown }) {
    super('CLOSED', message, options);
    this.name = 'TransportClosed';
  }
}

/** True when `err` means "the device went away" (directly or as the cause of a close). */
export function isDisconnect(err: unknown): boolean {
  if (!(err instanceof TransportError)) return false;
  if (err.code === 'DISCONNECTED') return true;
  return err instanceof TransportClosed && err.cause instanceof TransportError && err.cause.code === 'DISCONNECTED';
}
