/**
 * JBD / Xiaoxiang "General Protocol V4" (`DD … 77`, 9600 8N1), see shared docs/protocols.md §1.1.
 *
 * Frame: DD, (request: A5 read | 5A write, register) or (reply: register, status 00 ok | 80 error),
 * n, n data bytes, checksum u16 BE = (0x10000 − Σ bytes[2 .. 3+n]) & 0xFFFF, 77.
 * All multi-byte values big-endian. Current on the wire: s16 × 10 mA, positive = charging.
 */
import { ascii, s16be, sum, u16be, u8 } from '../framing/bytes.ts';
import type { FrameSpec } from '../framing/frame-spec.ts';
import { toHex } from '../framing/hex.ts';
import { DecodeError } from './errors.ts';
import { checkWholeFrame, FramedStreamDecoder } from './stream.ts';
import type { Frame } from './types.ts';

export const JBD_START = 0xdd;
export const JBD_END = 0x77;
export const JBD_READ = 0xa5;
export const JBD_WRITE = 0x5a;
/** Registers this decoder interprets. */
export const JbdRegister = { BASIC_INFO: 0x03, CELLS: 0x04, HARDWARE_VERSION: 0x05, ERROR_COUNTERS: 0xaa, MOS_CONTROL: 0xe1 } as const;

/** Register 0xAA: how often each protection has tripped, 11 × u16 BE in this order (shared docs/protocols.md §1.1). */
export const JBD_ERROR_COUNTERS = [
  'short_circuit', 'charge_overcurrent', 'discharge_overcurrent', 'cell_overvoltage', 'cell_undervoltage',
  'charge_overtemperature', 'charge_undertemperature', 'discharge_overtemperature', 'discharge_undertemperature',
  'pack_overvoltage', 'pack_undervoltage',
] as const;

/** Protection bit names, bit 0 first (JBD V4 register 0x03 offset 16). */
export const JBD_PROTECTIONS = [
  'cell_overvoltage', 'cell_undervoltage', 'pack_overvoltage', 'pack_undervoltage',
  'charge_overtemperature', 'charge_undertemperature', 'discharge_overtemperature', 'discharge_undertemperature',
  'charge_overcurrent', 'discharge_overcurrent', 'short_circuit', 'afe_error', 'mos_software_lock',
] as const;

export interface JbdBasicInfoFields {
  register: 3; status: number;
  pack_voltage_v: number; current_a: number; remaining_capacity_ah: number; nominal_capacity_ah: number;
  cycles: number; production_date: string;
  balance_low_raw: number; balance_high_raw: number; balancing_cells: number[];
  protection_raw: number; protections: string[];
  software_version_raw: number; software_version: string; soc_pct: number;
  charge_fet_on: boolean; discharge_fet_on: boolean; cell_count: number; ntc_count: number; temperatures_c: number[];
  /** Bytes after the V4 layout (newer firmware), only present when there are some. */
  extra_raw_hex?: string;
}
export interface JbdCellsFields { register: 4; status: number; cell_voltages_v: number[] }
export interface JbdModelFields { register: 5; status: number; model: string }
/** Register 0xAA reply: counters by protection name; words after the eleven known ones (newer firmware) kept raw. */
export interface JbdErrorCounterFields { register: 0xaa; status: number; error_counts: Record<(typeof JBD_ERROR_COUNTERS)[number], number>; extra_raw_hex?: string }
/** A reply without data (write acknowledge) or an error reply (status 0x80). */
export interface JbdStatusFields { register: number; status: number; data_hex?: string }
export interface JbdRequestFields { register: number; write: boolean; data_hex: string; checksum_ok: true }

export type JbdFrame =
  | Frame<'jbd', 'basic-info', JbdBasicInfoFields>
  | Frame<'jbd', 'cells', JbdCellsFields>
  | Frame<'jbd', 'model', JbdModelFields>
  | Frame<'jbd', 'error-counters', JbdErrorCounterFields>
  | Frame<'jbd', 'status', JbdStatusFields>
  | Frame<'jbd', 'request', JbdRequestFields>
  /** A well-framed reply for a register this decoder does not interpret (EEPROM reads...). */
  | Frame<'jbd', 'unknown', JbdStatusFields>;

