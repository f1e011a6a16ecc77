/**
 * Pylontech / SMA LV battery CAN frames (500 kbit/s; dbc/pylontech-sma.dbc, decoded by
 * host/protocols PylonCanDecoder), little-endian signals: 0x351 limits, 0x355 SOC/SOH, 0x356 pack
 * voltage (0.01 V) / current (0.1 A, positive = CHARGING on the wire) / temperature (0.1 degC),
 * 0x359 protection/warning bits with the 'PN' marker, 0x35C charge/discharge enable, 0x35E
 * manufacturer, 0x35F model / firmware / capacity, 0x370 binary cell extremes (Pylon/Shoto order),
 * 0x372 module counts, 0x373 cell voltage (mV) and temperature (K = degC + 273.15, rounded)
 * extremes, 0x374-0x377 ASCII ids of the extreme cells (`MMCC`: module 01, cell number), 0x378
 * energy counters (100 Wh), 0x379 installed capacity (Ah), 0x382 battery family. Not sent: 0x35A
 * (the SMA alarm pairs' polarity differs between peers), 0x354 and 0x371 (no public meaning).
 * Everything else goes out before 0x356 so that a listener sampling on 0x356 sees one consistent
 * set. Plus the SLCAN (Lawicel) text form of a frame: `tIIIL<data hex>\r`.
 */
import { SimError } from '../errors.ts';
import type { BmsState } from './bms-state.ts';

export interface CanFrameOut {
  id: number;
  data: Uint8Array;
}

class Le {
  readonly b: Uint8Array;
  private readonly dv: DataView;
  constructor(n: number) { this.b = new Uint8Array(n); this.dv = new DataView(this.b.buffer); }
  u16(at: number, x: number, what: string): this {
    const v = Math.round(x);
    if (!(v >= 0 && v <= 0xffff)) throw new SimError(`pylon: ${what} ${x} does not fit u16`, 'protocol');
    this.dv.setUint16(at, v, true);
    return this;
  }
  u32(at: number, x: number, what: string): this {
    const v = Math.round(x);
    if (!(v >= 0 && v <= 0xffffffff)) throw new SimError(`pylon: ${what} ${x} does not fit u32`, 'protocol');
    this.dv.setUint32(at, v, true);
    return this;
  }
  s16(at: number, x: number, what: string): this {
    const v = Math.round(x);
    if (!(v >= -32768 && v <= 32767)) throw new SimError(`pylon: ${what} ${x} does not fit s16`, 'protocol');
    this.dv.setInt16(at, v, true);
    return this;
  }
}

/** Energy through the pack since the battery started, kWh (0x378). */
export interface EnergyTotals { charged_kWh: number; discharged_kWh: number }

/** Integrates pack power between broadcasts into the 0x378 counters (rectangle rule, the state's own V and I). */
export class EnergyCounter implements EnergyTotals {
  charged_kWh = 0;
  discharged_kWh = 0;
  private last_s: number | undefined;

  add(s: BmsState): this {
    const dt_s = this.last_s === undefined ? 0 : Math.max(0, s.t_s - this.last_s);
    this.last_s = s.t_s;
    const kWh = (s.pack_voltage_V * Math.abs(s.current_A) * dt_s) / 3.6e6;
    if (s.current_A > 0) this.discharged_kWh += kWh;
    else this.charged_kWh += kWh;
    return this;
  }
}

const ascii8 = (text: string): Uint8Array => {
  const b = new Uint8Array(8);
  for (let i = 0; i < 8 && i < text.length; i++) b[i] = text.charCodeAt(i) & 0x7f;
  return b;
};
/** Index of the first extreme value (min or max) in xs. */
const argExtreme = (xs: readonly number[], pick: (a: number, b: number) => boolean): number => xs.reduce((best, x, i) => (pick(x, xs[best]!) ? i : best), 0);
/** Cell id as Victron/diyBMS send it: module (always 01 here) and 1-based cell number, two digits each. */
const cellId = (i: number): Uint8Array => ascii8(`01${String(i + 1).padStart(2, '0')}`);

/** Firmware version sent in 0x35F, major.minor as two bytes (1.7). */
const FIRMWARE_VERSION = [1, 7] as const;

