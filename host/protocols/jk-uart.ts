/**
 * JK BMS RS485/TTL "GPS port" protocol (`4E 57` + TLV, 115200 8N1), see shared docs/protocols.md §1.3(a).
 *
 * Frame (T bytes in total): 4E 57, length u16 BE (= T − 2), terminal u32, command, source, type
 * (0 request, 1 reply, 2 active upload), TLV data, record number u32, 68, 00 00, u16 BE sum of
 * bytes [0, T−2). TLV tags have fixed value sizes (table below) except 0x79 (cells), which carries
 * its own length byte. Values big-endian.
 * Current 0x84: with protocol version (tag 0xC0) 1, bit 15 = charging and bits 0–14 are 10 mA;
 * with version 0, (10000 − raw) × 10 mA, positive = charging. Temperatures: 0–100 °C as is, above
 * 100 negative with 100 as reference (101 = −1 °C, per the JK document).
 */
import { ascii, sum, u16be, u32be, u8 } from '../framing/bytes.ts';
import type { FrameSpec } from '../framing/frame-spec.ts';
import { toHex } from '../framing/hex.ts';
import { DecodeError } from './errors.ts';
import { checkWholeFrame, FramedStreamDecoder } from './stream.ts';
import type { Frame } from './types.ts';

const HEADER_LENGTH = 11;
/** Header (11) + record number (4) + end marker (1) + checksum (4). */
const MIN_FRAME_LENGTH = 20;
/** Bound for the length field; a 24-cell read-all reply is about 300 bytes. */
export const JK_UART_MAX_FRAME_LENGTH = 1024;
const END_MARKER = 0x68;

export const JkUartCommand = { ACTIVATE: 1, WRITE: 2, READ: 3, PASSWORD: 5, READ_ALL: 6 } as const;
export const JK_UART_ALARMS = [
  'low_capacity', 'mos_overtemperature', 'charge_overvoltage', 'discharge_undervoltage', 'battery_overtemperature',
  'charge_overcurrent', 'discharge_overcurrent', 'cell_voltage_difference', 'box_overtemperature', 'battery_low_temperature',
  'cell_overvoltage', 'cell_undervoltage', '309_a_protection', '309_b_protection',
] as const;
const BATTERY_TYPES = ['LFP', 'NMC', 'LTO'] as const;

/** Value size in bytes of each fixed-size tag (0x79 is variable). */
const TAG_SIZE: Record<number, number> = (() => {
  const t: Record<number, number> = { 0x80: 2, 0x81: 2, 0x82: 2, 0x83: 2, 0x84: 2, 0x85: 1, 0x86: 1, 0x87: 2, 0x89: 4, 0x8a: 2, 0x8b: 2, 0x8c: 2 };
  for (let k = 0x8e; k <= 0x9c; k++) t[k] = 2;
  t[0x9d] = 1;
  for (let k = 0x9e; k <= 0xa8; k++) t[k] = 2;
  Object.assign(t, { 0xa9: 1, 0xaa: 4, 0xab: 1, 0xac: 1, 0xad: 2, 0xae: 1, 0xaf: 1, 0xb0: 2, 0xb1: 1, 0xb2: 10, 0xb3: 1, 0xb4: 8, 0xb5: 4, 0xb6: 4, 0xb7: 15, 0xb8: 1, 0xb9: 4, 0xba: 24, 0xc0: 1 });
  return t;
})();

export interface JkUartDataFields {
  command: number;
  cell_voltages_v?: number[];
  mos_temp_c?: number; temp1_c?: number; temp2_c?: number;
  pack_voltage_v?: number;
  protocol_version?: number;
  current_raw?: number; current_a?: number;
  soc_pct?: number; temp_sensor_count?: number; cycles?: number; total_cycle_capacity_ah?: number; cell_count?: number;
  alarm_raw?: number; alarms?: string[];
  status_raw?: number; charge_mos_on?: boolean; discharge_mos_on?: boolean; balancer_on?: boolean;
  pack_ovp_v?: number; pack_uvp_v?: number; discharge_ocp_a?: number; charge_ocp_a?: number;
  capacity_setting_ah?: number; battery_type?: string; manufacture_date?: string; runtime_min?: number;
  software_version?: string; manufacturer_id?: string;
  /** Data from the first tag this decoder does not know on (its size is unknown, so parsing stops there). */
  unparsed_hex?: string;
}
export interface JkUartRequestFields { checksum_ok: true; command: number }

