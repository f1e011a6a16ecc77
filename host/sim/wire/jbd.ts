/**
 * JBD / Xiaoxiang V4 reply encoders (the decoder is host/protocols/jbd.ts; protocols.md §1.1):
 * `DD reg 00 n data cs_hi cs_lo 77`, checksum = (0x10000 - sum(status, n, data)) & 0xFFFF, all
 * values big-endian. Current on the wire: s16 x 10 mA, positive = CHARGING (converted here, from
 * the project's positive = discharge). Values are quantised exactly as the wire carries them and
 * returned alongside the bytes, so a test can compare what was sent with what a decoder reads.
 */
import { SimError } from '../errors.ts';

export interface JbdBasicInfo {
  pack_voltage_V: number;
  /** Project convention: positive = discharge. */
  current_A: number;
  remaining_capacity_Ah: number;
  nominal_capacity_Ah: number;
  cycles: number;
  /** Balancing flags, cell 1 first. */
  balancing: ArrayLike<number>;
  /** JBD protection bit numbers that are active (bit 0 = cell over-voltage ...). */
  protection_bits: number[];
  soc_pct: number;
  charge_fet_on: boolean;
  discharge_fet_on: boolean;
  cell_count: number;
  temps_degC: ArrayLike<number>;
}

const u16 = (x: number, what: string): number => {
  const v = Math.round(x);
  if (!(v >= 0 && v <= 0xffff)) throw new SimError(`jbd: ${what} ${x} does not fit u16 on the wire`, 'protocol');
  return v;
};

/** A complete reply frame for `register` with `data`. */
export function jbdReply(register: number, data: Uint8Array): Uint8Array {
  const n = data.length;
  const b = new Uint8Array(7 + n);
  b[0] = 0xdd; b[1] = register; b[2] = 0x00; b[3] = n;
  b.set(data, 4);
  let sum = 0;
  for (let k = 2; k < 4 + n; k++) sum += b[k]!;
  const cs = (0x10000 - sum) & 0xffff;
  b[4 + n] = cs >> 8; b[5 + n] = cs & 0xff; b[6 + n] = 0x77;
  return b;
}

/** Register 0x03 basic info. Production date fixed at 2026-01-15, software version 0x20. */
export function jbdBasicInfo(x: JbdBasicInfo): Uint8Array {
  const ntc = x.temps_degC.length;
  const d = new Uint8Array(23 + 2 * ntc);
  const dv = new DataView(d.buffer);
  dv.setUint16(0, u16(x.pack_voltage_V * 100, 'pack voltage'));
  dv.setInt16(2, Math.max(-32768, Math.min(32767, Math.round(-x.current_A * 100))));
  dv.setUint16(4, u16(x.remaining_capacity_Ah * 100, 'remaining capacity'));
  dv.setUint16(6, u16(x.nominal_capacity_Ah * 100, 'nominal capacity'));
  dv.setUint16(8, u16(x.cycles, 'cycles'));
  dv.setUint16(10, (26 << 9) | (1 << 5) | 15);
  let lo = 0, hi = 0;
  for (let k = 0; k < x.balancing.length && k < 32; k++) if (x.balancing[k]) { if (k < 16) lo |= 1 << k; else hi |= 1 << (k - 16); }
  dv.setUint16(12, lo);
  dv.setUint16(14, hi);
  let prot = 0;
  for (const bit of x.protection_bits) prot |= 1 << bit;
  dv.setUint16(16, prot & 0xffff);
  d[18] = 0x20;
  d[19] = Math.max(0, Math.min(100, Math.round(x.soc_pct)));
  d[20] = (x.charge_fet_on ? 1 : 0) | (x.discharge_fet_on ? 2 : 0);
  d[21] = x.cell_count;
  d[22] = ntc;
  for (let k = 0; k < ntc; k++) dv.setUint16(23 + 2 * k, u16(Math.round(x.temps_degC[k]! * 10) + 2731, 'temperature'));
  return jbdReply(0x03, d);
}

/** Register 0x04 cell voltages, mV. */
export function jbdCells(cells_V: ArrayLike<number>): Uint8Array {
  const d = new Uint8Array(2 * cells_V.length);
  const dv = new DataView(d.buffer);
  for (let k = 0; k < cells_V.length; k++) dv.setUint16(2 * k, u16(cells_V[k]! * 1000, 'cell voltage'));
  return jbdReply(0x04, d);
}

/** Register 0x05 hardware version (model string). */
export function jbdModel(model: string): Uint8Array {
  return jbdReply(0x05, new TextEncoder().encode(model.slice(0, 31)));
}
