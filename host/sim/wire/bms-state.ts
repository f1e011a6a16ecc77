/**
 * What the simulated BMS reports on the wire at this instant, from the simulation: its own
 * measurements (the sensors, not the truth), protection and FET state, balancing flags, and the
 * estimates of the core running inside it (SOC, capacity, cycles). One struct for every protocol.
 */
import type { Simulation } from '../simulation.ts';
import type { Protection } from '../firmware.ts';

export interface BmsState {
  t_s: number;
  pack_voltage_V: number;
  /** Positive = discharge (project convention). */
  current_A: number;
  cells_V: number[];
  temps_degC: number[];
  soc_pct: number;
  remaining_capacity_Ah: number;
  nominal_capacity_Ah: number;
  cycles: number;
  balancing: number[];
  protections: Protection[];
  charge_fet_on: boolean;
  discharge_fet_on: boolean;
  /** State of health reported (the core's, 100 without it), %. */
  soh_pct: number;
  /** Limits a battery announces to an inverter (Pylontech/SMA CAN 0x351); currents 0 when the FET is open. */
  charge_voltage_limit_V: number;
  discharge_voltage_limit_V: number;
  charge_current_limit_A: number;
  discharge_current_limit_A: number;
}

export function bmsState(sim: Simulation): BmsState {
  const r = sim.reading;
  const fw = sim.firmware;
  const snap = fw.snapshot();
  const rated = sim.cfg.ratedCapacity_Ah;
  // the core's estimates when it runs; the true mean SOC otherwise (a perfect gauge)
  const soc = snap ? snap.soc! : sim.pack.trueSoc();
  const cap = snap && snap.capacity_Ah! > 0 ? snap.capacity_Ah! : rated;
  return {
    t_s: sim.t_s,
    pack_voltage_V: r.pack_V,
    current_A: r.current_A,
    cells_V: Array.from(r.cells_V),
    temps_degC: Array.from(r.ntc_degC),
    soc_pct: Math.max(0, Math.min(100, soc * 100)),
    remaining_capacity_Ah: Math.max(0, soc * cap),
    nominal_capacity_Ah: rated,
    cycles: snap ? Math.floor(snap.efc!) : 0,
    balancing: Array.from(fw.balancing),
    protections: [...fw.active],
    charge_fet_on: fw.chargeAllowed,
    discharge_fet_on: fw.dischargeAllowed,
    soh_pct: snap && snap.soh! > 0 ? snap.soh! * 100 : 100,
    charge_voltage_limit_V: sim.chem.chargeVoltage_V * sim.cfg.seriesCells,
    discharge_voltage_limit_V: sim.chem.limits.vMin_V * sim.cfg.seriesCells,
    charge_current_limit_A: fw.chargeAllowed ? sim.chem.limits.iChgMax_C * rated : 0,
    discharge_current_limit_A: fw.dischargeAllowed ? sim.chem.limits.iDisMax_C * rated : 0,
  };
}

/** JBD protection bit of each firmware protection (host/protocols/jbd.ts JBD_PROTECTIONS). */
export const JBD_PROTECTION_BIT: Record<Protection, number> = {
  cell_overvoltage: 0, cell_undervoltage: 1, charge_overtemperature: 4, charge_undertemperature: 5,
  discharge_overtemperature: 6, charge_overcurrent: 8, discharge_overcurrent: 9,
};
