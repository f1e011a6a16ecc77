/**
 * ANT BMS, 2021+ protocol (19200 8N1), see shared docs/protocols.md §1.4.
 *
 * Frame: 7E A1, function, address u16 LE, n, n data bytes, CRC-16/MODBUS (LE) over bytes
 * [1, 6+n), AA 55. Total length 10 + n. Fields little-endian.
 * Status (function 0x11): byte 7 battery status, 8 temperature-sensor count T, 9 cell count N,
 * 10/18/26 protection / warning / balance masks (8 bytes each), cells u16 mV from 34, then T × s16
 * °C, MOS and balancer temperature, pack voltage u16 × 10 mV, current s16 × 0.1 A (positive =
 * charging), SOC, SOH (u16), charge / discharge / balancer status (u8, in that order, as
 * esphome-ant-bms reads them), 1 spare, capacity, remaining capacity u32 µAh, cycle capacity u32
 * (reads as mAh on the real capture), power s32 W, runtime u32 s.
 */
import { s16le, u16le, u32le, u8 } from '../framing/bytes.ts';
import { crc16Modbus } from '../framing/crc16-modbus.ts';
import type { FrameSpec } from '../framing/frame-spec.ts';
import { toHex } from '../framing/hex.ts';
import { DecodeError } from './errors.ts';
import { checkWholeFrame, FramedStreamDecoder } from './stream.ts';
import type { Frame } from './types.ts';

export const AntFunction = { STATUS: 0x11, DEVICE_INFO: 0x12 } as const;

export interface AntStatusFields {
  function: 17; battery_status: number; temp_sensor_count: number; cell_count: number;
  cell_voltages_v: number[]; temperatures_c: number[]; mos_temp_c: number; balancer_temp_c: number;
  pack_voltage_v: number; current_a: number; soc_pct: number; soh_pct: number;
  charge_mos_status: number; discharge_mos_status: number; balancer_status: number;
  capacity_ah: number; remaining_capacity_ah: number; cycle_capacity_ah: number; power_w: number; runtime_s: number;
}
export interface AntOtherFields { function: number; address: number; data_hex: string }

export type AntFrame = Frame<'ant', 'status', AntStatusFields> | Frame<'ant', 'unknown', AntOtherFields>;

const crcOf = (b: Uint8Array, i: number, len: number): number => crc16Modbus(b, i + 1, i + len - 4);

export const antFrameSpec: FrameSpec = {
  name: 'ant',
  headerLength: 6,
  maxFrameLength: 10 + 255,
  startBytes: [0x7e],
  couldStart: (b, i, avail) => b[i] === 0x7e && (avail < 2 || b[i + 1] === 0xa1),
  frameLength: (b, i) => 10 + u8(b, i + 5),
  verify(b, i, len) {
    if (b[i + len - 2] !== 0xaa || b[i + len - 1] !== 0x55) return 'bad-format';
    return u16le(b, i + len - 4) === crcOf(b, i, len) ? 'ok' : 'checksum';
  },
  explain(b, len) {
    if (b[len - 2] !== 0xaa || b[len - 1] !== 0x55) return 'frame does not end with AA 55';
    return `CRC says 0x${u16le(b, len - 4).toString(16).padStart(4, '0')}, bytes give 0x${crcOf(b, 0, len).toString(16).padStart(4, '0')}`;
  },
};

export function decodeAntFrame(bytes: Uint8Array): AntFrame {
  checkWholeFrame(antFrameSpec, bytes, '7E A1 and end with AA 55');
  const f = decodeVerifiedAnt(bytes);
  if (f.kind === 'unknown') throw new DecodeError('unknown-command', `ant: function 0x${f.fields.function.toString(16)} is not the status reply 0x11`);
  return f;
}

export function createAntStreamDecoder(): FramedStreamDecoder<AntFrame> {
  return new FramedStreamDecoder(antFrameSpec, decodeVerifiedAnt);
}

export function decodeVerifiedAnt(raw: Uint8Array): AntFrame {
  const fn = u8(raw, 2);
  if (fn !== AntFunction.STATUS) return { protocol: 'ant', kind: 'unknown', raw, fields: { function: fn, address: u16le(raw, 3), data_hex: toHex(raw.subarray(6, raw.length - 4)) } };
  const T = u8(raw, 8);
  const N = u8(raw, 9);
  const base = 34 + 2 * N + 2 * T;
  if (base + 36 > raw.length - 4) throw new DecodeError('length', `ant status: ${N} cells and ${T} sensors need ${base + 36 + 4} bytes, frame has ${raw.length}`);
  const cell_voltages_v: number[] = [];
  for (let k = 0; k < N; k++) cell_voltages_v.push(u16le(raw, 34 + 2 * k) / 1000);
  const temperatures_c: number[] = [];
  for (let k = 0; k < T; k++) temperatures_c.push(s16le(raw, 34 + 2 * N + 2 * k));
  return {
    protocol: 'ant', kind: 'status', raw,
    fields: {
      function: 17, battery_status: u8(raw, 7), temp_sensor_count: T, cell_count: N, cell_voltages_v, temperatures_c,
      mos_temp_c: s16le(raw, base), balancer_temp_c: s16le(raw, base + 2),
      pack_voltage_v: u16le(raw, base + 4) / 100, current_a: s16le(raw, base + 6) / 10 || 0,
      soc_pct: u16le(raw, base + 8), soh_pct: u16le(raw, base + 10),
      charge_mos_status: u8(raw, base + 12), discharge_mos_status: u8(raw, base + 13), balancer_status: u8(raw, base + 14),
      capacity_ah: u32le(raw, base + 16) / 1e6, remaining_capacity_ah: u32le(raw, base + 20) / 1e6,
      cycle_capacity_ah: u32le(raw, base + 24) / 1000,
      power_w: u32le(raw, base + 28) | 0, runtime_s: u32le(raw, base + 32),
    },
  };
}
