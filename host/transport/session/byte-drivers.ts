/**
 * Poll drivers for the serial BMS protocols, built on the pure decoders of host/protocols.
 *
 * - JBD: no addresses (one unit per port); cycle 0x03 basic info, 0x04 cell voltages.
 * - Daly: `address` = board number N (1 = the usual single unit). The request's host byte is
 *   0x40 + (N − 1) and a reply counts only when its address byte is N (bench units answer `A5 40`
 *   with address 01). Cycle 0x90 (V, I, SOC), 0x91 (cell extremes), 0x92 (temperatures), 0x94
 *   (cell count), 0x95 (cell voltages: complete after ceil(cells / 3) frames, or 16 when the cell
 *   count is unknown; numbered from 1).
 * - JK RS485/TTL (`4E 57`): no addresses; one read-all request, one data reply (kind 'data').
 * - JK-PB over RS485 (300-byte `55 AA EB 90` frames): `address` = the DIP address (default 1);
 *   a Modbus FC16 status trigger per address, the reply is the cell-info frame (layout detected:
 *   JK02_24S / JK02_32S / JK04); the FC16 ACK and the `00` fillers after it are skipped as junk.
 *   The frame carries no address: routing is by the outstanding request (one at a time).
 */
import {
  createDalyStreamDecoder, createJbdStreamDecoder, createJk300StreamDecoder, createJkUartStreamDecoder, dalyRequest, DalyDataId,
  jbdReadRequest, JbdRegister, jkPbStatusTrigger, jkUartReadAllRequest, Jk300FrameType,
  type DecodeResult, type Jk300Variant, type SampleInputFrame, type StreamDecoder,
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

/** Host address byte of board 1 (PDF V1.2 "PC"); 0x80 for units that answer only that (V1.0). */
export const DALY_HOST_BASE = 0x40;
const DALY_MAX_CELL_FRAMES = 16;

function dalyCellCount(known: readonly SampleInputFrame[]): number | undefined {
  for (let i = known.length - 1; i >= 0; i--) {
    const f = known[i] as SampleInputFrame;
    if (f.protocol === 'daly' && field(f, 'data_id') === DalyDataId.STATUS_INFO) return field(f, 'cell_count') as number;
  }
  return undefined;
}

/** Daly with the host address byte of board 1 at `hostBase` (board N sends hostBase + N − 1). */
export const makeDalyDriver = (hostBase = DALY_HOST_BASE): PollDriver => ({
  kind: 'poll',
  protocol: 'daly',
  defaultBaud: 9600,
  framer: () =>
    framerOf(createDalyStreamDecoder({ host_addresses: [...new Set([0x40, 0x80, 0x20, ...Array.from({ length: 16 }, (_, i) => hostBase + i)])] }), (f) => {
      const id = field(f, 'data_id') as number;
      const no = field(f, 'frame_no');
      return { type: id, address: field(f, 'address') as number, key: no === undefined ? `daly:${id}` : `daly:${id}:${no as number}`, frame: f };
    }),
  cycle: (address, known) => {
    const host_address = hostBase + address - 1;
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
});

export const dalyDriver = makeDalyDriver();

export const jkUartDriver: PollDriver = {
  kind: 'poll',
  protocol: 'jk-uart',
  defaultBaud: 115200,
  framer: () => framerOf(createJkUartStreamDecoder(), (f) => ({ type: field(f, 'command') as number, key: 'jk-uart:data', frame: f })),
  cycle: () => [step(jkUartReadAllRequest(), (f) => f.frame.kind === 'data')],
  sampleOptions: () => ({}),
};

/** JK 300-byte frames with the cell-info layout forced (`variant`) or detected ('auto'). */
export const makeJk300Driver = (variant: Jk300Variant | 'auto' = 'auto'): PollDriver => ({
  kind: 'poll',
  protocol: 'jk300',
  defaultBaud: 115200,
  framer: () =>
    framerOf(createJk300StreamDecoder({ variant }), (f) => {
      const type = f.kind === 'cell-info' || f.kind === 'cell-info-jk04' ? Jk300FrameType.CELL_INFO : f.kind === 'device-info' ? Jk300FrameType.DEVICE_INFO : -1;
      return type < 0 ? undefined : { type, key: `jk300:${type}`, frame: f };
    }),
  cycle: (address) => [step(jkPbStatusTrigger(address), (f) => f.type === Jk300FrameType.CELL_INFO)],
  sampleOptions: () => ({}),
});

export const jk300Driver = makeJk300Driver();
