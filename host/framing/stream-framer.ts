/**
 * Generic resynchronising stream framer: bytes in (any chunking), complete verified frames out.
 *
 * Invariants (the fuzz tests in test/host/framing and test/host/protocols prove them):
 * - A frame is emitted only after `spec.verify` said 'ok' (checksum / CRC / end marker checked).
 * - Any byte sequence is accepted without throwing; the held tail never exceeds
 *   `spec.maxFrameLength - 1` bytes plus the newest chunk, and it is re-scanned, never dropped,
 *   until it proves to be junk.
 * - Resynchronisation: a rejected candidate (bad header, bad checksum) skips ONE byte, so a valid
 *   frame starting inside a corrupt one is still found. A candidate that is not complete yet is
 *   held, unless a complete valid frame starts after it inside the held bytes, in which case the
 *   candidate was junk or truncated and is skipped (so a false start byte never delays frames).
 * - Overlap rule: a verified candidate that contains the start of another complete verified frame
 *   is dropped in favour of the later one. Short checksums collide (1 in 256 for an 8-bit sum): a
 *   truncated frame plus the first bytes of the next one can "verify"; the later frame is the real
 *   one far more often than a real frame hides a valid frame inside its own bytes. While such an
 *   inner candidate is still incomplete and bytes have already arrived after the outer frame, the
 *   outer one is held (not emitted yet); when the outer frame ends exactly at the end of what has
 *   arrived it is emitted at once, so a polled reply comes out of the push that completes it even
 *   if its last bytes look like a start. The price: when a read boundary falls exactly at the end
 *   of such a collision, the real frame behind it is lost (fuzzing measures how rarely).
 * - Counting: `skipped_bytes` = bytes discarded as not belonging to any frame (including the bytes
 *   of checksum-bad frames); `checksum_failures` = candidates with a valid header whose checksum
 *   did not match (each counted once, at its first byte).
 * - The output frames are copies (they do not alias the caller's chunk).
 */
import { concat } from './bytes.ts';
import type { FrameSpec } from './frame-spec.ts';

export interface RawFramingResult {
  /** Complete verified frames, in stream order. */
  frames: Uint8Array[];
  skipped_bytes: number;
  checksum_failures: number;
  /** flush() only: the bytes from the last incomplete candidate on (a frame cut off by the end of the stream); not counted in skipped_bytes. */
  trailing_partial?: Uint8Array;
}

export class StreamFramer {
  private buf: Uint8Array = new Uint8Array(0);
  /**
   * When the held bytes start with an incomplete candidate: positions 1 .. settled−1 after it were
   * already found to be junk for good (no start byte, impossible header, or complete with a bad
   * checksum), so the look-ahead of the next push starts at `settled`. Keeps byte-by-byte feeding
   * linear instead of rescanning the whole held frame on every byte.
   */
  private settled = 0;

  constructor(readonly spec: FrameSpec) {}

  /** Bytes held for the next push (a possible frame start and what followed it). A copy. */
  tail(): Uint8Array {
    return this.buf.slice();
  }

  /** How many bytes are held (no copy). */
  get heldLength(): number {
    return this.buf.length;
  }

  /** Drops the held bytes (a caller's inter-byte timeout); returns how many were dropped. */
  reset(): number {
    const n = this.buf.length;
    this.buf = new Uint8Array(0);
    this.settled = 0;
    return n;
  }

  /** Frames everything held as if the stream ended here: incomplete candidates become skipped bytes, held frames are emitted. */
  flush(): RawFramingResult {
    return this.scan(new Uint8Array(0), true);
  }

  push(chunk: Uint8Array): RawFramingResult {
    return this.scan(chunk, false);
  }

  private scan(chunk: Uint8Array, final: boolean): RawFramingResult {
    const buf = concat(this.buf, chunk);
    const out: RawFramingResult = { frames: [], skipped_bytes: 0, checksum_failures: 0 };
    const n = buf.length;
    let i = 0;
    let holdAt = -1;
    let partialStart = -1;
    let nextSettled = 0;
    while (i < n) {
      const r = this.tryAt(buf, i, n);
      if (r.kind === 'frame') {
        const inner = this.innerFrame(buf, i, r.len, n, final);
        if (inner === 'wait') {
          holdAt = i;
          break;
        }
        partialStart = -1;
        if (inner > 0) {
          out.skipped_bytes += inner - i;
          i = inner;
          continue;
        }
        out.frames.push(buf.slice(i, i + r.len));
        i += r.len;
        continue;
      }
      if (r.kind === 'incomplete' && final && partialStart < 0) partialStart = i;
      if (r.kind === 'incomplete' && !final) {
        const from = i === 0 && this.settled > 1 ? this.settled : i + 1;
        const { frameAt: j, unsettled } = this.nextCompleteFrame(buf, from, n);
        if (j < 0) {
          holdAt = i;
          nextSettled = unsettled - i;
          break;
        }
        out.skipped_bytes += j - i;
        i = j;
        continue;
      }
      if (r.kind === 'checksum') out.checksum_failures++;
      out.skipped_bytes++;
      i++;
    }
    this.buf = holdAt >= 0 ? buf.slice(holdAt) : new Uint8Array(0);
    this.settled = holdAt >= 0 ? nextSettled : 0;
    if (final) {
      out.trailing_partial = partialStart >= 0 ? buf.slice(partialStart) : new Uint8Array(0);
      out.skipped_bytes -= out.trailing_partial.length;
    }
    return out;
  }

  /** Classifies the candidate at i without side effects. */
  private tryAt(buf: Uint8Array, i: number, n: number): { kind: 'frame'; len: number } | { kind: 'incomplete' | 'junk' | 'checksum' } {
    const spec = this.spec;
    const avail = n - i;
    if (!spec.couldStart(buf, i, avail)) return { kind: 'junk' };
    if (avail < spec.headerLength) return { kind: 'incomplete' };
    const len = spec.frameLength(buf, i);
    if (len < 1 || len > spec.maxFrameLength) return { kind: 'junk' };
    if (avail < len) return { kind: 'incomplete' };
    const v = spec.verify(buf, i, len);
    if (v === 'ok') return { kind: 'frame', len };
    return { kind: v === 'checksum' ? 'checksum' : 'junk' };
  }

  /**
   * Start of a complete verified frame inside (i, i+len); 'wait' when a candidate there is still
   * incomplete although bytes have arrived after the frame at i; -1 when the frame at i stands alone.
   */
  private innerFrame(buf: Uint8Array, i: number, len: number, n: number, final: boolean): number | 'wait' {
    let wait = false;
    for (let j = i + 1; j < i + len; j++) {
      const k = this.tryAt(buf, j, n).kind;
      if (k === 'frame') return j;
      if (k === 'incomplete') wait = true;
    }
    return wait && !final && n > i + len ? 'wait' : -1;
  }

  /**
   * First index >= from where a complete verified frame starts (or -1), and the first index >= from
   * whose verdict may still change with more bytes (an incomplete candidate; n when there is none).
   */
  private nextCompleteFrame(buf: Uint8Array, from: number, n: number): { frameAt: number; unsettled: number } {
    let unsettled = n;
    for (let j = from; j < n; j++) {
      const k = this.tryAt(buf, j, n).kind;
      if (k === 'frame') return { frameAt: j, unsettled };
      if (k === 'incomplete' && unsettled === n) unsettled = j;
    }
    return { frameAt: -1, unsettled };
  }
}
