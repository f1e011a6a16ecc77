// snapshot(): copies every estimate and counter into the SNAPSHOT region (all f64), and
// digest(): FNV-1a 64 over the complete state (parameter block, estimator states, log).
import {
  SNAPSHOT_BASE, Snapshot_t_s, Snapshot_soc, Snapshot_soc_sigma, Snapshot_capacity_Ah, Snapshot_capacity_sigma_Ah,
  Snapshot_soh, Snapshot_capacity_updates, Snapshot_capacity_gated, Snapshot_resistance_ohm, Snapshot_resistance_bol_ohm,
  Snapshot_resistance_ratio, Snapshot_resistance_updates, Snapshot_resistance_last_raw_ohm, Snapshot_chg_Ah,
  Snapshot_dis_Ah, Snapshot_chg_Wh, Snapshot_dis_Wh, Snapshot_efc, Snapshot_efc_rainflow, Snapshot_full_cycles,
  Snapshot_half_cycles, Snapshot_eq_time_25C_s, Snapshot_time_s, Snapshot_extreme_high_s, Snapshot_extreme_low_s,
  Snapshot_chg_extreme_high_s, Snapshot_chg_extreme_low_s, Snapshot_temp_max_degC, Snapshot_temp_min_degC,
  Snapshot_events_total, Snapshot_deep_discharge_events, Snapshot_samples, Snapshot_accepted, Snapshot_rejected,
  Snapshot_clock_backwards, Snapshot_gaps, Snapshot_flags, Snapshot_log_next_seq, Snapshot_log_count,
  Snapshot_log_overwritten, Snapshot_params_version,
  GUARD_BASE, Guard_t_last_s, Guard_temp_last_degC, Guard_samples, Guard_accepted, Guard_rejected_nonfinite, Guard_rejected_range,
  Guard_clock_duplicate, Guard_clock_backwards, Guard_gaps, Guard_flags,
  CAPACITY_BASE, Capacity_updates, Capacity_gated, RESISTANCE_BASE, Resistance_updates, Resistance_last_raw_ohm,
  THERMAL_BASE, Thermal_eq_time_q10, Thermal_time_ms, Thermal_extreme_high_ms, Thermal_extreme_low_ms,
  Thermal_chg_extreme_high_ms, Thermal_chg_extreme_low_ms, Thermal_temp_max_degC, Thermal_temp_min_degC,
  RAINFLOW_BASE, Rainflow_full_cycles, Rainflow_half_cycles, Rainflow_efc_rainflow,
  LOG_STATE_BASE, LogState_next_seq, LogState_count, LogState_overwritten,
  PARAMS_BASE, Params_rated_capacity_Ah, Params_version, PARAMS_SIZE, GUARD_BASE as STATE_FIRST, LOG_BASE, LOG_SIZE,
  EVENT_DEEP_DISCHARGE,
} from './generated/layout';
import { getF64, setF64, getF32, getU32, getI64 } from './util/mem';
import { clamp, INV_Q10 } from './util/num';
import { FNV64_OFFSET, fnv1a64 } from './util/fnv';
import { socValue, socSigma2 } from './estimators/soc';
import { capacityAh, capacityPresentAh, capacityPresentSigma2 } from './estimators/capacity';
import { resistanceOhm, resistanceBolOhm } from './estimators/resistance';
import { chgAs, disAs, chgWs, disWs } from './estimators/throughput';
import { rainflowResidueHalfCycles, rainflowResidueEfc } from './estimators/rainflow';
import { eventsTotal, eventCount } from './estimators/events';

const S = SNAPSHOT_BASE;

@inline function put(off: u32, v: f64): void { setF64(S + off, v); }
@inline function ms(off: u32): f64 { return <f64>getI64(THERMAL_BASE + off) / 1000; }

