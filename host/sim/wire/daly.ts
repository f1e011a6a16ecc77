/**
 * Daly UART/485 reply encoders (the decoder is host/protocols/daly.ts; protocols.md §1.2): 13-byte
 * frames `A5 <board> <id> 08 <8 data bytes> <sum & 0xFF>`, big-endian. Voltages in 0.1 V (pack) and
 * mV (cells), current u16 = 30000 + 10 x discharge current in A (raw above 30000 = discharging, as
 * the decoder reads real captures), temperatures u8 = degC + 40, SOC in 0.1 %.
 */
import { SimError } from '../errors.ts';
import type { BmsState } from './bms-state.ts';

export const DALY_BOARD_DEFAULT = 1;

function frame(board: number, id: number, data: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(13);
  b[0] = 0xa5; b[1] = board; b[2] = id; b[3] = 0x08;
  for (let k = 0; k < 8; k++) b[4 + k] = data[k] ?? 0;
  let s = 0;
  for (let k = 0; k < 12; k++) s += b[k]!;
  b[12] = s & 0xff;
  return b;
}

const be16 = (x: number, what: string): [number, number] => {
  const v = Math.round(x);
  if (!(v >= 0 && v <= 0xffff)) throw new SimError(`daly: ${what} ${x} does not fit u16 on the wire`, 'protocol');
  return [v >> 8, v & 0xff];
};
const t8 = (c: number): number => Math.max(0, Math.min(255, Math.round(c) + 40));

function extremes(xs: readonly number[]): { max: number; maxNo: number; min: number; minNo: number } {
  let maxNo = 0, minNo = 0;
  xs.forEach((x, k) => { if (x > xs[maxNo]!) maxNo = k; if (x < xs[minNo]!) minNo = k; });
  return { max: xs[maxNo]!, maxNo: maxNo + 1, min: xs[minNo]!, minNo: minNo + 1 };
}

/** The reply frames a Daly board sends for data id `id` (several for 0x95 / 0x96), or [] if unknown. */
export function dalyReplies(id: number, s: BmsState, board = DALY_BOARD_DEFAULT): Uint8Array[] {
  const cellsMv = s.cells_V.map((v) => Math.round(v * 1000));
  switch (id) {
    case 0x90: {
      const v = be16(s.pack_voltage_V * 10, 'pack voltage');
      return [frame(board, id, [...v, ...v, ...be16(30000 + s.current_A * 10, 'current'), ...be16(s.soc_pct * 10, 'soc')])];
    }
    case 0x91: {
      const e = extremes(cellsMv);
      return [frame(board, id, [...be16(e.max, 'cell voltage'), e.maxNo, ...be16(e.min, 'cell voltage'), e.minNo])];
    }
    case 0x92: {
      const e = extremes(s.temps_degC.map(Math.round));
      return [frame(board, id, [t8(e.max), e.maxNo, t8(e.min), e.minNo])];
    }
    case 0x93: {
      const state = s.current_A < -0.05 ? 1 : s.current_A > 0.05 ? 2 : 0;
      const mAh = Math.max(0, Math.round(s.remaining_capacity_Ah * 1000));
      return [frame(board, id, [state, s.charge_fet_on ? 1 : 0, s.discharge_fet_on ? 1 : 0, 0, (mAh >>> 24) & 0xff, (mAh >>> 16) & 0xff, (mAh >>> 8) & 0xff, mAh & 0xff])];
    }
    case 0x94:
      return [frame(board, id, [s.cells_V.length, s.temps_degC.length, s.current_A < 0 ? 1 : 0, s.current_A > 0 ? 1 : 0, 0, ...be16(s.cycles, 'cycles')])];
    case 0x95: {
      const out: Uint8Array[] = [];
      for (let f = 0; f * 3 < cellsMv.length; f++) {
        const c = [0, 1, 2].map((j) => cellsMv[3 * f + j] ?? 0);
        out.push(frame(board, id, [f + 1, ...be16(c[0]!, 'cell'), ...be16(c[1]!, 'cell'), ...be16(c[2]!, 'cell')]));
      }
      return out;
    }
    case 0x96: {
      const out: Uint8Array[] = [];
      for (let f = 0; f * 7 < s.temps_degC.length; f++) out.push(frame(board, id, [f + 1, ...Array.from({ length: 7 }, (_, j) => (s.temps_degC[7 * f + j] === undefined ? 0 : t8(s.temps_degC[7 * f + j]!)))]));
      return out;
    }
    case 0x97: {
      const d = new Array<number>(8).fill(0);
      s.balancing.forEach((on, k) => { if (on && k < 48) d[k >> 3]! |= 1 << (k & 7); });
      return [frame(board, id, d)];
    }
    case 0x98:
      return [frame(board, id, [0, 0, 0, 0, 0, 0, 0, 0])];
    default:
      return [];
  }
}
