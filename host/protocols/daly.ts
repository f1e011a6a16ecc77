/**
 * Daly "UART/485 Communications Protocol" (A5, 9600 8N1), see shared docs/protocols.md §1.2.
 *
 * Every frame is 13 bytes: A5, address, data id, 08, 8 data bytes, checksum = Σ bytes[0..11] & 0xFF.
 * Requests carry the host address (0x40 PC per PDF V1.2, 0x80 per V1.0 / some units, 0x20 GPRS);
 * replies carry the board address (0x01 for a single BMS). Values big-endian.
 * Current: u16 with a 30000 offset × 0.1 A; on the evidence of real captures raw > 30000 =
 * discharging, so `current_a` (positive = charging) = (30000 − raw) / 10. Firmware that counts the
 * other way is handled by `invert_current` in toSample, never here.
 */
import { sum, u16be, u32be, u8 } from '../framing/bytes.ts';
import type { FrameSpec } from '../framing/frame-spec.ts';
import { toHex } from '../framing/hex.ts';
import { DecodeError } from './errors.ts';
import { checkWholeFrame, FramedStreamDecoder } from './stream.ts';
import type { Frame } from './types.ts';

export const DALY_START = 0xa5;
export const DALY_FRAME_LENGTH = 13;
/** Host addresses seen in requests: PC 0x40 (PDF V1.2), 0x80 (PDF V1.0, Bluetooth in V1.2), 0x20 GPRS. */
export const DALY_HOST_ADDRESSES = [0x40, 0x80, 0x20] as const;
export type DalyHostAddress = (typeof DALY_HOST_ADDRESSES)[number];
export const DalyDataId = {
  SOC: 0x90, CELL_VOLTAGE_RANGE: 0x91, TEMPERATURE_RANGE: 0x92, MOS_STATUS: 0x93, STATUS_INFO: 0x94,
  CELL_VOLTAGES: 0x95, TEMPERATURES: 0x96, BALANCE: 0x97, FAILURES: 0x98,
} as const;
const CURRENT_OFFSET = 30000;
const TEMP_OFFSET_C = 40;

interface Addr { address: number; data_id: number }
export interface DalySocFields extends Addr { pack_voltage_v: number; gather_voltage_v: number; current_raw: number; current_minus_offset_a: number; current_a: number; soc_pct: number }
export interface DalyCellRangeFields extends Addr { max_cell_v: number; max_cell_no: number; min_cell_v: number; min_cell_no: number; reserved_hex: string }
export interface DalyTempRangeFields extends Addr { max_temp_c: number; max_temp_sensor: number; min_temp_c: number; min_temp_sensor: number; reserved_hex: string }
export interface DalyMosFields extends Addr { state_raw: number; state: 'idle' | 'charging' | 'discharging' | 'unknown'; charge_mos_on: boolean; discharge_mos_on: boolean; bms_life: number; remaining_capacity_ah: number }
export interface DalyStatusFields extends Addr { cell_count: number; temp_sensor_count: number; charger_connected: boolean; load_connected: boolean; dio_raw: number; cycles: number; reserved_hex: string }
export interface DalyCellVoltagesFields extends Addr { frame_no: number; cell_mv: number[]; reserved_hex: string }
export interface DalyTemperaturesFields extends Addr { frame_no: number; temps_c: number[] }
/** 0x97: bit k of the 48-bit map (byte k>>3, bit k&7 — byte order not stated by the PDF) = cell k+1. */
export interface DalyBalanceFields extends Addr { balance_raw_hex: string; balancing_cells: number[] }
export interface DalyFailureFields extends Addr { failure_raw_hex: string; fault_code: number }
export interface DalyRequestFields { host_address: number; data_id: number; fill_hex: string; checksum_ok: true }
export interface DalyUnknownFields extends Addr { data_hex: string }

export type DalyFrame =
  | Frame<'daly', 'soc', DalySocFields>
  | Frame<'daly', 'cell-voltage-range', DalyCellRangeFields>
  | Frame<'daly', 'temperature-range', DalyTempRangeFields>
  | Frame<'daly', 'mos-status', DalyMosFields>
  | Frame<'daly', 'status-info', DalyStatusFields>
  | Frame<'daly', 'cell-voltages', DalyCellVoltagesFields>
  | Frame<'daly', 'temperatures', DalyTemperaturesFields>
  | Frame<'daly', 'balance', DalyBalanceFields>
  | Frame<'daly', 'failures', DalyFailureFields>
  | Frame<'daly', 'request', DalyRequestFields>
  | Frame<'daly', 'unknown', DalyUnknownFields>;

