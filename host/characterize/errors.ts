/** Typed errors of cell characterisation (mapped to exit codes only in the CLI). */
export type CharacterizeErrorCode =
  | 'no-samples' // the time window holds no usable sample
  | 'bad-cell-file' // a cell.json that is not a bms-edge cell parameter file of a known version
  | 'bad-option'; // an option value the fit cannot use

export class CharacterizeError extends Error {
  constructor(
    message: string,
    readonly code: CharacterizeErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CharacterizeError';
  }
}
