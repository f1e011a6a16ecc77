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
}

export class StreamFramer {
  private buf: Uint8Array = new Uint8Array(0);

  constructor(readonly spec: FrameSpec) {}

  /** Bytes held for the next push (a possible frame start and what followed it). A copy. */
  tail(): Uint8Array {
    return this.buf.slice();
  }

  /** Drops the held bytes (a caller's inter-byte timeout); returns how many were dropped. */
  reset(): number {
    const n = this.buf.length;
    this.buf = new Uint8Array(0);
    return n;
  }

  push(chunk: Uint8Array): RawFramingResult {
    const buf = concat(this.buf, chunk);
    const out: RawFramingResult = { frames: [], skipped_bytes: 0, checksum_failures: 0 };
    const n = buf.length;
    let i = 0;
    let holdAt = -1;
    while (i < n) {
      const r = this.tryAt(buf, i, n);
      if (r.kind === 'frame') {
        out.frames.push(buf.slice(i, i + r.len));
        i += r.len;
        continue;
      }
      if (r.kind === 'incomplete') {
        const j = this.nextCompleteFrame(buf, i + 1, n);
        if (j < 0) {
          holdAt = i;
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

  /** First index >= from where a complete verified frame starts, or -1. */
  private nextCompleteFrame(buf: Uint8Array, from: number, n: number): number {
    for (let j = from; j < n; j++) {
      if (this.tryAt(buf, j, n).kind === 'frame') return j;
    }
    return -1;
  }
}
