/**
 * The simulated BMS firmware: protection cut-offs on measured values (cell over/under-voltage,
 * over-temperature, charge temperature window, over-current) with release hysteresis, passive
 * balancing (bleed resistors on cells more than `balanceDelta_V` above the lowest, when resting or
 * charging above the chemistry's balance-start voltage), and optionally the WASM core running on
 * every measurement, as it would on the device.
 *
 * Protection names follow the JBD protection bits (host/protocols/jbd.ts) so the wire encoders can
 * report them directly.
 */
import type { CellChemistry } from './chemistry.ts';
import type { Reading } from './sensor.ts';
import { Core, type Snapshot } from '../core/core.ts';
import type { ChemistryName } from '../../layout/presets.ts';

export type Protection = 'cell_overvoltage' | 'cell_undervoltage' | 'charge_overtemperature' | 'charge_undertemperature'
  | 'discharge_overtemperature' | 'charge_overcurrent' | 'discharge_overcurrent';

export interface FirmwareOptions {
  /** Passive balancing current per cell, A. */
  balanceCurrent_A: number;
  balanceDelta_V: number;
  /** Run the core on every measurement. */
  core: boolean;
  coreChemistry: ChemistryName;
}

export class Firmware {
  readonly active = new Set<Protection>();
  /** 1 where the cell's bleed resistor is on. */
  readonly balancing: Uint8Array;
  readonly core: Core | undefined;
  private readonly lim: CellChemistry['limits'];
  private tripCount = 0;

  constructor(readonly chem: CellChemistry, readonly n: number, readonly rated_Ah: number, readonly opts: FirmwareOptions) {
    this.lim = chem.limits;
    this.balancing = new Uint8Array(n);
    this.core = opts.core ? Core.create({ chemistry: opts.coreChemistry, ratedCapacity_Ah: rated_Ah, seriesCells: n }) : undefined;
  }

  get chargeAllowed(): boolean {
    return !(this.active.has('cell_overvoltage') || this.active.has('charge_overtemperature') || this.active.has('charge_undertemperature')
      || this.active.has('discharge_overtemperature') || this.active.has('charge_overcurrent'));
  }

  get dischargeAllowed(): boolean {
    return !(this.active.has('cell_undervoltage') || this.active.has('discharge_overtemperature') || this.active.has('discharge_overcurrent'));
  }

  /** Protection trips so far. */
  get trips(): number { return this.tripCount; }

  /** The current the FETs let through for a requested current (positive = discharge). */
  allow(current_A: number): number {
    if (current_A > 0 && !this.dischargeAllowed) return 0;
    if (current_A < 0 && !this.chargeAllowed) return 0;
    return current_A;
  }

  private set(p: Protection, on: boolean): void {
    if (on && !this.active.has(p)) {
      this.active.add(p);
      this.tripCount++;
    } else if (!on) {
      this.active.delete(p);
    }
  }

  /** Runs once per measurement: protections, balancing decisions, the core. Writes bleed currents. */
  update(t_s: number, r: Reading, bleed_A: Float64Array): void {
    const l = this.lim;
    let vMin = Infinity, vMax = -Infinity, tMax = -Infinity, tMin = Infinity;
    for (let i = 0; i < this.n; i++) { const v = r.cells_V[i]!; if (v < vMin) vMin = v; if (v > vMax) vMax = v; }
    for (let k = 0; k < r.ntc_degC.length; k++) { const t = r.ntc_degC[k]!; if (t > tMax) tMax = t; if (t < tMin) tMin = t; }
    const i = r.current_A;
    // trip at the limit, release with hysteresis (or when the current reverses away from the limit)
    if (vMax >= l.vMax_V) this.set('cell_overvoltage', true);
    else if (vMax < l.vMax_V - 0.1 || i > 0.02 * this.rated_Ah) this.set('cell_overvoltage', false);
    if (vMin <= l.vMin_V) this.set('cell_undervoltage', true);
    else if (vMin > l.vMin_V + 0.2 || i < -0.02 * this.rated_Ah) this.set('cell_undervoltage', false);
    if (tMax >= l.tMax_degC) this.set('discharge_overtemperature', true);
    else if (tMax < l.tMax_degC - 5) this.set('discharge_overtemperature', false);
    if (tMax >= l.tChgMax_degC) this.set('charge_overtemperature', true);
    else if (tMax < l.tChgMax_degC - 3) this.set('charge_overtemperature', false);
    if (tMin <= l.tChgMin_degC) this.set('charge_undertemperature', true);
    else if (tMin > l.tChgMin_degC + 3) this.set('charge_undertemperature', false);
    if (i > l.iDisMax_C * this.rated_Ah) this.set('discharge_overcurrent', true);
    if (-i > l.iChgMax_C * this.rated_Ah) this.set('charge_overcurrent', true);

    const idleOrCharging = i < 0.01 * this.rated_Ah;
    const balance = idleOrCharging && vMax >= this.chem.balanceStart_V;
    for (let k = 0; k < this.n; k++) {
      const on = balance && r.cells_V[k]! - vMin > this.opts.balanceDelta_V;
      this.balancing[k] = on ? 1 : 0;
      bleed_A[k] = on ? this.opts.balanceCurrent_A : 0;
    }
    this.core?.step(t_s, r.pack_V, r.current_A, r.temp_degC);
  }

  /** Clears latched over-current trips (a real BMS re-arms after a delay or a load removal). */
  rearm(): void {
    this.active.delete('charge_overcurrent');
    this.active.delete('discharge_overcurrent');
  }

  snapshot(): Snapshot | undefined {
    return this.core?.snapshot();
  }
}
