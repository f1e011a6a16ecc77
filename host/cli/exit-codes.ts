/**
 * Exit codes of every bms-edge command. Scripts and CI branch on these, so they never change meaning.
 */
export const Exit = {
  OK: 0,
  /** A check failed: regression gate, verification, bad frame, accuracy below target. */
  CHECK_FAILED: 1,
  /** The command line was wrong (unknown command or option, missing argument). */
  USAGE: 2,
  /** Input could not be read or parsed (missing file, truncated or malformed data). */
  BAD_INPUT: 3,
  /** A device or port problem (cannot open, unplugged and not recovered). */
  DEVICE: 4,
  /** An internal error: a bug. */
  INTERNAL: 70,
} as const;

/** An error that carries the exit code the CLI should end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
