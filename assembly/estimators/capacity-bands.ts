// Condition bands of the delivered capacity (issue 12): the capacity a cell delivers down to its
// cutoff depends on temperature and on the load, so it is learned per [temperature band][rate band]
// instead of being frozen outside a temperature window.
// Band edges are the midpoints between the standard test conditions, not fits to any cell:
// - temperature: capacity tests at -20, 0, 25 and 45 degC (IEC 62660-1 section 7.2), edges -10,
//   12.5 and 35 degC;
// - rate: discharge at C/3, 1C and 2C (IEC 62660-1 section 7.2, BEV/HEV rates), edges at the
//   geometric midpoints 0.577C and 1.414C.
// A band never visited borrows the nearest learned band (same temperature band first), with its
// variance widened by the prior's: the estimate a user gets under new conditions is the nearest
// experience, and its sigma says it is borrowed.
import { CAP_RATE_BANDS, CAP_BINS, CAPACITY_BASE, Capacity_bin_updates } from '../generated/layout';
import { getU32 } from '../util/mem';

const TEMP_EDGE_1_DEGC: f32 = -10;
const TEMP_EDGE_2_DEGC: f32 = 12.5;
const TEMP_EDGE_3_DEGC: f32 = 35;
const RATE_EDGE_1_C: f32 = 0.577;
const RATE_EDGE_2_C: f32 = 1.414;
/** The temperature band of the reference conditions (25 degC) and the rate band of the rated rate. */
export const REF_TEMP_BAND: u32 = 2;
export const REF_RATE_BAND: u32 = 0;

export function tempBand(temp_degC: f32): u32 {
  return temp_degC < TEMP_EDGE_1_DEGC ? 0 : temp_degC < TEMP_EDGE_2_DEGC ? 1 : temp_degC < TEMP_EDGE_3_DEGC ? 2 : 3;
}

/** Rate band of a discharge current (A) on a cell of rated capacity rated_Ah. */
export function rateBand(current_A: f32, rated_Ah: f32): u32 {
  const c = current_A / rated_Ah;
  return c < RATE_EDGE_1_C ? 0 : c < RATE_EDGE_2_C ? 1 : 2;
}

@inline export function binOf(tBand: u32, rBand: u32): u32 { return tBand * CAP_RATE_BANDS + rBand; }

@inline function learned(bin: u32): bool { return getU32(CAPACITY_BASE + Capacity_bin_updates + (bin << 2)) > 0; }

/**
 * The bin that answers for (tBand, rBand): itself when learned, else the learned bin nearest to it
 * (distance: temperature bands count CAP_RATE_BANDS, rate bands 1; ties to the lower index), else
 * itself (its prior). Sets `borrowed` when the answer is another bin.
 */
export function answeringBin(tBand: u32, rBand: u32): u32 {
  const own = binOf(tBand, rBand);
  borrowed = false;
  if (learned(own)) return own;
  let best: i32 = -1;
  let bestD: i32 = 0x7fffffff;
  for (let b: u32 = 0; b < CAP_BINS; b++) {
    if (!learned(b)) continue;
    const d = abs<i32>(<i32>(b / CAP_RATE_BANDS) - <i32>tBand) * CAP_RATE_BANDS + abs<i32>(<i32>(b % CAP_RATE_BANDS) - <i32>rBand);
    if (d < bestD) { bestD = d; best = <i32>b; }
  }
  if (best < 0) return own;
  borrowed = true;
  return <u32>best;
}
/** Second result of answeringBin; transient within one call, never state. */
let borrowed: bool = false;
export function wasBorrowed(): bool { return borrowed; }
