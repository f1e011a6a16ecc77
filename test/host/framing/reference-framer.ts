/**
 * Reference model for test/host/framing/framer-equivalence.test.ts: the framer as it was before the
 * growable buffer (commit d815025), kept verbatim apart from names: it concatenates everything held
 * with each chunk and scans every position. Slow, obviously faithful to the rules listed in
 * host/framing/stream-framer.ts; the production framer must give identical results for any input
 * and any chunking.
 */
import type { FrameSpec } from '../../../host/framing/frame-spec.ts';

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

interface RawFramingResult {
  /** Complete verified frames, in stream order. */
  frames: Uint8Array[];
  skipped_bytes: number;
  checksum_failures: number;
  /** flush() only: the bytes from the last incomplete candidate on (a frame cut off by the end of the stream); not counted in skipped_bytes. */
  trailing_partial?: Uint8Array;
}

export class ReferenceFramer {
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
