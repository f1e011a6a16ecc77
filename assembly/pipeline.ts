// The per-sample pipeline: guard, throughput, SOC (and through it capacity), resistance, thermal,
// rainflow, events, periodic summary. Called by both the per-sample and the batch entry.
import {
  HEADER_BASE, Header_initialised, GUARD_BASE, Guard_t_last_s, Guard_v_last_V, Guard_i_last_A, Guard_i_prev_A,
  PARAMS_BASE, Params_series_cells, Params_log_summary_interval_s,
  LOG_STATE_BASE, LogState_last_summary_t_s, FLAG_ACCEPTED, FLAG_NOT_INITIALISED, LOGT_SUMMARY,
} from './generated/layout';
import { getF64, setF64, getF32, getU32 } from './util/mem';
import { beginSample, raiseFlag, sampleResult } from './flags';
import { guardClassify, guardAccept, IV_REJECT, IV_NORMAL, IV_FIRST } from './estimators/guard';
import { throughputUpdate } from './estimators/throughput';
import { socUpdate, socValue } from './estimators/soc';
import { capacityTrackTemp } from './estimators/capacity';
import { resistanceUpdate } from './estimators/resistance';
import { thermalUpdate, thermalSeen } from './estimators/thermal';
import { rainflowUpdate } from './estimators/rainflow';
import { eventsUpdate } from './estimators/events';
import { logAppend } from './log/ring';
import { disAs } from './estimators/throughput';
import { PARAMS_BASE as PB, Params_rated_capacity_Ah } from './generated/layout';

/** Processes one sample; returns the Flag bits it raised. Never traps, whatever the input. */
export function processSample(t_s: f64, voltage_V: f64, current_A: f64, temp_degC: f64): u32 {
  beginSample();
  if (getU32(HEADER_BASE + Header_initialised) == 0) {
    raiseFlag(FLAG_NOT_INITIALISED);
    return sampleResult();
  }
  const iv = guardClassify(t_s, voltage_V, current_A, temp_degC);
  if (iv == IV_REJECT) return sampleResult();
  raiseFlag(FLAG_ACCEPTED);

  const cell_V = voltage_V / <f64>getU32(PARAMS_BASE + Params_series_cells);
  const tPrev = getF64(GUARD_BASE + Guard_t_last_s);
  const vPrev = getF64(GUARD_BASE + Guard_v_last_V);
  const iPrev = getF64(GUARD_BASE + Guard_i_last_A);
  const iPrev2 = getF64(GUARD_BASE + Guard_i_prev_A);
  const dt = iv == IV_FIRST ? 0 : t_s - tPrev;

  if (iv == IV_NORMAL) throughputUpdate(dt, vPrev, iPrev, cell_V, current_A);
  capacityTrackTemp(temp_degC);
  socUpdate(iv, t_s, dt, cell_V, vPrev, current_A, temp_degC);
  const soc = socValue();
  thermalSeen(temp_degC);
  if (iv == IV_NORMAL) {
    resistanceUpdate(t_s, dt, vPrev, iPrev, iPrev2, cell_V, current_A, temp_degC, soc);
    thermalUpdate(dt, temp_degC, current_A, soc);
  }
  rainflowUpdate(soc);
  eventsUpdate(t_s, cell_V, current_A, temp_degC);
  guardAccept(t_s, cell_V, current_A, temp_degC);

  const last = getF64(LOG_STATE_BASE + LogState_last_summary_t_s);
  if (iv == IV_FIRST || t_s - last >= getF32(PARAMS_BASE + Params_log_summary_interval_s) || t_s < last) {
    setF64(LOG_STATE_BASE + LogState_last_summary_t_s, t_s);
    logAppend(LOGT_SUMMARY, sampleResult(), t_s, soc, disAs() / (3600 * getF32(PB + Params_rated_capacity_Ah)), temp_degC);
  }
  return sampleResult();
}