const isRequest = (b: Uint8Array, i: number): boolean => b[i + 1] === JBD_READ || b[i + 1] === JBD_WRITE;
const checksumOf = (b: Uint8Array, i: number, n: number): number => (0x10000 - sum(b, i + 2, i + 4 + n)) & 0xffff;

export const jbdFrameSpec: FrameSpec = {
  name: 'jbd',
  headerLength: 4,
  maxFrameLength: 7 + 255,
  startBytes: [JBD_START],
  couldStart: (b, i, avail) => b[i] === JBD_START && (avail < 3 || isRequest(b, i) || b[i + 2] === 0x00 || b[i + 2] === 0x80),
  frameLength: (b, i) => 7 + u8(b, i + 3),
  verify(b, i, len) {
    if (b[i + len - 1] !== JBD_END) return 'bad-format';
    const n = len - 7;
    return u16be(b, i + 4 + n) === checksumOf(b, i, n) ? 'ok' : 'checksum';
  },
  explain(b, len) {
    if (b[len - 1] !== JBD_END) return `last byte 0x${u8(b, len - 1).toString(16)} is not the end marker 0x77`;
    const n = len - 7;
    return `frame says 0x${u16be(b, 4 + n).toString(16).padStart(4, '0')}, bytes sum to 0x${checksumOf(b, 0, n).toString(16).padStart(4, '0')}`;
  },
};

/** Decodes one complete JBD frame; throws DecodeError (checksum, length, bad-format, unknown-command). */
export function decodeJbdFrame(bytes: Uint8Array): JbdFrame {
  checkWholeFrame(jbdFrameSpec, bytes, 'DD and end with 77');
  const f = decodeVerifiedJbd(bytes);
  if (f.kind === 'unknown') throw new DecodeError('unknown-command', `jbd: register 0x${f.fields.register.toString(16)} is not one this decoder interprets (0x03, 0x04, 0x05, 0xAA, write acks)`);
  return f;
}

/** A stream decoder for JBD replies (and requests / echoes, reported as kind 'request'). */
export function createJbdStreamDecoder(): FramedStreamDecoder<JbdFrame> {
  return new FramedStreamDecoder(jbdFrameSpec, decodeVerifiedJbd);
}

/** Decodes a frame whose framing and checksum are already verified. */
export function decodeVerifiedJbd(raw: Uint8Array): JbdFrame {
  const n = u8(raw, 3);
  const data = raw.subarray(4, 4 + n);
  if (isRequest(raw, 0)) {
    return { protocol: 'jbd', kind: 'request', raw, fields: { register: u8(raw, 2), write: raw[1] === JBD_WRITE, data_hex: toHex(data), checksum_ok: true } };
  }
  const register = u8(raw, 1);
  const status = u8(raw, 2);
  if (status !== 0 || n === 0) {
    const fields: JbdStatusFields = { register, status };
    if (n > 0) fields.data_hex = toHex(data);
    return { protocol: 'jbd', kind: 'status', raw, fields };
  }
  if (register === JbdRegister.BASIC_INFO) return { protocol: 'jbd', kind: 'basic-info', raw, fields: decodeBasicInfo(data) };
  if (register === JbdRegister.CELLS) {
    if (n % 2 !== 0) throw new DecodeError('length', `jbd 0x04: ${n} data bytes is not a whole number of u16 cells`);
    const cell_voltages_v: number[] = [];
    for (let k = 0; k < n; k += 2) cell_voltages_v.push(u16be(data, k) / 1000);
    return { protocol: 'jbd', kind: 'cells', raw, fields: { register: 4, status, cell_voltages_v } };
  }
  if (register === JbdRegister.HARDWARE_VERSION) return { protocol: 'jbd', kind: 'model', raw, fields: { register: 5, status, model: ascii(data, 0, n) } };
  if (register === JbdRegister.ERROR_COUNTERS) {
    if (n < 2 * JBD_ERROR_COUNTERS.length) throw new DecodeError('length', `jbd: error-counter reply has ${n} bytes, needs ${2 * JBD_ERROR_COUNTERS.length}`);
    const error_counts = {} as JbdErrorCounterFields['error_counts'];
    JBD_ERROR_COUNTERS.forEach((name, k) => (error_counts[name] = u16be(data, 2 * k)));
    const fields: JbdErrorCounterFields = { register: 0xaa, status, error_counts };
    if (n > 2 * JBD_ERROR_COUNTERS.length) fields.extra_raw_hex = toHex(data.subarray(2 * JBD_ERROR_COUNTERS.length));
    return { protocol: 'jbd', kind: 'error-counters', raw, fields };
  }
  return { protocol: 'jbd', kind: 'unknown', raw, fields: { register, status, data_hex: toHex(data) } };
}

