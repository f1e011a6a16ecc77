/** Typed errors of the pack simulator. */
export type SimErrorCode = 'bad-config' | 'bad-profile' | 'io' | 'protocol';

export class SimError extends Error {
  constructor(
    message: string,
    readonly code: SimErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SimError';
  }
}
