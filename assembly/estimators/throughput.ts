// Charge and energy throughput (Annex VII capacity and energy throughput) and the
// efficiency-weighted net charge that drives SOC. Trapezoid rule over each interval; the
// interval's average current decides whether it is charge or discharge. Sums are
// Neumaier-compensated f64, so ten years of 1 Hz samples lose far less than 1 ppm.
import {
  THROUGHPUT_BASE, Throughput_chg_As, Throughput_chg_As_c, Throughput_dis_As, Throughput_dis_As_c,
  Throughput_chg_Ws, Throughput_chg_Ws_c, Throughput_dis_Ws, Throughput_dis_Ws_c, Throughput_net_As, Throughput_net_As_c,
  PARAMS_BASE, Params_charge_efficiency, Params_series_cells,
} from '../generated/layout';
import { getF32, getU32 } from '../util/mem';
import { addCompensated } from '../util/num';

const T = THROUGHPUT_BASE;

/** Integrates one interval of dt_s between (v0, i0) and (v1, i1); voltages are per cell. */
export function throughputUpdate(dt_s: f64, v0_V: f64, i0_A: f64, v1_V: f64, i1_A: f64): void {
  const q_As = 0.5 * (i0_A + i1_A) * dt_s;
  const e_Ws = 0.5 * (v0_V * i0_A + v1_V * i1_A) * dt_s * <f64>getU32(PARAMS_BASE + Params_series_cells);
  if (q_As >= 0) {
    addCompensated(T + Throughput_dis_As, T + Throughput_dis_As_c, q_As);
    addCompensated(T + Throughput_dis_Ws, T + Throughput_dis_Ws_c, e_Ws);
    addCompensated(T + Throughput_net_As, T + Throughput_net_As_c, q_As);
  } else {
    addCompensated(T + Throughput_chg_As, T + Throughput_chg_As_c, -q_As);
    addCompensated(T + Throughput_chg_Ws, T + Throughput_chg_Ws_c, -e_Ws);
    addCompensated(T + Throughput_net_As, T + Throughput_net_As_c, q_As * getF32(PARAMS_BASE + Params_charge_efficiency));
  }
}

@inline function pair(sum: u32, comp: u32): f64 { return load<f64>(<usize>(T + sum)) + load<f64>(<usize>(T + comp)); }

/** Net efficiency-weighted discharge since init, A*s. */
export function netAs(): f64 { return pair(Throughput_net_As, Throughput_net_As_c); }
export function chgAs(): f64 { return pair(Throughput_chg_As, Throughput_chg_As_c); }
export function disAs(): f64 { return pair(Throughput_dis_As, Throughput_dis_As_c); }
export function chgWs(): f64 { return pair(Throughput_chg_Ws, Throughput_chg_Ws_c); }
export function disWs(): f64 { return pair(Throughput_dis_Ws, Throughput_dis_Ws_c); }
