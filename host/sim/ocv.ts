/**
 * Open-circuit voltage of one cell versus SOC, from the presets' 21-point tables on a 5 % grid
 * (layout/presets.ts, algorithms.md 1.3): the same tables the core uses, so the simulator's
 * thermodynamics and the core's OCV anchors agree (the core still meets hysteresis, relaxation and
 * noise, which it does not model exactly). Linear interpolation; SOC outside 0..1 extrapolates the
 * end segments (over-charge / over-discharge faults).
 */
import { presetValues, type ChemistryName } from '../../layout/presets.ts';

export const OCV_POINTS = 21;

export class OcvTable {
  readonly volts: Float64Array;

  constructor(volts: ArrayLike<number>) {
    if (volts.length !== OCV_POINTS) throw new RangeError(`OCV table needs ${OCV_POINTS} points, got ${volts.length}`);
    this.volts = Float64Array.from(volts);
  }

  static forChemistry(chem: ChemistryName): OcvTable {
    const v = presetValues(chem);
    return new OcvTable(Array.from({ length: OCV_POINTS }, (_, i) => v[`ocv_V.${i}`]!));
  }

  /** OCV in V at state of charge `soc` (fraction). */
  at(soc: number): number {
    const x = soc * 20;
    let i = Math.floor(x);
    if (i < 0) i = 0;
    else if (i > 19) i = 19;
    const v0 = this.volts[i]!;
    return v0 + (this.volts[i + 1]! - v0) * (x - i);
  }

  /** SOC (fraction, 0..1) whose OCV is `v` (the table is monotonic). */
  socAt(v: number): number {
    const t = this.volts;
    if (v <= t[0]!) return 0;
    if (v >= t[20]!) return 1;
    let i = 0;
    while (i < 19 && t[i + 1]! < v) i++;
    return (i + (v - t[i]!) / (t[i + 1]! - t[i]!)) / 20;
  }
}
