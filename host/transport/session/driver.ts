/**
 * What the monitor needs from a protocol, whatever its wire: a framer (bytes in, checked frames
 * out, counters for what was thrown away), a mapping from frames to readings, and for polled
 * protocols the requests of one poll cycle. `drivers.ts` builds these from the pure decoders in
 * `host/protocols/`; the session code never looks at bytes itself.
 */
import type { CanFrame } from '../transport.ts';

/** One decoded frame, fields as the protocol decoder names them (units in the names). */
export interface DriverFrame {
  /** Protocol-level type: JBD register, Daly data id, CAN id, JK frame type. */
  type: number;
  /** Unit address carried by the frame, when the protocol has one (Daly board number). */
  address?: number;
  fields: Record<string, unknown>;
}

export interface FramerOutput {
  frames: DriverFrame[];
  /** Frames whose checksum failed: counted, never decoded. */
  checksumErrors: number;
  /** Bytes discarded while resynchronising (junk, partial frames). */
  skippedBytes: number;
}

export interface Framer {
  push(bytes: Uint8Array): FramerOutput;
  /** Forget any partial frame (after a reconnect or a request timeout). */
  reset(): void;
}

/**
 * A reading: what one frame says about the unit, in project units. Current is positive when
 * discharging (the one conversion from the wire convention happens in the protocol mapping).
 */
export interface Reading {
  voltage_V?: number;
  current_A?: number;
  temp_degC?: number;
  cellVoltages_V?: number[];
  cellMin_V?: number;
  cellMax_V?: number;
  /** State of charge as the BMS reports it, 0..1. */
  bmsSoc?: number;
  bmsSoh?: number;
  cellCount?: number;
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
  /** The requests of one poll cycle for the unit at `address`, given what is known about it. */
  cycle(address: number, known: Reading): PollStep[];
  reading(frame: DriverFrame): Reading;
}

export interface ListenDriver {
  kind: 'listen';
  protocol: string;
  defaultBaud: number;
  /** CAN bit rate for the SLCAN adapter. */
  bitrate_bps: number;
  decode(frame: CanFrame): DriverFrame | undefined;
  reading(frame: DriverFrame): Reading;
  /** A sample is emitted after a frame of this type (the one that carries V, I, T). */
  sampleOn: number;
}

export type Driver = PollDriver | ListenDriver;
