/**
 * A minimal cell for unit tests: OCV from the preset's own table, series resistance, exact
 * coulomb counting. It knows the truth (SOC, capacity, R), so tests can check the core against it.
 * Not a simulator: no RC dynamics, no noise unless a test adds it.
 */
import { presetValues, type ChemistryName } from '../../layout/presets.ts';

export class TestCell {
  soc: number;
  t_s = 0;
  readonly ocv: number[];
  constructor(
    readonly chemistry: ChemistryName,
    readonly capacity_Ah: number,
    readonly r_ohm: number,
    soc0 = 1,
  ) {
    const v = presetValues(chemistry);
    this.ocv = Array.from({ length: 21 }, (_, i) => v[`ocv_V.${i}`]!);
    this.soc = soc0;
  }

  ocvAt(z: number): number {
    const x = Math.min(20, Math.max(0, z * 20));
    const i = Math.min(19, Math.floor(x));
    return this.ocv[i]! + (x - i) * (this.ocv[i + 1]! - this.ocv[i]!);
  }

  /** Advances dt_s at current_A (positive = discharge) and returns the sample [t, V, I, T]. */
  step(dt_s: number, current_A: number, temp_degC = 25): [number, number, number, number] {
    this.t_s += dt_s;
    this.soc -= (current_A * dt_s) / (3600 * this.capacity_Ah);
    return [this.t_s, this.ocvAt(this.soc) - this.r_ohm * current_A, current_A, temp_degC];
  }
}

/** All values of a snapshot are finite numbers. */
export function allFinite(o: Record<string, number>): boolean {
  return Object.values(o).every((v) => Number.isFinite(v));
}
