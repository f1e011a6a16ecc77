/**
 * Errors of the twin layer. `code` is stable and machine-readable:
 * - WASM_MISSING: build/twin.wasm absent and could not be built.
 * - WASM_STATUS: the core rejected an argument (status code in the message).
 * - BAD_SCENARIO: a scenario name is unknown or a scenario file is malformed or out of range.
 * - BAD_HISTORY: a recording has too few capacity measurements to calibrate, or cannot be read.
 */
export type TwinErrorCode = 'WASM_MISSING' | 'WASM_STATUS' | 'BAD_SCENARIO' | 'BAD_HISTORY';

export class TwinError extends Error {
  constructor(
    readonly code: TwinErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TwinError';
  }
}
