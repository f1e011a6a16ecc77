/**
 * Typed errors of the flash model and the flash log. A `PowerCutError` is not a bug: it is the
 * injected loss of power, after which the device refuses every operation until `powerOn()`.
 */

export type FlashErrorCode =
  | 'bad-geometry' // block size / program unit not powers of two, or not consistent
  | 'misaligned' // program address or length not a multiple of the program unit
  | 'out-of-range' // address or block index outside the device
  | 'set-bit' // programming would turn a 0 bit back into 1 (only erase can)
  | 'reprogram' // a program unit that is no longer erased was programmed again
  | 'powered-off' // an operation after a power cut, before powerOn()
  | 'read-only'; // program or erase on a dump

export class FlashError extends Error {
  constructor(
    message: string,
    readonly code: FlashErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FlashError';
  }
}

/** Power was lost `atByte` bytes into the device's byte budget, during a program or an erase. */
export class PowerCutError extends Error {
  readonly code = 'power-cut';
  constructor(
    readonly during: 'program' | 'erase',
    readonly offset: number,
  ) {
    super(`power cut during ${during} at device offset ${offset}`);
    this.name = 'PowerCutError';
  }
}

export type FlashLogErrorCode =
  | 'bad-record' // an appended record is not 32 bytes or its own CRC does not verify
  | 'bad-dump' // a dump whose length or headers do not describe a flash log
  | 'no-space' // every slot of the ring is unusable (cannot happen with >= 2 healthy blocks)
  | 'sequence-exhausted'; // the 32-bit log sequence would wrap

export class FlashLogError extends Error {
  constructor(
    message: string,
    readonly code: FlashLogErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FlashLogError';
  }
}
