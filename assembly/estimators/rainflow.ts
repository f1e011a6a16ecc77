// Streaming rainflow count over SOC (ASTM E1049-85 section 5.4.4, three-point rule; algorithms.md 5.1).
// Reversals are confirmed when SOC moves back by at least rf_hysteresis from the running extremum,
// so noise makes no micro-cycles. Closed cycles are binned by depth (DoD) and mean SOC, 10 % bins.
// The residue stays on the stack between calls; snapshots count it as half cycles without
// consuming it. If the stack fills, its oldest range is closed as a half cycle (flagged).
import {
  RAINFLOW_BASE, Rainflow_ext_z, Rainflow_dir, Rainflow_depth, Rainflow_stack_z, Rainflow_full_cycles,
  Rainflow_half_cycles, Rainflow_efc_rainflow, Rainflow_dod_hist, RAINFLOW_STACK, DOD_BINS, SOC_BINS,
  PARAMS_BASE, Params_rf_hysteresis, FLAG_RAINFLOW_OVERFLOW,
} from '../generated/layout';
import { getF64, setF64, getF32, setF32 } from '../util/mem';
import { binIndex, clamp32 } from '../util/num';
import { raiseFlag } from '../flags';

const RF = RAINFLOW_BASE;

@inline function at(i: u32): f32 { return load<f32>(<usize>(RF + Rainflow_stack_z + (i << 2))); }
@inline function put(i: u32, z: f32): void { store<f32>(<usize>(RF + Rainflow_stack_z + (i << 2)), z); }
@inline function depth(): u32 { return load<u32>(<usize>(RF + Rainflow_depth)); }
@inline function setDepth(d: u32): void { store<u32>(<usize>(RF + Rainflow_depth), d); }

/** Counts one closed cycle (weight 1) or half cycle (weight 0.5) between SOC a and b. */
function countCycle(a: f32, b: f32, weight: f32): void {
  const range = Mathf.abs(a - b);
  if (weight >= 1) setF64(RF + Rainflow_full_cycles, getF64(RF + Rainflow_full_cycles) + 1);
  else setF64(RF + Rainflow_half_cycles, getF64(RF + Rainflow_half_cycles) + 1);
  setF64(RF + Rainflow_efc_rainflow, getF64(RF + Rainflow_efc_rainflow) + <f64>(range * weight));
  const d = <u32>binIndex(range * <f32>DOD_BINS, 0, DOD_BINS - 1);
  const m = <u32>binIndex((a + b) * <f32>0.5 * <f32>SOC_BINS, 0, SOC_BINS - 1);
  const cell = RF + Rainflow_dod_hist + ((d * SOC_BINS + m) << 2);
  store<f32>(<usize>cell, load<f32>(<usize>cell) + weight);
}

/** Pushes a confirmed reversal and applies the three-point rule. */
function pushReversal(z: f32): void {
  let d = depth();
  if (d >= RAINFLOW_STACK) {
    countCycle(at(0), at(1), 0.5);
    for (let i: u32 = 1; i < d; i++) put(i - 1, at(i));
    d--;
    raiseFlag(FLAG_RAINFLOW_OVERFLOW);
  }
  put(d, z);
  d++;
  while (d >= 3) {
    const x = Mathf.abs(at(d - 1) - at(d - 2));
    const y = Mathf.abs(at(d - 2) - at(d - 3));
    if (x < y) break;
    if (d == 3) {
      countCycle(at(0), at(1), 0.5);
      put(0, at(1));
      put(1, at(2));
      d = 2;
    } else {
      countCycle(at(d - 3), at(d - 2), 1);
      put(d - 3, at(d - 1));
      d -= 2;
    }
  }
  setDepth(d);
}

export function rainflowUpdate(soc: f32): void {
  const z = clamp32(soc, -0.1, 1.1);
  const d = depth();
  if (d == 0) {
    pushReversal(z);
    setF32(RF + Rainflow_ext_z, z);
    store<i32>(<usize>(RF + Rainflow_dir), 0);
    return;
  }
  const h = getF32(PARAMS_BASE + Params_rf_hysteresis);
  const dir = load<i32>(<usize>(RF + Rainflow_dir));
  const ext = getF32(RF + Rainflow_ext_z);
  if (dir == 0) {
    if (Mathf.abs(z - at(d - 1)) >= h) {
      store<i32>(<usize>(RF + Rainflow_dir), z > at(d - 1) ? 1 : -1);
      setF32(RF + Rainflow_ext_z, z);
    }
  } else if ((dir > 0 && z > ext) || (dir < 0 && z < ext)) {
    setF32(RF + Rainflow_ext_z, z);
  } else if (Mathf.abs(ext - z) >= h) {
    pushReversal(ext);
    store<i32>(<usize>(RF + Rainflow_dir), -dir);
    setF32(RF + Rainflow_ext_z, z);
  }
}

/** Residue as [half cycles, EFC]: the open stack ranges and the current leg, each a half cycle. */
export function rainflowResidueHalfCycles(): f64 {
  const d = depth();
  let n: f64 = d > 1 ? <f64>(d - 1) : 0;
  if (d > 0 && load<i32>(<usize>(RF + Rainflow_dir)) != 0) n += 1;
  return n;
}

export function rainflowResidueEfc(): f64 {
  const d = depth();
  let sum: f64 = 0;
  for (let i: u32 = 1; i < d; i++) sum += <f64>Mathf.abs(at(i) - at(i - 1));
  if (d > 0 && load<i32>(<usize>(RF + Rainflow_dir)) != 0) sum += <f64>Mathf.abs(getF32(RF + Rainflow_ext_z) - at(d - 1));
  return 0.5 * sum;
}
