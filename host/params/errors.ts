/** Typed errors of parameter-block building, checking and signing. */
export type ParamsErrorCode =
  | 'bad-key' // a PEM that is not an Ed25519 private (PKCS#8) or public (SPKI) key
  | 'unknown-field' // --set of a field the parameter block does not have
  | 'bad-value' // a value that is not a finite number, or a block the core would refuse
  | 'bad-signature-file'; // a detached signature that is not 64 bytes

export class ParamsError extends Error {
  constructor(
    message: string,
    readonly code: ParamsErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ParamsError';
  }
}
