/**
 * What a byte protocol tells the generic stream framer (`StreamFramer`) about its frames.
 * Every method is pure and must not throw for any index inside the buffer: the framer calls
 * them on arbitrary junk.
 */
export interface FrameSpec {
  /** Protocol name, for messages. */
  readonly name: string;
  /** Bytes needed from the start byte before `frameLength` can judge the header (>= 1). */
  readonly headerLength: number;
  /** Upper bound of a frame's total length; bounds the bytes the framer holds for one candidate. */
  readonly maxFrameLength: number;
  /**
   * Optional: the byte values a frame can start with (one or two). When given, `couldStart` must be
   * false wherever buf[i] is none of them; the framer then skips to the next such byte in a tight
   * loop instead of asking `couldStart` (an indirect call) at every position.
   */
  readonly startBytes?: readonly number[];
  /**
   * True when the bytes buf[i .. i+avail) (avail may be < headerLength) could be the beginning of a
   * frame. Called for every byte position, so keep it cheap.
   */
  couldStart(buf: Uint8Array, i: number, avail: number): boolean;
  /**
   * Total length in bytes of the frame starting at buf[i], given at least headerLength bytes there,
   * or -1 when the header is impossible (wrong fixed byte, length out of range, unknown type).
   */
  frameLength(buf: Uint8Array, i: number): number;
  /** Verifies a complete candidate of `len` bytes at buf[i]: 'ok', or why it is rejected. */
  verify(buf: Uint8Array, i: number, len: number): 'ok' | 'checksum' | 'bad-format';
  /** Optional detail for a rejected whole frame (expected vs received checksum), for messages. */
  explain?(buf: Uint8Array, len: number): string;
}