function decodeBasicInfo(d: Uint8Array): JbdBasicInfoFields {
  if (d.length < 23) throw new DecodeError('length', `jbd 0x03: ${d.length} data bytes, the V4 layout needs at least 23`);
  const ntc = u8(d, 22);
  const end = 23 + 2 * ntc;
  if (d.length < end) throw new DecodeError('length', `jbd 0x03: ${ntc} NTCs need ${end} data bytes, got ${d.length}`);
  const date = u16be(d, 10);
  const balLow = u16be(d, 12);
  const balHigh = u16be(d, 14);
  const prot = u16be(d, 16);
  const sw = u8(d, 18);
  const fet = u8(d, 20);
  const balancing_cells: number[] = [];
  for (let k = 0; k < 16; k++) if (balLow & (1 << k)) balancing_cells.push(k + 1);
  for (let k = 0; k < 16; k++) if (balHigh & (1 << k)) balancing_cells.push(k + 17);
  const protections: string[] = [];
  for (let k = 0; k < 16; k++) if (prot & (1 << k)) protections.push(JBD_PROTECTIONS[k] ?? `bit${k}`);
  const temperatures_c: number[] = [];
  for (let k = 0; k < ntc; k++) temperatures_c.push((u16be(d, 23 + 2 * k) - 2731) / 10);
  const pad = (v: number): string => String(v).padStart(2, '0');
  const fields: JbdBasicInfoFields = {
    register: 3, status: 0,
    pack_voltage_v: u16be(d, 0) / 100,
    current_a: s16be(d, 2) / 100,
    remaining_capacity_ah: u16be(d, 4) / 100,
    nominal_capacity_ah: u16be(d, 6) / 100,
    cycles: u16be(d, 8),
    production_date: `${2000 + (date >> 9)}-${pad((date >> 5) & 0x0f)}-${pad(date & 0x1f)}`,
    balance_low_raw: balLow, balance_high_raw: balHigh, balancing_cells,
    protection_raw: prot, protections,
    software_version_raw: sw, software_version: `${sw >> 4}.${sw & 0x0f}`,
    soc_pct: u8(d, 19),
    charge_fet_on: (fet & 1) !== 0, discharge_fet_on: (fet & 2) !== 0,
    cell_count: u8(d, 21), ntc_count: ntc, temperatures_c,
  };
  if (d.length > end) fields.extra_raw_hex = toHex(d.subarray(end));
  return fields;
}

/** The request frame `DD A5 reg 00 cs cs 77` that reads a register (0x03 basic info, 0x04 cells, 0x05 model). */
export function jbdReadRequest(register: number): Uint8Array {
  return jbdRequest(JBD_READ, register, new Uint8Array(0));
}

/** A write request `DD 5A reg n data cs cs 77` (e.g. 0xE1 MOS control, data 00 xx). */
export function jbdWriteRequest(register: number, data: Uint8Array): Uint8Array {
  return jbdRequest(JBD_WRITE, register, data);
}

function jbdRequest(op: number, register: number, data: Uint8Array): Uint8Array {
  if (!Number.isInteger(register) || register < 0 || register > 255) throw new DecodeError('bad-option', `jbd register ${register} is not a byte`);
  if (data.length > 255) throw new DecodeError('bad-option', `jbd request data of ${data.length} bytes exceeds 255`);
  const n = data.length;
  const b = new Uint8Array(7 + n);
  b[0] = JBD_START; b[1] = op; b[2] = register; b[3] = n;
  b.set(data, 4);
  const cs = checksumOf(b, 0, n);
  b[4 + n] = cs >> 8; b[5 + n] = cs & 0xff; b[6 + n] = JBD_END;
  return b;
}
