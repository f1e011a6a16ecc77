/** What a monitor run reports as it goes, and what it sums up at the end. */
import type { Sample } from './unit-state.ts';

/** The core's view after a sample (absent when the monitor runs without a core). */
export interface CoreStatus {
  /** Fractions 0..1. */
  soc: number;
  soh: number;
  events_total: number;
  /** Flag bits raised by this sample, and their names. */
  flags: number;
  flagNames: string[];
  /** Cells in series the core was set up with (given, reported by the BMS, or estimated). */
  seriesCells: number;
}

export type MonitorStatus =
  /** The port is open (`outage_ms`: how long it was gone, after a disconnect). */
  | 'connected'
  /** The device vanished; the monitor keeps the capture and reconnects with back-off. */
  | 'disconnected'
  /** Opening failed (first failure of an outage only; retries continue). */
  | 'open-failed'
  /** A request got no (complete) reply in time. */
  | 'timeout';

export type MonitorEvent =
  | { type: 'sample'; sample: Sample; core?: CoreStatus }
  | { type: 'status'; status: MonitorStatus; time_ms: number; detail: string; outage_ms?: number; address?: number };

export interface MonitorSummary {
  /** 'duration': the --duration-s time ran out (the CLI sets it; the session itself sees an abort). */
  endedBy: 'signal' | 'duration' | 'max-frames' | 'end-of-data';
  frames: number;
  samples: number;
  checksumErrors: number;
  skippedBytes: number;
  /** Frames that belonged to no outstanding request (other unit, stale) or were not understood. */
  misrouted: number;
  /** CAN frames whose id the protocol's DBC does not describe (decoded raw; not misrouted). */
  unknownIds: number;
  /** Checksum-correct frames the decoder could not interpret. */
  undecodable: number;
  timeouts: number;
  echoesSuppressed: number;
  rxBytes: number;
  disconnects: number;
  reconnects: number;
  /** Longest time from a disconnect to the next successful open, ms (0: none). */
  maxOutage_ms: number;
}

/** Takes each sample into the core; returns the core's status after it. */
export interface SampleSink {
  step(sample: Sample): CoreStatus;
}
