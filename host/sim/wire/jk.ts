/**
 * JK RS485/TTL "GPS port" read-all reply encoder (`4E 57` + TLV, 115200 8N1; the decoder is
 * host/protocols/jk-uart.ts, protocols.md §1.3(a)). Frame: 4E 57, length u16 BE (= total − 2),
 * terminal u32 (0), command 06 (read all), source 00 (BMS), type 01 (reply), TLV data, record
 * number u32, 68, 00 00, u16 BE sum of every preceding byte. Values big-endian.
 *
 * Wire resolution and conventions (what a decoder gets back):
 * - cells 0x79: index (1-based) + u16 mV per cell, at most 85 cells (length byte = 3 × cells);
 * - pack voltage 0x83: 10 mV; SOC 0x85: 1 %; cycles 0x87: u16;
 * - current 0x84, 10 mA, positive = CHARGING on the wire (converted here from the project's
 *   positive = discharge). Protocol version 1 (tag 0xC0 = 1, the default): bit 15 set = charging,
 *   bits 0–14 the magnitude, saturating at 327.67 A. Version 0: raw = 10000 − charge × 100,
 *   saturating at 0..20000 raw (±100 A), as the JK document gives it;
 * - temperatures 0x80 (MOS), 0x81 (T1), 0x82 (T2): whole °C, 0..100 as is, below 0 as
 *   100 + |t| (101 = −1 °C); the sensor saturates at −100 and +100 °C (above 100 the wire is
 *   ambiguous). The simulated board has no MOS sensor of its own: 0x80 carries its warmest NTC.
 */
import { SimError } from '../errors.ts';
import type { Protection } from '../firmware.ts';
import type { BmsState } from './bms-state.ts';

export const JK_READ_ALL = 6;
const END_MARKER = 0x68;
/** Most cells the 0x79 length byte can describe (3 bytes per cell, ≤ 255). */
export const JK_MAX_CELLS = 85;

/** JK alarm bit (tag 0x8B, host/protocols/jk-uart.ts JK_UART_ALARMS) of each firmware protection. */
export const JK_ALARM_BIT: Record<Protection, number> = {
  cell_overvoltage: 10, cell_undervoltage: 11, charge_overtemperature: 4, charge_undertemperature: 9,
  discharge_overtemperature: 4, charge_overcurrent: 5, discharge_overcurrent: 6,
};

export interface JkEncodeOptions {
  /** Current encoding announced in tag 0xC0 (default 1: sign bit). */
  protocol_version?: 0 | 1;
  /** Battery type tag 0xAF (0 LFP, 1 NMC). Omitted when not given. */
  chemistry?: 'LFP' | 'NMC';
}

const fit = (x: number, max: number, what: string): number => {
  const v = Math.round(x);
  if (!(v >= 0 && v <= max)) throw new SimError(`jk: ${what} ${x} does not fit the wire (0..${max})`, 'protocol');
  return v;
};
const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/** Raw 0x84 for a current in the project convention (positive = discharge), A. */
export function jkCurrentRaw(current_A: number, version: 0 | 1): number {
  const charge_cA = Math.round(-current_A * 100);
  if (version === 0) return clamp(10000 - charge_cA, 0, 20000);
  const mag = Math.min(0x7fff, Math.abs(charge_cA));
  return mag === 0 ? 0 : (charge_cA > 0 ? 0x8000 : 0) | mag;
}

/** Raw temperature word: 0..100 °C as is, below zero 100 + |t| (whole °C, saturating at ±100). */
export function jkTempRaw(t_degC: number): number {
  const t = clamp(Math.round(t_degC), -100, 100);
  return t < 0 ? 100 - t : t;
}

/** Appends TLV items; sizes are the fixed ones of the JK tag table. */
class Tlv {
  readonly bytes: number[] = [];
  u8(tag: number, v: number): this { this.bytes.push(tag, v & 0xff); return this; }
  u16(tag: number, v: number): this { this.bytes.push(tag, (v >> 8) & 0xff, v & 0xff); return this; }
  u32(tag: number, v: number): this { this.bytes.push(tag, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff); return this; }
  ascii(tag: number, s: string, size: number): this {
    this.bytes.push(tag);
    for (let k = 0; k < size; k++) this.bytes.push(k < s.length ? s.charCodeAt(k) & 0x7f : 0);
    return this;
  }
}

