/**
 * JK BMS 300-byte `55 AA EB 90` frames (JK BLE; JK-PB over RS485), see shared docs/protocols.md §1.3(b).
 *
 * Frame: 55 AA EB 90, type (0x01 settings, 0x02 cell info, 0x03 device info, 0x05 logbook),
 * counter, 293 bytes of data, checksum byte 299 = Σ bytes[0..298] & 0xFF. Little-endian fields.
 * Host commands (20 bytes, `AA 55 90 EB cmd len data[4] 00×9 sum8`) are echoed into the stream
 * and come out as kind 'request'. The cell-info layout depends on the firmware generation, which
 * the frame does not state: `variant` JK02_24S (hw 6–10), JK02_32S (hw ≥ 11, fields after the
 * cell block moved by +16 / +32 bytes), JK04 (float32 cells), or 'auto' (default) which picks the
 * JK02 layout whose pack voltage agrees with the sum of its cells and recognises JK04 by its floats.
 * Current: s32 mA, positive = charging.
 *
 * JK-PB over RS485 also speaks Modbus RTU: a FC16 write triggers the frame and is acknowledged;
 * `decodeJk300Frame` decodes those 8/11-byte Modbus frames too (kind 'modbus-request' / 'modbus-ack').
 */
import { ascii, f32le, s16le, s32le, sum, u16be, u16le, u32le, u8 } from '../framing/bytes.ts';
import { crc16Modbus } from '../framing/crc16-modbus.ts';
import type { FrameSpec } from '../framing/frame-spec.ts';
import { toHex } from '../framing/hex.ts';
import { DecodeError } from './errors.ts';
import { checkWholeFrame, FramedStreamDecoder } from './stream.ts';
import type { Frame } from './types.ts';

export const JK300_FRAME_LENGTH = 300;
export const JK_BLE_COMMAND_LENGTH = 20;
export const JK300_VARIANTS = ['JK02_24S', 'JK02_32S', 'JK04'] as const;
export type Jk300Variant = (typeof JK300_VARIANTS)[number];
export const Jk300FrameType = { SETTINGS: 0x01, CELL_INFO: 0x02, DEVICE_INFO: 0x03, LOGBOOK: 0x05 } as const;
const KNOWN_TYPES = new Set<number>([1, 2, 3, 5]);
const FRAME_MAGIC = [0x55, 0xaa, 0xeb, 0x90] as const;
const COMMAND_MAGIC = [0xaa, 0x55, 0x90, 0xeb] as const;

export interface Jk300Options {
  /** Cell-info layout; default 'auto'. */
  variant?: Jk300Variant | 'auto';
}

export interface Jk300CellInfoFields {
  cell_voltages_v: number[];
  enabled_cells_mask: number;
  pack_voltage_v: number; current_a: number;
  temp1_c: number; temp2_c: number; mos_temp_c: number;
  balance_current_a: number; soc_pct: number;
  remaining_capacity_ah: number; full_capacity_ah: number; cycles: number; cycle_capacity_ah: number;
  soh_pct: number; runtime_s: number; charge_mos_on: boolean; discharge_mos_on: boolean; errors_raw: number;
}
/** JK04 cell info: only the float32 cell voltages are documented (protocols.md §1.3(b)). */
export interface Jk04CellInfoFields { cell_voltages_v: number[] }
export interface Jk300DeviceInfoFields { vendor_id: string; hardware_version: string; software_version: string; uptime_s: number }
/** Settings (0x01) and logbook (0x05) frames: verified and kept raw, not interpreted. */
export interface Jk300OtherFields { frame_type: number; counter: number; data_hex: string }
export interface JkBleCommandFields { command: number; length: number; data_hex: string; checksum_ok: true }
export interface JkModbusFields { address: number; function: number; register: number; crc_ok: true }

export type Jk300Frame =
  | (Frame<'jk300', 'cell-info', Jk300CellInfoFields> & { readonly layout: 'JK02_24S' | 'JK02_32S' })
  | (Frame<'jk300', 'cell-info-jk04', Jk04CellInfoFields> & { readonly layout: 'JK04' })
  | Frame<'jk300', 'device-info', Jk300DeviceInfoFields>
  | Frame<'jk300', 'settings' | 'logbook', Jk300OtherFields>
  | Frame<'jk300', 'request', JkBleCommandFields>
  | Frame<'jk300', 'modbus-request' | 'modbus-ack', JkModbusFields>;

const magicAt = (b: Uint8Array, i: number, avail: number, m: readonly number[]): boolean => {
  for (let k = 0; k < m.length && k < avail; k++) if (b[i + k] !== m[k]) return false;
  return true;
};
const sum8 = (b: Uint8Array, i: number, len: number): number => sum(b, i, i + len - 1) & 0xff;