export function writeSnapshot(): void {
  const t = getF64(GUARD_BASE + Guard_t_last_s);
  const rated = <f64>getF32(PARAMS_BASE + Params_rated_capacity_Ah);
  put(Snapshot_t_s, t);
  put(Snapshot_soc, clamp(<f64>socValue(), 0, 1));
  put(Snapshot_soc_sigma, Math.sqrt(socSigma2(t)));
  // capacity under the present conditions (temperature now, rate of the last discharge); SOH from the
  // reference capacity (25 degC band, rated-rate band)
  const temp = getF32(GUARD_BASE + Guard_temp_last_degC);
  put(Snapshot_capacity_Ah, capacityPresentAh(temp));
  put(Snapshot_capacity_sigma_Ah, Math.sqrt(capacityPresentSigma2(temp)));
  put(Snapshot_soh, capacityAh() / rated);
  put(Snapshot_capacity_updates, <f64>getU32(CAPACITY_BASE + Capacity_updates));
  put(Snapshot_capacity_gated, <f64>getU32(CAPACITY_BASE + Capacity_gated));
  const r = resistanceOhm();
  const bol = resistanceBolOhm();
  put(Snapshot_resistance_ohm, r);
  put(Snapshot_resistance_bol_ohm, bol);
  put(Snapshot_resistance_ratio, bol > 0 ? r / bol : 0);
  put(Snapshot_resistance_updates, <f64>getU32(RESISTANCE_BASE + Resistance_updates));
  put(Snapshot_resistance_last_raw_ohm, getF64(RESISTANCE_BASE + Resistance_last_raw_ohm));
  put(Snapshot_chg_Ah, chgAs() / 3600);
  put(Snapshot_dis_Ah, disAs() / 3600);
  put(Snapshot_chg_Wh, chgWs() / 3600);
  put(Snapshot_dis_Wh, disWs() / 3600);
  put(Snapshot_efc, disAs() / (3600 * rated));
  put(Snapshot_efc_rainflow, getF64(RAINFLOW_BASE + Rainflow_efc_rainflow) + rainflowResidueEfc());
  put(Snapshot_full_cycles, getF64(RAINFLOW_BASE + Rainflow_full_cycles));
  put(Snapshot_half_cycles, getF64(RAINFLOW_BASE + Rainflow_half_cycles) + rainflowResidueHalfCycles());
  put(Snapshot_eq_time_25C_s, <f64>getI64(THERMAL_BASE + Thermal_eq_time_q10) * INV_Q10);
  put(Snapshot_time_s, ms(Thermal_time_ms));
  put(Snapshot_extreme_high_s, ms(Thermal_extreme_high_ms));
  put(Snapshot_extreme_low_s, ms(Thermal_extreme_low_ms));
  put(Snapshot_chg_extreme_high_s, ms(Thermal_chg_extreme_high_ms));
  put(Snapshot_chg_extreme_low_s, ms(Thermal_chg_extreme_low_ms));
  put(Snapshot_temp_max_degC, <f64>getF32(THERMAL_BASE + Thermal_temp_max_degC));
  put(Snapshot_temp_min_degC, <f64>getF32(THERMAL_BASE + Thermal_temp_min_degC));
  put(Snapshot_events_total, eventsTotal());
  put(Snapshot_deep_discharge_events, eventCount(EVENT_DEEP_DISCHARGE));
  put(Snapshot_samples, <f64>getI64(GUARD_BASE + Guard_samples));
  put(Snapshot_accepted, <f64>getI64(GUARD_BASE + Guard_accepted));
  put(Snapshot_rejected, <f64>(getU32(GUARD_BASE + Guard_rejected_nonfinite) + getU32(GUARD_BASE + Guard_rejected_range) + getU32(GUARD_BASE + Guard_clock_duplicate)));
  put(Snapshot_clock_backwards, <f64>getU32(GUARD_BASE + Guard_clock_backwards));
  put(Snapshot_gaps, <f64>getU32(GUARD_BASE + Guard_gaps));
  put(Snapshot_flags, <f64>getU32(GUARD_BASE + Guard_flags));
  put(Snapshot_log_next_seq, <f64>getU32(LOG_STATE_BASE + LogState_next_seq));
  put(Snapshot_log_count, <f64>getU32(LOG_STATE_BASE + LogState_count));
  put(Snapshot_log_overwritten, <f64>getU32(LOG_STATE_BASE + LogState_overwritten));
  put(Snapshot_params_version, <f64>getU32(PARAMS_BASE + Params_version));
}

/** FNV-1a 64 over the parameter block in force and every state region through the log. */
export function stateDigest(): u64 {
  let h = fnv1a64(FNV64_OFFSET, PARAMS_BASE, PARAMS_SIZE);
  h = fnv1a64(h, STATE_FIRST, LOG_BASE + LOG_SIZE - STATE_FIRST);
  return h;
}
