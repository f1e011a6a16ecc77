// Charge and energy throughput (Annex VII capacity and energy throughput) and the
// efficiency-weighted net charge that drives SOC. Trapezoid rule over each interval; the
// interval's average current decides whether it is charge or discharge. Accumulators are i64
// fixed point with the rounding remainder carried (util/num.ts addFixed): ten years of 1 Hz samples
// lose far less than 1 ppm, and the per-sample work is f32 (hardware on Cortex-M4F).
import {
  THROUGHPUT_BASE, Throughput_chg_As_q20, Throughput_dis_As_q20, Throughput_net_As_q20, Throughput_chg_Ws_q10,
  Throughput_dis_Ws_q10, Throughput_chg_As_carry, Throughput_dis_As_carry, Throughput_net_As_carry,
  Throughput_chg_Ws_carry, Throughput_dis_Ws_carry,
  PARAMS_BASE, Params_charge_efficiency, Params_series_cells,
} from '../generated/layout';
import { getF32, getU32, getI64 } from '../util/mem';
import { addFixed, Q20, Q10, INV_Q20, INV_Q10 } from '../util/num';

const T = THROUGHPUT_BASE;

/** Integrates one interval of dt_s between (v0, i0) and (v1, i1); voltages are per cell. */
export function throughputUpdate(dt_s: f32, v0_V: f32, i0_A: f32, v1_V: f32, i1_A: f32): void {
  const q_As: f32 = <f32>0.5 * (i0_A + i1_A) * dt_s;
  const e_Ws: f32 = <f32>0.5 * (v0_V * i0_A + v1_V * i1_A) * dt_s * <f32>getU32(PARAMS_BASE + Params_series_cells);
  if (q_As >= 0) {
    addFixed(T + Throughput_dis_As_q20, T + Throughput_dis_As_carry, q_As * Q20);
    addFixed(T + Throughput_dis_Ws_q10, T + Throughput_dis_Ws_carry, e_Ws * Q10);
    addFixed(T + Throughput_net_As_q20, T + Throughput_net_As_carry, q_As * Q20);
  } else {
    addFixed(T + Throughput_chg_As_q20, T + Throughput_chg_As_carry, -q_As * Q20);
    addFixed(T + Throughput_chg_Ws_q10, T + Throughput_chg_Ws_carry, -e_Ws * Q10);
    addFixed(T + Throughput_net_As_q20, T + Throughput_net_As_carry, q_As * getF32(PARAMS_BASE + Params_charge_efficiency) * Q20);
  }
}

/** Net efficiency-weighted discharge since init, Q20 A*s (exact integer). */
export function netQ20(): i64 { return getI64(T + Throughput_net_As_q20); }
/** Charge moved either way since init, Q20 A*s. */
export function movedQ20(): i64 { return getI64(T + Throughput_chg_As_q20) + getI64(T + Throughput_dis_As_q20); }

export function netAs(): f64 { return <f64>getI64(T + Throughput_net_As_q20) * INV_Q20; }
export function chgAs(): f64 { return <f64>getI64(T + Throughput_chg_As_q20) * INV_Q20; }
export function disAs(): f64 { return <f64>getI64(T + Throughput_dis_As_q20) * INV_Q20; }
export function chgWs(): f64 { return <f64>getI64(T + Throughput_chg_Ws_q10) * INV_Q10; }
export function disWs(): f64 { return <f64>getI64(T + Throughput_dis_Ws_q10) * INV_Q10; }
