/**
 * Shapes shared by every decoder in host/protocols.
 *
 * Field naming: decoded `fields` use the interchange names of the bms-edge protocol vectors (copied into test/host/transport/fixtures/bms-vectors.json)
 * (`pack_voltage_v`, `current_a`, `temp1_c`: lower-case unit suffix), so `decode --json` output is
 * directly comparable with the vectors and other tools. Wire sign convention is kept in `fields`:
 * `current_a` is positive = CHARGING, as on the wire. The project's own names and sign
 * (`current_A`, positive = discharge) appear only in `Sample`, built by `toSample` (sample.ts),
 * the one place where the sign is converted.
 */

/** A decoded frame: which protocol, what kind of frame, the fields, and the raw bytes it came from. */
export interface Frame<P extends string, K extends string, F> {
  readonly protocol: P;
  readonly kind: K;
  /** Decoded values, JSON-safe (numbers, strings, booleans, arrays of those). Raw wire values sit beside decoded ones as `*_raw` / `*_hex`. */
  readonly fields: F;
  /** The complete frame as received (start to checksum/end marker). */
  readonly raw: Uint8Array;
}

/** What one `push` of a stream decoder found. */
export interface DecodeResult<F> {
  /** Complete, checksum-verified, decoded frames in stream order. */
  frames: F[];
  /** Bytes discarded as junk by this push (noise, echoes, bytes of checksum-bad frames). */
  skipped_bytes: number;
  /** Candidates with a plausible header whose checksum failed (never decoded). */
  checksum_failures: number;
  /** Checksum-correct frames whose content could not be decoded (too short for their layout...), with why. */
  bad_frames: { raw: Uint8Array; error: import('./errors.ts').DecodeError }[];
  /** Bytes now held for the next push (the start of a frame not complete yet). */
  pending_bytes: number;
  /** Only from flush(): the frame cut off by the end of the stream (not counted in skipped_bytes). */
  trailing_partial?: Uint8Array;
}

/**
 * Incremental decoder of one byte protocol. Feed whatever the port delivered; frames split across
 * pushes are reassembled, junk before/between frames is skipped, and a partial tail is kept.
 * Never throws on any input.
 */
export interface StreamDecoder<F> {
  push(chunk: Uint8Array): DecodeResult<F>;
  /** The bytes held for the next push (copy): a partial frame at the end of the stream. */
  tail(): Uint8Array;
  /**
   * Settles the held bytes as if the stream ended: complete frames after a false start are
   * emitted, the incomplete frame at the end is returned as `trailing_partial` and dropped. Use it
   * after the protocol's inter-byte timeout (JBD 150 ms, Daly ~100 ms, JK 50 ms) or at the end of a
   * capture; the decoder is empty afterwards. A complete frame that ends at the end of what has
   * arrived is never held back: push() returns it from the read that completes it.
   */
  flush(): DecodeResult<F>;
  /** Drops the held bytes without decoding them; returns how many. Prefer flush(). */
  reset(): number;
}

/** JSON-safe scalar or array value of a decoded field. */
export type FieldValue = number | string | boolean | number[] | string[];