export const jk300FrameSpec: FrameSpec = {
  name: 'jk300',
  headerLength: 5,
  maxFrameLength: JK300_FRAME_LENGTH,
  startBytes: [FRAME_MAGIC[0], COMMAND_MAGIC[0]],
  couldStart: (b, i, avail) => magicAt(b, i, avail, FRAME_MAGIC) || magicAt(b, i, avail, COMMAND_MAGIC),
  frameLength(b, i) {
    if (magicAt(b, i, 4, COMMAND_MAGIC)) return JK_BLE_COMMAND_LENGTH;
    return KNOWN_TYPES.has(u8(b, i + 4)) ? JK300_FRAME_LENGTH : -1;
  },
  verify: (b, i, len) => (u8(b, i + len - 1) === sum8(b, i, len) ? 'ok' : 'checksum'),
  explain: (b, len) => `frame says 0x${u8(b, len - 1).toString(16).padStart(2, '0')}, bytes sum to 0x${sum8(b, 0, len).toString(16).padStart(2, '0')}`,
};

/** Decodes one 300-byte frame, one 20-byte host command, or one Modbus FC16 request / ACK (JK-PB RS485). */
export function decodeJk300Frame(bytes: Uint8Array, opts: Jk300Options = {}): Jk300Frame {
  if (bytes.length >= 2 && bytes[1] === 0x10 && !magicAt(bytes, 0, 4, FRAME_MAGIC) && !magicAt(bytes, 0, 4, COMMAND_MAGIC)) return decodeModbusFc16(bytes);
  if (bytes.length >= 5 && magicAt(bytes, 0, 4, FRAME_MAGIC) && !KNOWN_TYPES.has(u8(bytes, 4))) {
    throw new DecodeError('unknown-command', `jk300: frame type 0x${u8(bytes, 4).toString(16)} is not one of 0x01, 0x02, 0x03, 0x05`);
  }
  checkWholeFrame(jk300FrameSpec, bytes, '55 AA EB 90 (or a host command AA 55 90 EB)');
  return decodeVerifiedJk300(bytes, opts);
}

export function createJk300StreamDecoder(opts: Jk300Options = {}): FramedStreamDecoder<Jk300Frame> {
  return new FramedStreamDecoder(jk300FrameSpec, (raw) => decodeVerifiedJk300(raw, opts));
}

export function decodeVerifiedJk300(raw: Uint8Array, opts: Jk300Options = {}): Jk300Frame {
  if (raw.length === JK_BLE_COMMAND_LENGTH) {
    return { protocol: 'jk300', kind: 'request', raw, fields: { command: u8(raw, 4), length: u8(raw, 5), data_hex: toHex(raw.subarray(6, 10)), checksum_ok: true } };
  }
  const type = u8(raw, 4);
  if (type === Jk300FrameType.CELL_INFO) {
    const variant = opts.variant && opts.variant !== 'auto' ? opts.variant : detectVariant(raw);
    if (variant === 'JK04') return { protocol: 'jk300', kind: 'cell-info-jk04', layout: 'JK04', raw, fields: { cell_voltages_v: jk04Cells(raw) } };
    return { protocol: 'jk300', kind: 'cell-info', layout: variant, raw, fields: decodeJk02(raw, variant) };
  }
  if (type === Jk300FrameType.DEVICE_INFO) {
    return { protocol: 'jk300', kind: 'device-info', raw, fields: { vendor_id: ascii(raw, 6, 22), hardware_version: ascii(raw, 22, 30), software_version: ascii(raw, 30, 38), uptime_s: u32le(raw, 38) } };
  }
  return { protocol: 'jk300', kind: type === Jk300FrameType.SETTINGS ? 'settings' : 'logbook', raw, fields: { frame_type: type, counter: u8(raw, 5), data_hex: toHex(raw.subarray(6, 299)) } };
}

/** Layout offsets that differ between JK02_24S and JK02_32S. */
const LAYOUT = {
  JK02_24S: { slots: 24, mask: 54, mos: 134, pack: 118, current: 126, t1: 130, t2: 132, errors: 136, errorsU32: false, shift: 0 },
  JK02_32S: { slots: 32, mask: 70, mos: 144, pack: 150, current: 158, t1: 162, t2: 164, errors: 166, errorsU32: true, shift: 32 },
} as const;

