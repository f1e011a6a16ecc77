/**
 * Captures written by `bms-edge monitor --record` ("bms-edge capture v1", JSON lines) and candump
 * logs of a battery CAN bus (`candump -L` / `-l`, Pylontech / SMA / Victron LV frames) as recordings.
 *
 * Monitor captures:
 * the capture is replayed, as fast as possible, through the monitor's own session for the protocol
 * its header names (the same decoders, poll cycle and sample assembly as live, so the core sees what
 * it saw on the bench), the samples are written as generic CSV text and read by the generic-CSV
 * reader (so discharges are found the same way as for any CSV recording).
 *
 * candump logs: every frame goes through the monitor's listen session with the Pylon CAN driver (its
 * DBC decoder); a sample is taken on every 0x356 (pack voltage, current, temperature), as live.
 *
 * Samples: t_s = receive time / 1000 (recorded Unix epoch ms), pack voltage, current positive =
 * discharge (converted by the decoders' toSample), temperature degC. One unit per capture: a capture
 * holding several unit addresses is refused (split it, or record one unit per file).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCapture } from '../transport/capture-format.ts';
import { EndOfData, ReplayTransport } from '../transport/replay.ts';
import { CandumpFileTransport } from '../transport/candump-file.ts';
import { listenSession } from '../transport/session/listen-session.ts';
import { pylonDriver } from '../transport/session/can-drivers.ts';
import { UnitState } from '../transport/session/unit-state.ts';
import { runMonitor } from '../transport/session/monitor-session.ts';
import { defaultAddresses, driverFor, MONITOR_PROTOCOLS, type MonitorProtocol } from '../transport/session/drivers.ts';
import { estimateSeriesCells } from '../transport/session/core-sink.ts';
import type { Sample } from '../transport/session/unit-state.ts';
import { parseGenericCsv } from '../readers/generic-csv.ts';
import { RecordingError, type Recording } from '../readers/recording.ts';
import type { ChemistryName } from '../../layout/presets.ts';

/** How long one replayed request may wait for its reply, ms (replay is lockstep: never reached normally). */
const REQUEST_TIMEOUT_MS = 500;

export interface CaptureRecording {
  recording: Recording;
  /** Cells in series as the BMS reported them (or estimated from the pack voltage, as monitor does). */
  seriesCells: number;
  protocol: MonitorProtocol;
}

export async function readCaptureRecording(path: string, opts: { chemistry?: ChemistryName; ratedCapacity_Ah?: number } = {}): Promise<CaptureRecording> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RecordingError(`${path}: cannot read (${(err as Error).message})`, 'not-found', { cause: err });
  }
  let capture;
  try {
    capture = parseCapture(text, path);
  } catch (err) {
    throw new RecordingError(`${path}: not a readable capture: ${(err as Error).message}`, 'bad-header', { cause: err });
  }
  const protocol = capture.header.protocol as MonitorProtocol;
  if (!MONITOR_PROTOCOLS.includes(protocol)) throw new RecordingError(`${path}: capture protocol '${capture.header.protocol}' is not one bms-edge monitor speaks (${MONITOR_PROTOCOLS.join(', ')})`, 'bad-header');
  const samples: Sample[] = [];
  await runMonitor({
    driver: driverFor(protocol),
    port: new ReplayTransport(capture),
    addresses: defaultAddresses(protocol),
    interval_ms: 0,
    requestTimeout_ms: REQUEST_TIMEOUT_MS,
    onEvent: (e) => {
      if (e.type === 'sample') samples.push(e.sample);
    },
    signal: new AbortController().signal,
    backoff: { first_ms: 1, cap_ms: 1 }, // a recorded disconnect: reopen the replay at once
  });
  return toRecording(path, protocol, samples, opts);
}

export async function readCandumpRecording(path: string, opts: { chemistry?: ChemistryName; ratedCapacity_Ah?: number } = {}): Promise<CaptureRecording> {
  const can = new CandumpFileTransport(path);
  try {
    await can.open();
  } catch (err) {
    throw new RecordingError(`${path}: ${(err as Error).message}`, 'not-found', { cause: err });
  }
  const samples: Sample[] = [];
  try {
    await listenSession({
      can,
      driver: pylonDriver(),
      unit: new UnitState(0),
      counters: { frames: 0, misrouted: 0, unknownIds: 0 },
      shouldStop: () => false,
      emit: (e) => {
        if (e.type === 'sample') samples.push(e.sample);
      },
    });
  } catch (err) {
    if (!(err instanceof EndOfData)) throw err; // the session ends when the log does
  }
  return toRecording(path, 'slcan-pylon', samples, opts);
}

function toRecording(path: string, protocol: MonitorProtocol, samples: Sample[], opts: { chemistry?: ChemistryName; ratedCapacity_Ah?: number }): CaptureRecording {
  if (samples.length === 0) throw new RecordingError(`${path}: holds no complete sample (${protocol})`, 'empty');
  const units = new Set(samples.map((s) => s.address));
  if (units.size > 1) throw new RecordingError(`${path}: the capture holds ${units.size} units (addresses ${[...units].join(', ')}); the gate replays one unit per recording`, 'unknown-format');
  const chemistry = opts.chemistry ?? 'NMC';
  const meta = [`# bms-edge generic CSV v1 (from ${basename(path)}, protocol ${protocol})`, `# chemistry=${chemistry}${opts.ratedCapacity_Ah !== undefined ? ` rated_capacity_Ah=${opts.ratedCapacity_Ah}` : ''}`];
  const rows = samples.map((s) => `${s.time_ms / 1000},${s.voltage_V},${s.current_A},${s.temp_degC}`);
  const recording = parseGenericCsv([...meta, 't_s,voltage_V,current_A,temp_degC', ...rows].join('\n') + '\n', basename(path));
  return { recording, seriesCells: estimateSeriesCells(samples[0]!, chemistry), protocol };
}
