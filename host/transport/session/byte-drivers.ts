/**
 * Poll drivers for the serial BMS protocols, built on the pure decoders of host/protocols.
 *
 * - JBD: no addresses (one unit per port); cycle 0x03 basic info, 0x04 cell voltages.
 * - Daly: `address` = board number N (1 = the usual single unit). The request's host byte is
 *   0x40 + (N − 1) and a reply counts only when its address byte is N (bench units answer `A5 40`
 *   with address 01). Cycle 0x90 (V, I, SOC), 0x91 (cell extremes), 0x92 (temperatures), 0x94
 *   (cell count), 0x95 (cell voltages: complete after ceil(cells / 3) frames, or 16 when the cell
 *   count is unknown; numbered from 1).
 */
import {
  createDalyStreamDecoder, createJbdStreamDecoder, dalyRequest, DalyDataId, jbdReadRequest, JbdRegister,
  type DecodeResult, type SampleInputFrame, type StreamDecoder,
} from '../../protocols/index.ts';
import type { DriverFrame, Framer, FramerOutput, PollDriver, PollStep } from './driver.ts';

/** Adapts a protocols StreamDecoder to the session's Framer. Frames of kind 'request' are our echo. */
export function framerOf<F extends SampleInputFrame>(decoder: StreamDecoder<F>, route: (f: F) => DriverFrame | undefined): Framer {
  return {
    push(bytes: Uint8Array): FramerOutput {
      const r: DecodeResult<F> = decoder.push(bytes);
      const frames: DriverFrame[] = [];
      for (const f of r.frames) {
        const d = f.kind === 'request' ? undefined : route(f);
        if (d) frames.push(d);
      }
      return { frames, checksumErrors: r.checksum_failures, skippedBytes: r.skipped_bytes, undecodable: r.bad_frames.length };
    },
    reset: () => void decoder.reset(),
  };
}

const field = (f: SampleInputFrame, name: string): unknown => (f.fields as Record<string, unknown>)[name];

function step(request: Uint8Array, accepts: (f: DriverFrame) => boolean, frames: () => number = () => 1): PollStep {
  return { request, accepts, complete: (got) => got.length >= frames() };
}

export const jbdDriver: PollDriver = {
  kind: 'poll',
  protocol: 'jbd',
  defaultBaud: 9600,
  framer: () =>
    framerOf(createJbdStreamDecoder(), (f) => {
      const register = field(f, 'register') as number;
      return { type: register, key: `jbd:${register}`, frame: f };
    }),
  cycle: () => [
    step(jbdReadRequest(JbdRegister.BASIC_INFO), (f) => f.type === JbdRegister.BASIC_INFO),
    step(jbdReadRequest(JbdRegister.CELLS), (f) => f.type === JbdRegister.CELLS),
  ],
  sampleOptions: () => ({}),
};

const DALY_HOST_BASE = 0x40;
const DALY_MAX_CELL_FRAMES = 16;

function dalyCellCount(known: readonly SampleInputFrame[]): number | undefined {
  for (let i = known.length - 1; i >= 0; i--) {
    const f = known[i] as SampleInputFrame;
    if (f.protocol === 'daly' && field(f, 'data_id') === DalyDataId.STATUS_INFO) return field(f, 'cell_count') as number;
  }
  return undefined;
}

export const dalyDriver: PollDriver = {
  kind: 'poll',
  protocol: 'daly',
  defaultBaud: 9600,
  framer: () =>
    framerOf(createDalyStreamDecoder({ host_addresses: Array.from({ length: 16 }, (_, i) => DALY_HOST_BASE + i).concat([0x80, 0x20]) }), (f) => {
      const id = field(f, 'data_id') as number;
      const no = field(f, 'frame_no');
      return { type: id, address: field(f, 'address') as number, key: no === undefined ? `daly:${id}` : `daly:${id}:${no as number}`, frame: f };
    }),
  cycle: (address, known) => {
    const host_address = DALY_HOST_BASE + address - 1;
    const mine = (id: number) => (f: DriverFrame) => f.type === id && f.address === address;
    const cellFrames = (): number => {
      const cells = dalyCellCount(known());
      return cells ? Math.ceil(cells / 3) : DALY_MAX_CELL_FRAMES;
    };
    return [
      step(dalyRequest(DalyDataId.SOC, { host_address }), mine(DalyDataId.SOC)),
      step(dalyRequest(DalyDataId.CELL_VOLTAGE_RANGE, { host_address }), mine(DalyDataId.CELL_VOLTAGE_RANGE)),
      step(dalyRequest(DalyDataId.TEMPERATURE_RANGE, { host_address }), mine(DalyDataId.TEMPERATURE_RANGE)),
      step(dalyRequest(DalyDataId.STATUS_INFO, { host_address }), mine(DalyDataId.STATUS_INFO)),
      step(dalyRequest(DalyDataId.CELL_VOLTAGES, { host_address }), mine(DalyDataId.CELL_VOLTAGES), cellFrames),
    ];
  },
  sampleOptions: (known) => {
    const cell_count = dalyCellCount(known);
    return cell_count === undefined ? {} : { cell_count };
  },
};