export interface DalyOptions {
  /** Address bytes that mark a frame as a host request (our own echo on RS485). Default 0x40, 0x80, 0x20. */
  host_addresses?: readonly number[];
}

const checksumOf = (b: Uint8Array, i: number): number => sum(b, i, i + 12) & 0xff;

export const dalyFrameSpec: FrameSpec = {
  name: 'daly',
  headerLength: 4,
  maxFrameLength: DALY_FRAME_LENGTH,
  startBytes: [DALY_START],
  couldStart: (b, i, avail) => b[i] === DALY_START && (avail < 4 || b[i + 3] === 0x08),
  frameLength: (b, i) => (b[i + 3] === 0x08 ? DALY_FRAME_LENGTH : -1),
  verify: (b, i) => (u8(b, i + 12) === checksumOf(b, i) ? 'ok' : 'checksum'),
  explain: (b) => `frame says 0x${u8(b, 12).toString(16).padStart(2, '0')}, bytes sum to 0x${checksumOf(b, 0).toString(16).padStart(2, '0')}`,
};

/** Decodes one 13-byte Daly frame; throws DecodeError (checksum, length, bad-format, unknown-command). */
export function decodeDalyFrame(bytes: Uint8Array, opts: DalyOptions = {}): DalyFrame {
  checkWholeFrame(dalyFrameSpec, bytes, 'A5 with 08 at byte 3');
  const f = decodeVerifiedDaly(bytes, opts);
  if (f.kind === 'unknown') throw new DecodeError('unknown-command', `daly: data id 0x${f.fields.data_id.toString(16)} is not one of 0x90-0x98`);
  return f;
}

export function createDalyStreamDecoder(opts: DalyOptions = {}): FramedStreamDecoder<DalyFrame> {
  return new FramedStreamDecoder(dalyFrameSpec, (raw) => decodeVerifiedDaly(raw, opts));
}

export function decodeVerifiedDaly(raw: Uint8Array, opts: DalyOptions = {}): DalyFrame {
  const address = u8(raw, 1);
  const data_id = u8(raw, 2);
  const d = raw.subarray(4, 12);
  const hosts = opts.host_addresses ?? DALY_HOST_ADDRESSES;
  if (hosts.includes(address)) return { protocol: 'daly', kind: 'request', raw, fields: { host_address: address, data_id, fill_hex: toHex(d), checksum_ok: true } };
    switch (data_id) {
    case DalyDataId.SOC: {
      const current_raw = u16be(d, 4);
      return { protocol: 'daly', kind: 'soc', raw, fields: { address, data_id, pack_voltage_v: u16be(d, 0) / 10, gather_voltage_v: u16be(d, 2) / 10, current_raw, current_minus_offset_a: (current_raw - CURRENT_OFFSET) / 10, current_a: (CURRENT_OFFSET - current_raw) / 10, soc_pct: u16be(d, 6) / 10 } };
    }
    case DalyDataId.CELL_VOLTAGE_RANGE:
      return { protocol: 'daly', kind: 'cell-voltage-range', raw, fields: { address, data_id, max_cell_v: u16be(d, 0) / 1000, max_cell_no: u8(d, 2), min_cell_v: u16be(d, 3) / 1000, min_cell_no: u8(d, 5), reserved_hex: toHex(d.subarray(6)) } };
    case DalyDataId.TEMPERATURE_RANGE:
      return { protocol: 'daly', kind: 'temperature-range', raw, fields: { address, data_id, max_temp_c: u8(d, 0) - TEMP_OFFSET_C, max_temp_sensor: u8(d, 1), min_temp_c: u8(d, 2) - TEMP_OFFSET_C, min_temp_sensor: u8(d, 3), reserved_hex: toHex(d.subarray(4)) } };
    case DalyDataId.MOS_STATUS: {
      const s = u8(d, 0);
      const state = s === 0 ? 'idle' : s === 1 ? 'charging' : s === 2 ? 'discharging' : 'unknown';
      return { protocol: 'daly', kind: 'mos-status', raw, fields: { address, data_id, state_raw: s, state, charge_mos_on: u8(d, 1) !== 0, discharge_mos_on: u8(d, 2) !== 0, bms_life: u8(d, 3), remaining_capacity_ah: u32be(d, 4) / 1000 } };
    }
    case DalyDataId.STATUS_INFO:
      return { protocol: 'daly', kind: 'status-info', raw, fields: { address, data_id, cell_count: u8(d, 0), temp_sensor_count: u8(d, 1), charger_connected: u8(d, 2) !== 0, load_connected: u8(d, 3) !== 0, dio_raw: u8(d, 4), cycles: u16be(d, 5), reserved_hex: toHex(d.subarray(7)) } };
    case DalyDataId.CELL_VOLTAGES:
      return { protocol: 'daly', kind: 'cell-voltages', raw, fields: { address, data_id, frame_no: u8(d, 0), cell_mv: [u16be(d, 1), u16be(d, 3), u16be(d, 5)], reserved_hex: toHex(d.subarray(7)) } };
    case DalyDataId.TEMPERATURES: {
      const temps_c: number[] = [];
      for (let k = 1; k < 8; k++) temps_c.push(u8(d, k) - TEMP_OFFSET_C);
      return { protocol: 'daly', kind: 'temperatures', raw, fields: { address, data_id, frame_no: u8(d, 0), temps_c } };
    }
    case DalyDataId.BALANCE: {
      const balancing_cells: number[] = [];
      for (let k = 0; k < 48; k++) if (u8(d, k >> 3) & (1 << (k & 7))) balancing_cells.push(k + 1);
      return { protocol: 'daly', kind: 'balance', raw, fields: { address, data_id, balance_raw_hex: toHex(d.subarray(0, 6)), balancing_cells } };
    }
    case DalyDataId.FAILURES:
      return { protocol: 'daly', kind: 'failures', raw, fields: { address, data_id, failure_raw_hex: toHex(d.subarray(0, 7)), fault_code: u8(d, 7) } };
    default:
      return { protocol: 'daly', kind: 'unknown', raw, fields: { address, data_id, data_hex: toHex(d) } };
  }
}

