/**
 * bms-edge protocol decoders: pure functions, bytes / lines in, frames out, no I/O, no clock.
 * This file is the API the transports and the `monitor` / `decode` commands consume.
 *
 * ## Byte protocols (serial / RS485 / BLE payloads)
 * For each of jbd, daly, jk-uart (`4E 57` TLV), jk300 (`55 AA EB 90` 300-byte frames):
 * - `decodeXxxFrame(bytes, opts?)`: exactly one complete frame -> typed `Frame` (`protocol`, `kind`,
 *   `fields` named like the shared vectors' `decoded`, `raw` bytes kept). Throws `DecodeError` with
 *   `code` 'checksum' | 'length' | 'bad-format' | 'unknown-command' | 'bad-option'.
 * - `createXxxStreamDecoder(opts?)`: a `StreamDecoder` whose `push(chunk)` returns a `DecodeResult`
 *   (complete verified frames, `skipped_bytes`, `checksum_failures`, `bad_frames`, `pending_bytes`)
 *   and keeps a partial tail (`tail()`). A frame that completes at the end of a chunk is returned
 *   by that push. `flush()` settles the tail at the inter-byte timeout (JBD 150 ms, Daly ~100 ms,
 *   JK 50 ms) or the end of a capture, returning any frame still held and the cut-off
 *   `trailing_partial`; `reset()` just drops it. It resynchronises after garbage, never throws,
 *   never emits a frame whose checksum failed (rules: host/framing/stream-framer.ts). Echoes of our
 *   own requests come out as frames of kind 'request'.
 * - Request builders for polling: `jbdReadRequest(0x03|0x04|0x05)`, `jbdWriteRequest`,
 *   `dalyRequest(0x90..0x98, { host_address: 0x40 | 0x80 })`, `jkUartReadAllRequest()`,
 *   `jkPbStatusTrigger(address)` (JK-PB RS485 FC16).
 *
 * ## CAN
 * - `decodeSlcanLine(line)` / `new SlcanStreamDecoder()`: SLCAN ASCII lines (frames, `V`/`N`
 *   replies, `z`/`Z`, BEL, CR), optional `Z1` timestamp suffix (recognised by length).
 * - `decodeCandumpLine(line)`: `candump -L` log lines and candump's default text output.
 * - `PylonCanDecoder.load({ meaning370?, dbc_path? })` then `.decode(canFrame)` (never throws) or
 *   `.decodeStrict(lineOrFrame)`: Pylontech / SMA / Victron LV CAN frames (0x351, 0x355, 0x356,
 *   0x359, 0x35A, 0x35C, 0x35E, 0x370–0x373) decoded through the DBC in
 *   dbc/pylontech-sma.dbc (`meaning370`: 'cell-extremes' | 'ascii-name'); bring your own
 *   DBC with `dbc_path`, or `parseDbc` / `decodeCanWithDbc` from host/can. `load` is the only I/O.
 * - ANT (`7E A1`, status 0x11) is decoded too: `decodeAntFrame`, `createAntStreamDecoder`.
 *
 * ## Samples
 * `toSample(frames, { invert_current?, cell_count? })` -> `{ voltage_V, current_A (positive =
 * DISCHARGE), temp_degC, cell_voltages_V?, soc_pct? }`: the one place the wire sign is converted.
 *
 * ## Per-device overrides (the wire leaves these open; protocols.md §5, §6)
 * current sign: `toSample(..., { invert_current })`; Daly host address: `dalyRequest(id,
 * { host_address })` and `DalyOptions.host_addresses`; JK layout: `Jk300Options.variant`
 * ('JK02_24S' | 'JK02_32S' | 'JK04' | 'auto'); 0x370/0x371 meaning: `PylonOptions.meaning370`;
 * Daly cell count: `assembleDalyCellVoltages(frames, n)` / `SampleOptions.cell_count`.
 */
export { DecodeError, type DecodeErrorCode } from './errors.ts';
export type { DecodeResult, FieldValue, Frame, StreamDecoder } from './types.ts';
export { toHex, fromHex } from '../framing/hex.ts';
export {
  decodeJbdFrame, createJbdStreamDecoder, jbdReadRequest, jbdWriteRequest, jbdFrameSpec, JbdRegister,
  type JbdFrame, type JbdBasicInfoFields, type JbdCellsFields, type JbdModelFields, type JbdStatusFields, type JbdRequestFields,
} from './jbd.ts';
export {
  decodeDalyFrame, createDalyStreamDecoder, dalyRequest, dalyFrameSpec, assembleDalyCellVoltages, assembleDalyTemperatures,
  DalyDataId, DALY_HOST_ADDRESSES, type DalyFrame, type DalyOptions, type DalyHostAddress,
} from './daly.ts';
export {
  decodeJkUartFrame, createJkUartStreamDecoder, jkUartRequest, jkUartReadAllRequest, jkUartFrameSpec, JkUartCommand,
  type JkUartFrame, type JkUartDataFields, type JkUartOptions,
} from './jk-uart.ts';
export {
  decodeJk300Frame, createJk300StreamDecoder, jk300FrameSpec, jkPbStatusTrigger, jkBleCommand, detectVariant, JK300_VARIANTS,
  Jk300FrameType, type Jk300Frame, type Jk300Options, type Jk300Variant, type Jk300CellInfoFields,
} from './jk300.ts';
export { decodeAntFrame, createAntStreamDecoder, antFrameSpec, type AntFrame } from './ant.ts';
export type { CanFrame } from './can-frame.ts';
export { decodeSlcanLine, slcanLineToCanFrame, SlcanStreamDecoder, type SlcanLine, type SlcanFields } from './slcan.ts';
export { decodeCandumpLine, parseCandumpLine, type CandumpFrame, type CandumpFields } from './candump.ts';
export { PylonCanDecoder, parseCanLine, type PylonCanFrame, type PylonOptions, type Meaning370, type CanFrameLike } from './pylon-can.ts';
export { toSample, type Sample, type SampleOptions, type SampleInputFrame } from './sample.ts';
export { decodeInput, DECODE_PROTOCOLS, type DecodeProtocol, type DecodeInputOptions, type DecodeOutput } from './decode-input.ts';
