/**
 * Glue: a protocol's FrameSpec (framing + checksum) plus its decode function of a verified frame
 * make a StreamDecoder. Frames whose checksum is right but whose content cannot be decoded are
 * reported in `bad_frames`, never thrown.
 */
import type { FrameSpec } from '../framing/frame-spec.ts';
import { StreamFramer, type RawFramingResult } from '../framing/stream-framer.ts';
import { DecodeError } from './errors.ts';
import type { DecodeResult, StreamDecoder } from './types.ts';

export class FramedStreamDecoder<F> implements StreamDecoder<F> {
  private readonly framer: StreamFramer;

  constructor(
    spec: FrameSpec,
    private readonly decodeVerified: (raw: Uint8Array) => F,
  ) {
    this.framer = new StreamFramer(spec);
  }

  push(chunk: Uint8Array): DecodeResult<F> {
    return this.wrap(this.framer.push(chunk));
  }

  flush(): DecodeResult<F> {
    return this.wrap(this.framer.flush());
  }

  private wrap(r: RawFramingResult): DecodeResult<F> {
    const out: DecodeResult<F> = {
      frames: [],
      skipped_bytes: r.skipped_bytes,
      checksum_failures: r.checksum_failures,
      bad_frames: [],
      pending_bytes: 0,
    };
    for (const raw of r.frames) {
      try {
        out.frames.push(this.decodeVerified(raw));
      } catch (err) {
        const error = err instanceof DecodeError ? err : new DecodeError('bad-format', String(err), { cause: err });
        out.bad_frames.push({ raw, error });
      }
    }
    out.pending_bytes = this.framer.heldLength;
    if (r.trailing_partial) out.trailing_partial = r.trailing_partial;
    return out;
  }

  tail(): Uint8Array {
    return this.framer.tail();
  }

  reset(): number {
    return this.framer.reset();
  }
}

/**
 * Strict single-frame check shared by the `decodeXxxFrame` functions: the bytes must be exactly
 * one frame per `spec`, else DecodeError says which rule failed.
 */
export function checkWholeFrame(spec: FrameSpec, b: Uint8Array, startHint: string): void {
  if (b.length < spec.headerLength || !spec.couldStart(b, 0, b.length)) {
    throw new DecodeError(b.length < spec.headerLength ? 'length' : 'bad-format', `${spec.name}: ${b.length < spec.headerLength ? `${b.length} bytes is shorter than a header (${spec.headerLength})` : `frame must start with ${startHint}`}`);
  }
  const len = spec.frameLength(b, 0);
  if (len < 0) throw new DecodeError('bad-format', `${spec.name}: impossible header (${startHint})`);
  if (len !== b.length) throw new DecodeError('length', `${spec.name}: header says ${len} bytes, got ${b.length}`);
  const v = spec.verify(b, 0, len);
  const detail = v !== 'ok' && spec.explain ? ` (${spec.explain(b, len)})` : '';
  if (v === 'checksum') throw new DecodeError('checksum', `${spec.name}: checksum mismatch${detail}`);
  if (v !== 'ok') throw new DecodeError('bad-format', `${spec.name}: bad end marker or fixed byte${detail}`);
}
