/**
 * The monitor's life cycle around one port: open (SLCAN setup for CAN drivers), poll or listen,
 * and on a disconnect say so, keep going, and reopen with exponential back-off (50 ms doubling,
 * capped at 800 ms, so a device that is back is found within about a second) until stopped.
 * Stops on the abort signal (SIGINT, --duration-s), after `maxFrames` decoded frames, or at the
 * end of a replayed capture. The transport passed in is the only owner of the port.
 */
import { isDisconnect, TransportClosed, TransportError } from '../errors.ts';
import { EndOfData } from '../replay.ts';
import { SlcanTransport } from '../slcan.ts';
import type { ByteTransport, CanFrame, CanTransport } from '../transport.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { Bus } from './bus.ts';
import type { Driver } from './driver.ts';
import type { MonitorEvent, MonitorSummary, SampleSink } from './events.ts';
import { listenSession } from './listen-session.ts';
import { pollSession } from './poll-session.ts';
import { sleep } from './sleep.ts';
import { UnitState } from './unit-state.ts';

export interface MonitorConfig {
  driver: Driver;
  /** The byte transport of the port (serial, or a replay; wrapped in a recorder for --record); absent only with `can`. */
  port?: ByteTransport;
  /**
   * Listen drivers only: CAN frames from this transport instead of an SLCAN adapter on `port`
   * (a candump log replayed by CandumpFileTransport); `port` is then not opened.
   */
  can?: CanTransport;
  /** Unit addresses to poll in turn (protocols without addresses: [0]). */
  addresses: number[];
  /** Pause between poll cycles, ms. */
  interval_ms: number;
  /** How long one request may wait for its complete reply, ms. */
  requestTimeout_ms: number;
  /** Stop after this many decoded frames. */
  maxFrames?: number;
  backoff?: BackoffOptions;
  /** The core (or anything else) that takes each sample. */
  sink?: SampleSink;
  onEvent(e: MonitorEvent): void;
  signal: AbortSignal;
  /** Wall clock for status events, Unix epoch ms. */
  clock?: () => number;
  /** Every CAN frame received (listen drivers only), e.g. for a candump log. */
  onCanFrame?(frame: CanFrame): void;
  /** Throw the error of the very first open instead of retrying (a mistyped path fails fast). */
  failFirstOpen?: boolean;
}