/** A complete reply frame (command, source 0 = BMS, type 1 = reply) around `data`. */
export function jkUartReply(data: ArrayLike<number>, command = JK_READ_ALL, record = 0): Uint8Array {
  const T = 11 + data.length + 9;
  const b = new Uint8Array(T);
  b[0] = 0x4e; b[1] = 0x57; b[2] = (T - 2) >> 8; b[3] = (T - 2) & 0xff;
  b[8] = command; b[9] = 0; b[10] = 1;
  b.set(Array.from(data), 11);
  const r = T - 9;
  b[r] = (record >>> 24) & 0xff; b[r + 1] = (record >>> 16) & 0xff; b[r + 2] = (record >>> 8) & 0xff; b[r + 3] = record & 0xff;
  b[T - 5] = END_MARKER;
  let sum = 0;
  for (let k = 0; k < T - 2; k++) sum += b[k]!;
  b[T - 2] = (sum >> 8) & 0xff; b[T - 1] = sum & 0xff;
  return b;
}

/** The read-all reply for the BMS state `s` (tags in the order of a real JK-B2A capture). */
export function jkUartReadAll(s: BmsState, opts: JkEncodeOptions = {}): Uint8Array {
  const version = opts.protocol_version ?? 1;
  const n = s.cells_V.length;
  if (n < 1 || n > JK_MAX_CELLS) throw new SimError(`jk: ${n} cells, the cell block carries 1..${JK_MAX_CELLS}`, 'protocol');
  const d = new Tlv();
  d.bytes.push(0x79, 3 * n);
  s.cells_V.forEach((v, k) => {
    const mV = fit(v * 1000, 0xffff, `cell ${k + 1} voltage`);
    d.bytes.push(k + 1, mV >> 8, mV & 0xff);
  });
  const temps = s.temps_degC;
  const warmest = temps.length > 0 ? Math.max(...temps) : 25;
  d.u16(0x80, jkTempRaw(warmest));
  if (temps.length > 0) d.u16(0x81, jkTempRaw(temps[0]!));
  if (temps.length > 1) d.u16(0x82, jkTempRaw(temps[1]!));
  d.u16(0x83, fit(s.pack_voltage_V * 100, 0xffff, 'pack voltage'));
  d.u16(0x84, jkCurrentRaw(s.current_A, version));
  d.u8(0x85, clamp(Math.round(s.soc_pct), 0, 100));
  d.u8(0x86, Math.min(2, temps.length));
  d.u16(0x87, clamp(Math.round(s.cycles), 0, 0xffff));
  d.u32(0x89, clamp(Math.round(s.cycles * s.nominal_capacity_Ah), 0, 0xffffffff));
  d.u16(0x8a, n);
  let alarms = 0;
  for (const p of s.protections) alarms |= 1 << JK_ALARM_BIT[p];
  d.u16(0x8b, alarms);
  const balancing = s.balancing.some((b) => b !== 0);
  d.u16(0x8c, (s.charge_fet_on ? 1 : 0) | (s.discharge_fet_on ? 2 : 0) | (balancing ? 4 : 0));
  d.u16(0x8e, fit(s.charge_voltage_limit_V * 100, 0xffff, 'pack over-voltage setting'));
  d.u16(0x8f, fit(s.discharge_voltage_limit_V * 100, 0xffff, 'pack under-voltage setting'));
  d.u16(0x97, clamp(Math.round(s.discharge_current_limit_A), 0, 0xffff));
  d.u16(0x99, clamp(Math.round(s.charge_current_limit_A), 0, 0xffff));
  d.u8(0xa9, n);
  d.u32(0xaa, clamp(Math.round(s.nominal_capacity_Ah), 0, 0xffffffff));
  if (opts.chemistry) d.u8(0xaf, opts.chemistry === 'LFP' ? 0 : 1);
  d.u32(0xb6, clamp(Math.floor(s.t_s / 60), 0, 0xffffffff));
  d.ascii(0xb7, 'SIM_S1.0_bmsedg', 15);
  d.ascii(0xba, 'bms-edge-sim', 24);
  d.u8(0xc0, version);
  return jkUartReply(d.bytes);
}