/** The frame set a Pylontech-compatible battery broadcasts once per second. */
export function pylonFrames(s: BmsState, energy: EnergyTotals = { charged_kWh: 0, discharged_kWh: 0 }): CanFrameOut[] {
  const cellsMv = s.cells_V.map((v) => Math.round(v * 1000));
  const tK = s.temps_degC.map((t) => Math.round(t + 273.15));
  const temp = s.temps_degC.reduce((a, t) => a + t, 0) / Math.max(1, s.temps_degC.length);
  let prot = 0;
  if (s.protections.includes('cell_overvoltage')) prot |= 1 << 1;
  if (s.protections.includes('cell_undervoltage')) prot |= 1 << 2;
  if (s.protections.includes('charge_overtemperature') || s.protections.includes('discharge_overtemperature')) prot |= 1 << 3;
  if (s.protections.includes('charge_undertemperature')) prot |= 1 << 4;
  if (s.protections.includes('discharge_overcurrent')) prot |= 1 << 7;
  const p359 = new Le(8).u16(0, prot, 'protection');
  p359.b[4] = 1; p359.b[5] = 0x50; p359.b[6] = 0x4e; // one module, 'PN'
  const p35c = new Uint8Array(2);
  p35c[0] = (s.charge_fet_on ? 0x80 : 0) | (s.discharge_fet_on ? 0x40 : 0);
  return [
    { id: 0x351, data: new Le(8).u16(0, s.charge_voltage_limit_V * 10, 'charge voltage limit').s16(2, s.charge_current_limit_A * 10, 'charge current limit')
      .s16(4, s.discharge_current_limit_A * 10, 'discharge current limit').u16(6, s.discharge_voltage_limit_V * 10, 'discharge voltage limit').b },
    { id: 0x355, data: new Le(6).u16(0, s.soc_pct, 'soc').u16(2, s.soh_pct, 'soh').u16(4, s.soc_pct * 100, 'soc').b },
    { id: 0x35f, data: new Uint8Array([0, 0, FIRMWARE_VERSION[1], FIRMWARE_VERSION[0], ...new Le(2).u16(0, s.nominal_capacity_Ah, 'capacity').b, 0, 0]) },
    { id: 0x370, data: new Le(8).s16(0, Math.max(...s.temps_degC) * 10, 'temp').s16(2, Math.min(...s.temps_degC) * 10, 'temp').u16(4, Math.max(...cellsMv), 'cell').u16(6, Math.min(...cellsMv), 'cell').b },
    { id: 0x372, data: new Le(8).u16(0, 1, 'modules').b },
    { id: 0x373, data: new Le(8).u16(0, Math.min(...cellsMv), 'cell').u16(2, Math.max(...cellsMv), 'cell').u16(4, Math.min(...tK), 'temp').u16(6, Math.max(...tK), 'temp').b },
    { id: 0x374, data: cellId(argExtreme(cellsMv, (a, b) => a < b)) },
    { id: 0x375, data: cellId(argExtreme(cellsMv, (a, b) => a > b)) },
    { id: 0x376, data: cellId(argExtreme(s.temps_degC, (a, b) => a < b)) },
    { id: 0x377, data: cellId(argExtreme(s.temps_degC, (a, b) => a > b)) },
    { id: 0x378, data: new Le(8).u32(0, energy.charged_kWh * 10, 'energy charged').u32(4, energy.discharged_kWh * 10, 'energy discharged').b },
    { id: 0x379, data: new Le(2).u16(0, s.nominal_capacity_Ah, 'installed capacity').b },
    { id: 0x382, data: ascii8('BMSEDGE') },
    { id: 0x359, data: p359.b },
    { id: 0x35c, data: p35c },
    { id: 0x35e, data: new TextEncoder().encode('BMSEDGE ') },
    { id: 0x356, data: new Le(6).s16(0, s.pack_voltage_V * 100, 'pack voltage').s16(2, -s.current_A * 10, 'current').s16(4, temp * 10, 'temperature').b },
  ];
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');

/** The SLCAN line of a standard data frame, with its CR. */
export function slcanLine(f: CanFrameOut): string {
  if (f.id < 0 || f.id > 0x7ff || f.data.length > 8) throw new SimError(`slcan: frame 0x${f.id.toString(16)} / ${f.data.length} bytes is not a classic standard frame`, 'protocol');
  return `t${f.id.toString(16).toUpperCase().padStart(3, '0')}${f.data.length}${hex(f.data)}\r`;
}