export type JkUartFrame = Frame<'jk-uart', 'data', JkUartDataFields> | Frame<'jk-uart', 'request', JkUartRequestFields>;

export interface JkUartOptions {
  /** Current encoding when the frame carries no 0xC0 tag (default 1: sign bit, as dbus-serialbattery assumes). Overrides the frame's 0xC0 when `force` is set. */
  protocol_version?: 0 | 1;
  force_protocol_version?: boolean;
}

const checksumOf = (b: Uint8Array, i: number, T: number): number => sum(b, i, i + T - 2) & 0xffff;

export const jkUartFrameSpec: FrameSpec = {
  name: 'jk-uart',
  headerLength: 4,
  maxFrameLength: JK_UART_MAX_FRAME_LENGTH,
  startBytes: [0x4e],
  couldStart: (b, i, avail) => b[i] === 0x4e && (avail < 2 || b[i + 1] === 0x57),
  frameLength(b, i) {
    const T = u16be(b, i + 2) + 2;
    return T >= MIN_FRAME_LENGTH && T <= JK_UART_MAX_FRAME_LENGTH ? T : -1;
  },
  verify(b, i, T) {
    if (b[i + T - 5] !== END_MARKER) return 'bad-format';
    return u16be(b, i + T - 2) === checksumOf(b, i, T) ? 'ok' : 'checksum';
  },
  explain(b, T) {
    if (b[T - 5] !== END_MARKER) return `byte ${T - 5} is 0x${u8(b, T - 5).toString(16)}, not the end marker 0x68`;
    return `frame says 0x${u16be(b, T - 2).toString(16).padStart(4, '0')}, bytes sum to 0x${checksumOf(b, 0, T).toString(16).padStart(4, '0')}`;
  },
};

export function decodeJkUartFrame(bytes: Uint8Array, opts: JkUartOptions = {}): JkUartFrame {
  checkWholeFrame(jkUartFrameSpec, bytes, '4E 57');
  return decodeVerifiedJkUart(bytes, opts);
}

export function createJkUartStreamDecoder(opts: JkUartOptions = {}): FramedStreamDecoder<JkUartFrame> {
  return new FramedStreamDecoder(jkUartFrameSpec, (raw) => decodeVerifiedJkUart(raw, opts));
}

const temp = (raw: number): number => (raw > 100 ? 100 - raw : raw);