/**
 * Cell voltages from a 0x95 multi-frame reply: frames sorted by frame number (1-based on real
 * units; a frame 0 is accepted as the PDF's numbering), 3 cells each, cut to `cell_count`.
 * Returns undefined when a frame needed for `cell_count` cells is missing.
 */
export function assembleDalyCellVoltages(frames: readonly DalyFrame[], cell_count: number): number[] | undefined {
  if (!Number.isInteger(cell_count) || cell_count < 1 || cell_count > 48) throw new DecodeError('bad-option', `daly cell count ${cell_count} is not 1..48`);
  const cells = frames.filter((f): f is Extract<DalyFrame, { kind: 'cell-voltages' }> => f.kind === 'cell-voltages');
  const zeroBased = cells.some((f) => f.fields.frame_no === 0);
  const byNo = new Map(cells.map((f) => [f.fields.frame_no - (zeroBased ? 0 : 1), f.fields.cell_mv]));
  const out: number[] = [];
  for (let c = 0; c < cell_count; c++) {
    const mv = byNo.get(Math.floor(c / 3))?.[c % 3];
    if (mv === undefined) return undefined;
    out.push(mv / 1000);
  }
  return out;
}

/** Temperatures (°C) from a 0x96 multi-frame reply, 7 per frame, cut to `sensor_count`; undefined when incomplete. */
export function assembleDalyTemperatures(frames: readonly DalyFrame[], sensor_count: number): number[] | undefined {
  const t = frames.filter((f): f is Extract<DalyFrame, { kind: 'temperatures' }> => f.kind === 'temperatures');
  const zeroBased = t.some((f) => f.fields.frame_no === 0);
  const byNo = new Map(t.map((f) => [f.fields.frame_no - (zeroBased ? 0 : 1), f.fields.temps_c]));
  const out: number[] = [];
  for (let s = 0; s < sensor_count; s++) {
    const v = byNo.get(Math.floor(s / 7))?.[s % 7];
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/**
 * A read request `A5 <host> <id> 08 <fill×8> <sum>`. host_address: 0x40 (default, PDF V1.2 PC) or
 * 0x80 (PDF V1.0 / units that only answer it); fill 0x00 (default) or 0xAA (some adapters' sync aid).
 */
export function dalyRequest(data_id: number, opts: { host_address?: number; fill?: number } = {}): Uint8Array {
  const host = opts.host_address ?? 0x40;
  const fill = opts.fill ?? 0x00;
  for (const [name, v] of [['data id', data_id], ['host address', host], ['fill', fill]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new DecodeError('bad-option', `daly ${name} ${v} is not a byte`);
  }
  const b = new Uint8Array(DALY_FRAME_LENGTH).fill(fill);
  b[0] = DALY_START; b[1] = host; b[2] = data_id; b[3] = 0x08;
  b[12] = checksumOf(b, 0);
  return b;
}

