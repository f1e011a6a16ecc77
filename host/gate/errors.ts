/** Typed errors of the regression gate; the CLI maps each code to an exit code. */
export type GateErrorCode =
  | 'not-found' // an input path or the golden file does not exist
  | 'no-recordings' // a folder or glob held no recording
  | 'duplicate-key' // two recordings would share one name in the golden file
  | 'bad-golden' // the golden file is not a bms-edge golden file
  | 'bad-tolerance' // the tolerance file is malformed
  | 'bad-param' // a --param override names no field or has no numeric value
  | 'bad-shard' // --shard is not k/n with 1 <= k <= n, or is combined with --write-golden
  | 'bad-junit' // a JUnit file given to `gate merge` is unreadable or not a gate shard's
  | 'write-failed'; // the golden file could not be written

export class GateError extends Error {
  constructor(
    message: string,
    readonly code: GateErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GateError';
  }
}
