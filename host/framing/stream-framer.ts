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
 * - Output frames, `trailing_partial` and `tail()` are copies: they never alias the caller's chunk
 *   nor the framer's own buffer, whatever the chunk's type (Uint8Array or Buffer).
 *
 * Cost: held bytes live in ONE growable buffer (`store[start, end)`); a push appends to it (or,
 * when nothing is held, is scanned in place without any copy) and only the bytes of emitted frames
 * are copied out. Frames are carved from a shared slab (see `FrameSlab`), so a 300-byte frame costs
 * no off-heap allocation of its own.
 */
import type { FrameSpec } from './frame-spec.ts';

export interface RawFramingResult {
  /** Complete verified frames, in stream order. */
  frames: Uint8Array[];
  skipped_bytes: number;
  checksum_failures: number;
  /** flush() only: the bytes from the last incomplete candidate on (a frame cut off by the end of the stream); not counted in skipped_bytes. */
  trailing_partial?: Uint8Array;
}

/** Verdicts of `tryAt` below zero; a positive verdict is the length of a verified frame. */
const INCOMPLETE = -1;
const JUNK = -2;
const CHECKSUM = -3;

/** A store larger than this that holds little after a push is given back (a huge chunk passed through). */
const SHRINK_ABOVE_BYTES = 64 * 1024;

/**
 * dst[at, at+len) = src[from, from+len). A plain loop for the short runs a serial read brings (no
 * subarray object, no call into the runtime); TypedArray.set beyond that.
 */
function copyInto(dst: Uint8Array, at: number, src: Uint8Array, from: number, len: number): void {
  if (len > 256) {
    dst.set(src.subarray(from, from + len), at);
    return;
  }
  for (let k = 0; k < len; k++) dst[at + k] = src[from + k] as number;
}

/**
 * Copies byte ranges into views of a shared 8 KiB ArrayBuffer (like Node's Buffer pool): typed
 * arrays over 64 bytes would each get an off-heap backing store, which costs more than decoding
 * them. Handed-out ranges are never reused or written again, so each view is an independent copy.
 */
class FrameSlab {
  private slab = new Uint8Array(0);
  private used = 0;

  copy(src: Uint8Array, from: number, len: number): Uint8Array {
    if (len > 1024) return new Uint8Array(src.subarray(from, from + len)); // rare: big ones get their own buffer
    if (this.used + len > this.slab.length) {
      this.slab = new Uint8Array(8192);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + len);
    copyInto(out, 0, src, from, len);
    this.used += (len + 7) & ~7; // keep views 8-byte aligned
    return out;
  }
}

export class StreamFramer {
  /** Held bytes are store[start, end): a possible frame start and what followed it. */
  private store = new Uint8Array(512);
  private start = 0;
  private end = 0;
  /**
   * When the held bytes start with an incomplete candidate: positions 1 .. settled−1 after it were
   * already found to be junk for good (no start byte, impossible header, or complete with a bad
   * checksum), so the look-ahead of the next push starts at `settled`. Keeps byte-by-byte feeding
   * linear instead of rescanning the whole held frame on every byte.
   */
  private settled = 0;
  private readonly slab = new FrameSlab();

  /** The spec's start bytes (startB = startA when it names one; both -1 when it names none). */
  private readonly startA: number;
  private readonly startB: number;

  constructor(readonly spec: FrameSpec) {
    const starts = spec.startBytes ?? [];
    if (starts.length > 2) throw new RangeError(`${spec.name}: at most two start bytes`);
    this.startA = starts[0] ?? -1;
    this.startB = starts[1] ?? this.startA;
  }

  /** Bytes held for the next push (a possible frame start and what followed it). A copy. */
  tail(): Uint8Array {
    return this.store.slice(this.start, this.end);
  }

  /** How many bytes are held (no copy). */
  get heldLength(): number {
    return this.end - this.start;
  }

  /** Drops the held bytes (a caller's inter-byte timeout); returns how many were dropped. */
  reset(): number {
    const n = this.end - this.start;
    this.start = this.end = 0;
    this.settled = 0;
    return n;
  }

  /** Frames everything held as if the stream ended here: incomplete candidates become skipped bytes, held frames are emitted. */
  flush(): RawFramingResult {
    return this.scan(this.store, this.start, this.end, true);
  }

  push(chunk: Uint8Array): RawFramingResult {
    if (this.start === this.end) return this.scan(chunk, 0, chunk.length, false);
    this.append(chunk);
    return this.scan(this.store, this.start, this.end, false);
  }