export async function runMonitor(cfg: MonitorConfig): Promise<MonitorSummary> {
  const clock = cfg.clock ?? Date.now;
  const summary: MonitorSummary = {
    endedBy: 'signal',
    frames: 0,
    samples: 0,
    checksumErrors: 0,
    skippedBytes: 0,
    misrouted: 0,
    unknownIds: 0,
    undecodable: 0,
    timeouts: 0,
    echoesSuppressed: 0,
    rxBytes: 0,
    disconnects: 0,
    reconnects: 0,
    maxOutage_ms: 0,
  };
  const driver = cfg.driver;
  const port = cfg.port;
  if (!port && !(driver.kind === 'listen' && cfg.can)) throw new TransportError('OPEN_FAILED', 'monitor: no port to open (a byte transport is needed unless a listen driver gets CAN frames)');
  const slcan = driver.kind === 'listen' && !cfg.can && port ? new SlcanTransport(port, { bitrate_bps: driver.bitrate_bps }) : undefined;
  const can: CanTransport | undefined = driver.kind === 'listen' ? (cfg.can ?? slcan) : undefined;
  const conn = (can ?? port)!;
  const bus = driver.kind === 'poll' && port ? new Bus(port, driver.framer()) : undefined;
  const listenCounters = { frames: 0, misrouted: 0, unknownIds: 0 };
  const units = new Map<number, UnitState>();
  const backoff = new Backoff(cfg.backoff);
  let stopped = false;
  const frames = (): number => (bus ? bus.counters.frames : listenCounters.frames);
  const shouldStop = (): boolean => {
    if (stopped || cfg.signal.aborted) return true;
    if (cfg.maxFrames !== undefined && frames() >= cfg.maxFrames) {
      summary.endedBy = 'max-frames';
      stopped = true;
    }
    return stopped;
  };
  const emit = (e: MonitorEvent): void => {
    if (e.type === 'sample') {
      summary.samples++;
      if (cfg.sink) e = { ...e, core: cfg.sink.step(e.sample) };
    }
    cfg.onEvent(e);
  };
  // Closing the connection is what interrupts a pending read when the run is stopped.
  const onAbort = (): void => void conn.close().catch(() => undefined);
  cfg.signal.addEventListener('abort', onAbort, { once: true });

  let lostAt_ms: number | undefined;
  let openFailedReported = false;
  let everOpened = false;
  try {
    while (!shouldStop()) {
      try {
        await conn.open();
      } catch (err) {
        if (err instanceof EndOfData) {
          summary.endedBy = 'end-of-data';
          break;
        }
        if (!(err instanceof TransportError) || (cfg.failFirstOpen && !everOpened)) throw err;
        if (!openFailedReported) emit({ type: 'status', status: 'open-failed', time_ms: clock(), detail: `${err.message}; retrying` });
        openFailedReported = true;
        await sleep(backoff.next(), cfg.signal);
        continue;
      }
      everOpened = true;
      const now_ms = clock();
      const outage_ms = lostAt_ms === undefined ? undefined : now_ms - lostAt_ms;
      if (outage_ms !== undefined) {
        summary.reconnects++;
        summary.maxOutage_ms = Math.max(summary.maxOutage_ms, outage_ms);
      }
      emit({ type: 'status', status: 'connected', time_ms: now_ms, detail: conn.name, ...(outage_ms === undefined ? {} : { outage_ms }) });
      lostAt_ms = undefined;
      openFailedReported = false;
      backoff.reset();
      try {
        if (driver.kind === 'poll' && bus) {
          bus.reset();
          await pollSession({ bus, driver, units, addresses: cfg.addresses, interval_ms: cfg.interval_ms, requestTimeout_ms: cfg.requestTimeout_ms, signal: cfg.signal, shouldStop, emit, clock });
        } else if (driver.kind === 'listen' && can) {
          let unit = units.get(0);
          if (!unit) units.set(0, (unit = new UnitState(0)));
          await listenSession({ can, driver, unit, counters: listenCounters, shouldStop, emit, ...(cfg.onCanFrame ? { onCanFrame: cfg.onCanFrame } : {}) });
        }
      } catch (err) {
        if (shouldStop()) break;
        if (err instanceof EndOfData) {
          summary.endedBy = 'end-of-data';
          break;
        }
        // A closed transport, a disconnect, or a failed write (the port is unusable): reconnect.
        if (!(err instanceof TransportError) || !(err instanceof TransportClosed || isDisconnect(err) || err.code === 'WRITE_FAILED')) throw err;
        summary.disconnects++;
        lostAt_ms = clock();
        const cause = err.cause instanceof Error ? err.cause.message : err.message;
        emit({ type: 'status', status: 'disconnected', time_ms: lostAt_ms, detail: `${cause}; reconnecting` });
        await conn.close().catch(() => undefined);
        await sleep(backoff.next(), cfg.signal);
      }
    }
  } finally {
    cfg.signal.removeEventListener('abort', onAbort);
    await conn.close().catch(() => undefined);
  }
  if (bus) {
    const c = bus.counters;
    Object.assign(summary, { frames: c.frames, checksumErrors: c.checksumErrors, skippedBytes: c.skippedBytes, misrouted: c.misrouted, undecodable: c.undecodable, timeouts: c.timeouts, echoesSuppressed: c.echoesSuppressed, rxBytes: c.rxBytes });
  } else if (slcan) {
    Object.assign(summary, { frames: listenCounters.frames, misrouted: listenCounters.misrouted + slcan.stats.otherLines, unknownIds: listenCounters.unknownIds, skippedBytes: 0, rxBytes: slcan.stats.rxBytes });
  } else if (can) {
    Object.assign(summary, { frames: listenCounters.frames, misrouted: listenCounters.misrouted, unknownIds: listenCounters.unknownIds });
  }
  return summary;
}
