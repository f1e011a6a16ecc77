// OCV(SOC) table lookups on the 21-point, 5 %-grid cell table of the parameter block.
import { PARAMS_BASE, Params_ocv_V, OCV_POINTS } from '../generated/layout';

const STEP: f32 = 0.05;

@inline function ocvAt(i: u32): f32 { return load<f32>(<usize>(PARAMS_BASE + Params_ocv_V + (i << 2))); }

/** SOC (0..1) for a cell voltage by inverse linear interpolation; clamped at the table ends. */
export function socFromOcv(cell_V: f32): f32 {
  if (!(cell_V > ocvAt(0))) return 0;
  const last = OCV_POINTS - 1;
  if (cell_V >= ocvAt(last)) return 1;
  for (let i: u32 = 1; i <= last; i++) {
    const hi = ocvAt(i);
    if (cell_V <= hi) {
      const lo = ocvAt(i - 1);
      const span = hi - lo;
      const frac: f32 = span > 0 ? (cell_V - lo) / span : 0;
      return (<f32>(i - 1) + frac) * STEP;
    }
  }
  return 1;
}

/** dOCV/dSOC (V per unit SOC) of the table segment holding this cell voltage; 0 on a flat segment. */
export function ocvSlope(cell_V: f32): f32 {
  const last = OCV_POINTS - 1;
  for (let i: u32 = 1; i <= last; i++) {
    if (cell_V <= ocvAt(i) || i == last) return (ocvAt(i) - ocvAt(i - 1)) / STEP;
  }
  return 0;
}
