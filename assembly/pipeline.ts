// The per-sample pipeline: guard, throughput, SOC (and through it capacity), resistance, thermal,
// rainflow, events, periodic summary. Called by both the per-sample and the batch entry.
// Cost model: the inputs are converted to f32 once (cell voltage, current, temperature, interval)
// and everything per sample runs in f32 and integers; f64 remains only for the time stamp and for
// the rare estimator updates (anchors, capacity and resistance updates, snapshots).
import {
  HEADER_BASE, Header_initialised, GUARD_BASE, Guard_v_last_V, Guard_i_last_A, Guard_i_prev_A,
  PARAMS_BASE, Params_series_cells, Params_log_summary_interval_s, Params_rated_capacity_Ah,
  LOG_STATE_BASE, LogState_next_summary_ms, LogState_last_summary_ms, FLAG_ACCEPTED, FLAG_NOT_INITIALISED, LOGT_SUMMARY,
} from './generated/layout';
import { getF32, getU32, getI64, setI64 } from './util/mem';
import { i64ToF32 } from './util/num';
import { beginSample, raiseFlag, sampleResult } from './flags';
import { guardFinite, guardClassify, guardAccept, guardIntervalMs, guardClockRearm, toMs, IV_REJECT, IV_NORMAL, IV_FIRST } from './estimators/guard';
import { throughputUpdate, disAs } from './estimators/throughput';
import { socUpdate, socValue } from './estimators/soc';
import { resistanceUpdate } from './estimators/resistance';
import { thermalUpdate, thermalSeen } from './estimators/thermal';
import { rainflowUpdate } from './estimators/rainflow';
import { eventsUpdate } from './estimators/events';
import { logAppend } from './log/ring';

const P = PARAMS_BASE;

/** Processes one sample; returns the Flag bits it raised. Never traps, whatever the input. */
export function processSample(t_s: f64, voltage_V: f64, current_A: f64, temp_degC: f64): u32 {
  beginSample();
  if (getU32(HEADER_BASE + Header_initialised) == 0) {
    raiseFlag(FLAG_NOT_INITIALISED);
    return sampleResult();
  }
  if (!guardFinite(t_s, voltage_V, current_A, temp_degC)) return sampleResult();
  const t_ms = toMs(t_s);
  const cell_V = <f32>voltage_V / <f32>getU32(P + Params_series_cells);
  const i = <f32>current_A;
  const temp = <f32>temp_degC;
  const iv = guardClassify(t_s, t_ms, cell_V, i, temp);
  if (iv == IV_REJECT) return sampleResult();
  raiseFlag(FLAG_ACCEPTED);

  const vPrev = getF32(GUARD_BASE + Guard_v_last_V);
  const iPrev = getF32(GUARD_BASE + Guard_i_last_A);
  const iPrev2 = getF32(GUARD_BASE + Guard_i_prev_A);
  const ms: i64 = iv == IV_FIRST || guardIntervalMs() < 0 ? 0 : guardIntervalMs();
  const dt: f32 = i64ToF32(ms) / 1000; // exact for whole-ms intervals below 2^24 ms

  if (iv == IV_NORMAL) throughputUpdate(dt, vPrev, iPrev, cell_V, i);
  socUpdate(iv, t_s, dt, cell_V, vPrev, i, temp);
  const soc = socValue();
  thermalSeen(temp);
  if (iv == IV_NORMAL) {
    resistanceUpdate(t_s, dt, vPrev, iPrev, iPrev2, cell_V, i, temp, soc);
    thermalUpdate(ms, dt, temp, i, soc);
  }
  rainflowUpdate(soc);
  eventsUpdate(t_s, cell_V, i, temp);
  guardAccept(t_s, t_ms, cell_V, i, temp);

  // periodic summary; a clock that went backwards re-arms it, rate-limited like its fault record
  if (iv == IV_FIRST || t_ms >= getI64(LOG_STATE_BASE + LogState_next_summary_ms) || (guardClockRearm() && t_ms < getI64(LOG_STATE_BASE + LogState_last_summary_ms))) {
    setI64(LOG_STATE_BASE + LogState_last_summary_ms, t_ms);
    setI64(LOG_STATE_BASE + LogState_next_summary_ms, t_ms + <i64>(getF32(P + Params_log_summary_interval_s) * 1000));
    logAppend(LOGT_SUMMARY, sampleResult(), t_s, soc, <f32>(disAs() / (3600 * <f64>getF32(P + Params_rated_capacity_Ah))), temp);
  }
  return sampleResult();
}