export function decodeVerifiedJkUart(raw: Uint8Array, opts: JkUartOptions = {}): JkUartFrame {
  const T = raw.length;
  const command = u8(raw, 8);
  const type = u8(raw, 10);
  if (type === 0) return { protocol: 'jk-uart', kind: 'request', raw, fields: { checksum_ok: true, command } };
  const f: JkUartDataFields = { command };
  const end = T - 9; // record number starts here
  let i = HEADER_LENGTH;
  let currentRaw: number | undefined;
  while (i < end) {
    const tag = u8(raw, i);
    if (tag === 0x79) {
      const n = u8(raw, i + 1);
      if (i + 2 + n > end || n % 3 !== 0) throw new DecodeError('length', `jk-uart: cell block of ${n} bytes does not fit or is not 3 bytes per cell`);
      f.cell_voltages_v = [];
      for (let k = 0; k < n; k += 3) f.cell_voltages_v.push(u16be(raw, i + 3 + k) / 1000);
      i += 2 + n;
      continue;
    }
    const size = TAG_SIZE[tag];
    if (size === undefined) {
      f.unparsed_hex = toHex(raw.subarray(i, end));
      break;
    }
    if (i + 1 + size > end) throw new DecodeError('length', `jk-uart: tag 0x${tag.toString(16)} needs ${size} bytes past the end of the data`);
    const p = i + 1;
    const w = size === 1 ? u8(raw, p) : size === 2 ? u16be(raw, p) : size === 4 ? u32be(raw, p) : 0;
    switch (tag) {
      case 0x80: f.mos_temp_c = temp(w); break;
      case 0x81: f.temp1_c = temp(w); break;
      case 0x82: f.temp2_c = temp(w); break;
      case 0x83: f.pack_voltage_v = w / 100; break;
      case 0x84: currentRaw = w; break;
      case 0x85: f.soc_pct = w; break;
      case 0x86: f.temp_sensor_count = w; break;
      case 0x87: f.cycles = w; break;
      case 0x89: f.total_cycle_capacity_ah = w; break;
      case 0x8a: f.cell_count = w; break;
      case 0x8b: f.alarm_raw = w; f.alarms = JK_UART_ALARMS.filter((_, k) => (w & (1 << k)) !== 0); break;
      case 0x8c: f.status_raw = w; f.charge_mos_on = (w & 1) !== 0; f.discharge_mos_on = (w & 2) !== 0; f.balancer_on = (w & 4) !== 0; break;
      case 0x8e: f.pack_ovp_v = w / 100; break;
      case 0x8f: f.pack_uvp_v = w / 100; break;
      case 0x97: f.discharge_ocp_a = w; break;
      case 0x99: f.charge_ocp_a = w; break;
      case 0xaa: f.capacity_setting_ah = w; break;
      case 0xaf: f.battery_type = BATTERY_TYPES[w] ?? `unknown(${w})`; break;
      case 0xb5: f.manufacture_date = ascii(raw, p, p + size); break;
      case 0xb6: f.runtime_min = w; break;
      case 0xb7: f.software_version = ascii(raw, p, p + size); break;
      case 0xba: f.manufacturer_id = ascii(raw, p, p + size); break;
      case 0xc0: f.protocol_version = w; break;
      default: break; // known size, not reported (protection settings, passwords...)
    }
    i += 1 + size;
  }
  if (currentRaw !== undefined) {
    const version = opts.force_protocol_version ? (opts.protocol_version ?? 1) : (f.protocol_version ?? opts.protocol_version ?? 1);
    f.current_raw = currentRaw;
    f.current_a = version === 1 ? ((currentRaw & 0x8000 ? 1 : -1) * (currentRaw & 0x7fff)) / 100 : (10000 - currentRaw) / 100;
    if (f.current_a === 0) f.current_a = 0; // no -0 in JSON comparisons
  }
  return { protocol: 'jk-uart', kind: 'data', raw, fields: f };
}

/** A request frame: `4E 57 len 00000000 cmd source 00 data 00000000 68 0000 sum` (source 3 = PC). */
export function jkUartRequest(command: number, data: Uint8Array = new Uint8Array([0]), source = 3): Uint8Array {
  const T = HEADER_LENGTH + data.length + 9;
  const b = new Uint8Array(T);
  b[0] = 0x4e; b[1] = 0x57; b[2] = (T - 2) >> 8; b[3] = (T - 2) & 0xff;
  b[8] = command; b[9] = source; b[10] = 0;
  b.set(data, HEADER_LENGTH);
  b[T - 5] = END_MARKER;
  const cs = checksumOf(b, 0, T);
  b[T - 2] = cs >> 8; b[T - 1] = cs & 0xff;
  return b;
}

/** The read-all request `4E 57 00 13 00 00 00 00 06 03 00 00 00 00 00 00 68 00 00 01 29`. */
export function jkUartReadAllRequest(): Uint8Array {
  return jkUartRequest(JkUartCommand.READ_ALL);
}
