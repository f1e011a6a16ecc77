/**
 * The one error type every decoder throws. `code` says what is wrong with the input so a caller
 * (the `decode` command, a monitor) can report it or count it without parsing messages.
 */
export type DecodeErrorCode =
  /** The frame's checksum or CRC does not match its bytes. */
  | 'checksum'
  /** Too few or too many bytes for what the header or the layout says. */
  | 'length'
  /** A well-framed frame whose command / register / data id / frame type this decoder does not know. */
  | 'unknown-command'
  /** Start or end marker missing, fixed byte wrong, text not hex, a line that is not the format. */
  | 'bad-format'
  /** An option value the decoder cannot use (unknown variant, cell count out of range). */
  | 'bad-option';

export class DecodeError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DecodeError';
  }
}