function decodeJk02(b: Uint8Array, variant: 'JK02_24S' | 'JK02_32S'): Jk300CellInfoFields {
  const L = LAYOUT[variant];
  const mask = u32le(b, L.mask);
  const s = L.shift;
  return {
    cell_voltages_v: jk02Cells(b, L.slots, mask).map((mv) => mv / 1000),
    enabled_cells_mask: mask,
    pack_voltage_v: u32le(b, L.pack) / 1000,
    current_a: s32le(b, L.current) / 1000 || 0,
    temp1_c: s16le(b, L.t1) / 10,
    temp2_c: s16le(b, L.t2) / 10,
    mos_temp_c: s16le(b, L.mos) / 10,
    balance_current_a: s16le(b, 138 + s) / 1000 || 0,
    soc_pct: u8(b, 141 + s),
    remaining_capacity_ah: u32le(b, 142 + s) / 1000,
    full_capacity_ah: u32le(b, 146 + s) / 1000,
    cycles: u32le(b, 150 + s),
    cycle_capacity_ah: u32le(b, 154 + s) / 1000,
    soh_pct: u8(b, 158 + s),
    runtime_s: u32le(b, 162 + s),
    charge_mos_on: u8(b, 166 + s) !== 0,
    discharge_mos_on: u8(b, 167 + s) !== 0,
    errors_raw: L.errorsU32 ? u32le(b, L.errors) : u16le(b, L.errors),
  };
}

/** Cell mV of the enabled cells: slots up to the highest bit set in the mask (all non-zero slots when the mask is 0). */
function jk02Cells(b: Uint8Array, slots: number, mask: number): number[] {
  let n = 0;
  for (let k = 0; k < slots && k < 32; k++) if ((mask >>> k) & 1) n = k + 1;
  if (mask === 0) for (let k = 0; k < slots; k++) if (u16le(b, 6 + 2 * k) !== 0) n = k + 1;
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(u16le(b, 6 + 2 * k));
  return out;
}

function jk04Cells(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < 24; k++) {
    const v = f32le(b, 6 + 4 * k);
    if (!(v > 0.1 && v < 10)) break;
    out.push(Math.round(v * 1000) / 1000);
  }
  return out;
}

/**
 * 'auto' layout: JK04 when the first cell reads as a plausible float32 voltage; else the JK02 layout
 * whose u32 pack voltage is closest to the sum of its cell slots (a wrong layout reads an unrelated
 * field, protocols.md §3 "pack voltage 0").
 */
export function detectVariant(b: Uint8Array): Jk300Variant {
  const f = f32le(b, 6);
  if (f > 0.5 && f < 6 && u16le(b, 6) !== 0) return 'JK04';
  const err = (v: 'JK02_24S' | 'JK02_32S'): number => {
    const L = LAYOUT[v];
    let cells = 0;
    for (let k = 0; k < L.slots; k++) cells += u16le(b, 6 + 2 * k);
    const pack = u32le(b, L.pack);
    return Math.abs(pack - cells) / Math.max(pack, cells, 1);
  };
  return err('JK02_24S') < err('JK02_32S') ? 'JK02_24S' : 'JK02_32S';
}

function decodeModbusFc16(b: Uint8Array): Jk300Frame {
  const isAck = b.length === 8;
  const expected = isAck ? 8 : 9 + u8(b, 6);
  if (b.length < 8 || b.length !== expected) throw new DecodeError('length', `jk300 modbus FC16: ${b.length} bytes, expected ${b.length < 8 ? 'at least 8' : expected}`);
  const crc = crc16Modbus(b, 0, b.length - 2);
  const got = u16le(b, b.length - 2);
  if (crc !== got) throw new DecodeError('checksum', `jk300 modbus FC16: CRC says 0x${got.toString(16).padStart(4, '0')}, bytes give 0x${crc.toString(16).padStart(4, '0')}`);
  return { protocol: 'jk300', kind: isAck ? 'modbus-ack' : 'modbus-request', raw: b, fields: { address: u8(b, 0), function: 0x10, register: u16be(b, 2), crc_ok: true } };
}

/** JK-PB RS485 status trigger: Modbus FC16 write of 0x0000 to register 0x1620 on `address` (1..15). */
export function jkPbStatusTrigger(address: number): Uint8Array {
  if (!Number.isInteger(address) || address < 0 || address > 247) throw new DecodeError('bad-option', `modbus address ${address} is not 0..247`);
  const b = new Uint8Array([address, 0x10, 0x16, 0x20, 0x00, 0x01, 0x02, 0x00, 0x00, 0, 0]);
  const crc = crc16Modbus(b, 0, 9);
  b[9] = crc & 0xff; b[10] = crc >> 8;
  return b;
}

/** A 20-byte BLE host command `AA 55 90 EB cmd 00 00000000 00×9 sum8` (0x96 cell info, 0x97 device info). */
export function jkBleCommand(command: number): Uint8Array {
  const b = new Uint8Array(JK_BLE_COMMAND_LENGTH);
  b.set(COMMAND_MAGIC, 0);
  b[4] = command & 0xff;
  b[19] = sum8(b, 0, JK_BLE_COMMAND_LENGTH);
  return b;
}