  /** Appends to the held bytes: compacts to the front when that makes room, else doubles the store. */
  private append(chunk: Uint8Array): void {
    const held = this.end - this.start;
    if (this.end + chunk.length > this.store.length) {
      if (held + chunk.length <= this.store.length) {
        this.store.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(2 * this.store.length, held + chunk.length));
        copyInto(grown, 0, this.store, this.start, held);
        this.store = grown;
      }
      this.start = 0;
      this.end = held;
    }
    copyInto(this.store, this.end, chunk, 0, chunk.length);
    this.end += chunk.length;
  }

  /** Keeps buf[holdAt, n) for the next push (buf is either the store or the caller's chunk). */
  private hold(buf: Uint8Array, holdAt: number, n: number): void {
    if (holdAt < 0 || holdAt >= n) {
      this.start = this.end = 0;
      if (this.store.length > SHRINK_ABOVE_BYTES) this.store = new Uint8Array(512);
      return;
    }
    if (buf === this.store) {
      this.start = holdAt;
      return;
    }
    const len = n - holdAt;
    if (len > this.store.length) this.store = new Uint8Array(Math.max(2 * this.store.length, len));
    copyInto(this.store, 0, buf, holdAt, len);
    this.start = 0;
    this.end = len;
  }

  /** Scans buf[from, n): `from` is the first held byte (or 0 for a chunk scanned in place). */
  private scan(buf: Uint8Array, from: number, n: number, final: boolean): RawFramingResult {
    const out: RawFramingResult = { frames: [], skipped_bytes: 0, checksum_failures: 0 };
    let i = from;
    let holdAt = -1;
    let partialStart = -1;
    let nextSettled = 0;
    while (i < n) {
      const r = this.tryAt(buf, i, n);
      if (r > 0) {
        const inner = this.innerFrame(buf, i, r, n, final);
        if (inner === -2) {
          holdAt = i;
          break;
        }
        partialStart = -1;
        if (inner > 0) {
          out.skipped_bytes += inner - i;
          i = inner;
          continue;
        }
        out.frames.push(this.slab.copy(buf, i, r));
        i += r;
        continue;
      }
      if (r === INCOMPLETE) {
        if (final) {
          if (partialStart < 0) partialStart = i;
        } else {
          const look = i === from && this.settled > 1 ? from + this.settled : i + 1;
          const j = this.nextCompleteFrame(buf, look, n);
          if (j < 0) {
            holdAt = i;
            nextSettled = this.unsettled - i;
            break;
          }
          out.skipped_bytes += j - i;
          i = j;
          continue;
        }
      }
      if (r === CHECKSUM) out.checksum_failures++;
      const next = this.nextCandidate(buf, i + 1, n);
      out.skipped_bytes += next - i;
      i = next;
    }
    if (final) {
      out.trailing_partial = partialStart >= 0 ? buf.slice(partialStart, n) : new Uint8Array(0);
      out.skipped_bytes -= out.trailing_partial.length;
    }
    this.hold(buf, holdAt, n);
    this.settled = holdAt >= 0 ? nextSettled : 0;
    return out;
  }

  /** Classifies the candidate at i without side effects: its length when it is a verified frame, else INCOMPLETE, JUNK or CHECKSUM. */
  private tryAt(buf: Uint8Array, i: number, n: number): number {
    const spec = this.spec;
    const avail = n - i;
    if (!spec.couldStart(buf, i, avail)) return JUNK;
    if (avail < spec.headerLength) return INCOMPLETE;
    const len = spec.frameLength(buf, i);
    if (len < 1 || len > spec.maxFrameLength) return JUNK;
    if (avail < len) return INCOMPLETE;
    const v = spec.verify(buf, i, len);
    if (v === 'ok') return len;
    return v === 'checksum' ? CHECKSUM : JUNK;
  }

  /**
   * Start of a complete verified frame inside (i, i+len); -2 ('wait') when a candidate there is
   * still incomplete although bytes have arrived after the frame at i; -1 when the frame at i
   * stands alone.
   */
  private innerFrame(buf: Uint8Array, i: number, len: number, n: number, final: boolean): number {
    let wait = false;
    const end = i + len;
    for (let j = this.nextCandidate(buf, i + 1, end); j < end; j = this.nextCandidate(buf, j + 1, end)) {
      const k = this.tryAt(buf, j, n);
      if (k > 0) return j;
      if (k === INCOMPLETE) wait = true;
    }
    return wait && !final && n > i + len ? -2 : -1;
  }

  /** First index in [from, to) holding one of the spec's start bytes (`to` when none); `from` when the spec names none. */
  private nextCandidate(buf: Uint8Array, from: number, to: number): number {
    const a = this.startA;
    if (a < 0) return from < to ? from : to;
    const b = this.startB;
    for (let j = from; j < to; j++) {
      const c = buf[j];
      if (c === a || c === b) return j;
    }
    return to;
  }

  /** Set by nextCompleteFrame: the first index it saw whose verdict may still change with more bytes (n when none). */
  private unsettled = 0;

  /** First index >= from where a complete verified frame starts, or -1 (and `unsettled` as above). */
  private nextCompleteFrame(buf: Uint8Array, from: number, n: number): number {
    this.unsettled = n;
    for (let j = this.nextCandidate(buf, from, n); j < n; j = this.nextCandidate(buf, j + 1, n)) {
      const k = this.tryAt(buf, j, n);
      if (k > 0) return j;
      if (k === INCOMPLETE && this.unsettled === n) this.unsettled = j;
    }
    return -1;
  }
}
