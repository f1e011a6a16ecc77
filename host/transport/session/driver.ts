/**
 * What the monitor needs from a protocol, whatever its wire: a framer (bytes in, checked frames
 * out, counters for what was thrown away) and for polled protocols the requests of one poll
 * cycle. `drivers.ts` builds these from the pure decoders in `host/protocols/`; samples are made
 * by the decoders' `toSample` (the one place the current sign is converted), so the session code
 * never looks at bytes or wire conventions itself.
 */
import type { SampleInputFrame, SampleOptions } from '../../protocols/index.ts';
import type { CanFrame } from '../transport.ts';

/** One decoded frame as the session routes it. */
export interface DriverFrame {
  /** Protocol-level type: JBD register, Daly data id, CAN id, JK frame type. */
  type: number;
  /** Unit address carried by the frame, when the protocol has one (Daly board number). */
  address?: number;
  /**
   * Which slot of the unit's state this frame replaces (a newer frame with the same key
   * supersedes it): e.g. `daly:149:2` for the second 0x95 cell frame.
   */
  key: string;
  /** The decoder's frame (protocol, kind, fields with units, raw bytes). */
  frame: SampleInputFrame;
}

export interface FramerOutput {
  frames: DriverFrame[];
  /** Frames whose checksum failed: counted, never decoded. */
  checksumErrors: number;
  /** Bytes discarded while resynchronising (junk, partial frames). */
  skippedBytes: number;
  /** Checksum-correct frames the decoder could not interpret (too short for their layout...). */
  undecodable: number;
}

export interface Framer {
  push(bytes: Uint8Array): FramerOutput;
  /** Forget any partial frame (after a reconnect or a request timeout). */
  reset(): void;
}

/** One request of a poll cycle and how to tell its reply is complete. */
export interface PollStep {
  request: Uint8Array;
  /** True once `frames` (those received for this request, in order) hold the whole reply. */
  complete(frames: DriverFrame[]): boolean;
  /** Whether a frame belongs to this request (others are counted as misrouted and dropped). */
  accepts(frame: DriverFrame): boolean;
}

export interface PollDriver {
  kind: 'poll';
  protocol: string;
  defaultBaud: number;
  framer(): Framer;
  /**
   * The requests of one poll cycle for the unit at `address`. `known()` gives the unit's latest
   * frames at the time it is called (a step's `complete` may depend on an earlier step's reply).
   */
  cycle(address: number, known: () => readonly SampleInputFrame[]): PollStep[];
  /** Options for `toSample` that depend on what the unit said (Daly cell count). */
  sampleOptions(known: readonly SampleInputFrame[]): SampleOptions;
}

export interface ListenDriver {
  kind: 'listen';
  protocol: string;
  defaultBaud: number;
  /** CAN bit rate for the SLCAN adapter. */
  bitrate_bps: number;
  /** The decoded frame; 'unknown-id' for an id the protocol does not describe (counted apart, not an error); undefined for a frame it cannot use. */
  decode(frame: CanFrame): DriverFrame | 'unknown-id' | undefined;
  sampleOptions(known: readonly SampleInputFrame[]): SampleOptions;
  /** A sample is emitted after a frame of this type (the one that carries V, I, T). */
  sampleOn: number;
}

export type Driver = PollDriver | ListenDriver;
