// bms-edge digital twin: BLAST-Lite semi-empirical ageing models (algorithms.md §6) plus an empirical
// calibrated model, compiled to build/twin.wasm (embedded profile: stub runtime, no imports, one page,
// no allocation). This file is the only export surface: numbers in, numbers out; bulk data moves
// through the static areas whose addresses the *Ptr() exports give (layout in memory.ts).
//
// Use: twinReset(model) → [twinSetScalar/State/Param] → for each segment: segBegin, segPush…, segEnd
// (or segSummary) → twinStep(n) or twinProject(...) → read q, r, the trajectory and the thresholds.
// Status codes: 0 ok, 1 bad input (segment or argument rejected), 2 unknown model or slot.
import {
  STATE_PTR, SCALAR_PTR, RATE_PTR, PARAM_PTR, SEG_PTR, CLOCK_PTR, THR_PTR, TRAJ_PTR, HIST_PTR, FIT_PTR, FITINFO_PTR, ACC_PTR,
  getf, setf, fillf, STATE_SLOTS, PARAM_SLOTS, THRESHOLDS, TRAJ_ROWS, HIST_ROWS, HIST_COLS, FIT_ROWS,
} from './memory';
import { MODEL_COUNT, MODEL_NMC_KOKAM, MODEL_LFP_SONY, Q_X, ONSET_USED } from './models/slots';
import { modelRates, modelQ, modelR } from './models/index';
import { KOKAM_LAM_INIT } from './models/kokam';
import { SONY_BREAKIN_INIT } from './models/sony';
import { segBegin as begin, segPush as push, segEnd as end, segSummary as summary, segRejected, SEG_DOD, SEG_CRATE, SEG_SOC_MEAN } from './stressors';
import { project, stepOnce, resetThresholds, CLOCK_DAYS, CLOCK_EFC } from './project';
import { fitCalendar as calendar, fitPowerLaw as powerLaw } from './fit';

export const TWIN_ABI_VERSION: i32 = 1;
export const TWIN_STATE_SLOTS: i32 = STATE_SLOTS;
export const TWIN_PARAM_SLOTS: i32 = PARAM_SLOTS;
export const TWIN_THRESHOLDS: i32 = THRESHOLDS;
export const TWIN_TRAJ_ROWS: i32 = TRAJ_ROWS;
export const TWIN_HIST_ROWS: i32 = HIST_ROWS;
export const TWIN_HIST_COLS: i32 = HIST_COLS;
export const TWIN_FIT_ROWS: i32 = FIT_ROWS;

let model: i32 = 0;

/** Fresh cell of `model`: states at their initial values, scalars 1, clock 0, thresholds unreached. */
export function twinReset(m: i32): i32 {
  if (m < 0 || m >= MODEL_COUNT) return 2;
  model = m;
  fillf(STATE_PTR, STATE_SLOTS, 0);
  fillf(SCALAR_PTR, STATE_SLOTS, 1);
  fillf(RATE_PTR, 8, 0);
  fillf(CLOCK_PTR, 4, 0);
  if (m == MODEL_NMC_KOKAM) setf(STATE_PTR, Q_X, KOKAM_LAM_INIT);
  if (m == MODEL_LFP_SONY) setf(STATE_PTR, Q_X, SONY_BREAKIN_INIT);
  resetThresholds();
  begin();
  return 0;
}

/** Zeroes the simulated clock (days, EFC, steps) and keeps the states: "today" becomes the origin. */
export function twinClockReset(): void {
  fillf(CLOCK_PTR, 4, 0);
}

export function twinModel(): i32 {
  return model;
}

/** degradation_scalar of one mechanism slot (bounded 0..10). */
export function twinSetScalar(slot: i32, value: f64): i32 {
  if (slot < 0 || slot >= STATE_SLOTS) return 2;
  if (!(value >= 0 && value <= 10)) return 1;
  setf(SCALAR_PTR, slot, value);
  return 0;
}

/** Overwrites one loss state (to continue from a split of the measured first-life fade, §6.2). */
export function twinSetState(slot: i32, value: f64): i32 {
  if (slot < 0 || slot >= STATE_SLOTS) return 2;
  const limit: f64 = slot == ONSET_USED ? 1e9 : 2; // onset progress is in EFC, the others are fractions
  if (!(value >= 0 && value < limit)) return 1;
  setf(STATE_PTR, slot, value);
  return 0;
}

export function twinGetState(slot: i32): f64 {
  return slot >= 0 && slot < STATE_SLOTS ? getf(STATE_PTR, slot) : NaN;
}

export function twinSetParam(i: i32, value: f64): i32 {
  if (i < 0 || i >= PARAM_SLOTS) return 2;
  if (!isFinite(value)) return 1;
  setf(PARAM_PTR, i, value);
  return 0;
}

/** Threshold i (0..3) on q; 0 disables it. Marks it unreached. */
export function twinSetThreshold(i: i32, q: f64): i32 {
  if (i < 0 || i >= THRESHOLDS) return 2;
  if (!(q >= 0 && q < 1.5)) return 1;
  setf(THR_PTR, i, q);
  setf(THR_PTR, 4 + i, -1);
  setf(THR_PTR, 8 + i, -1);
  setf(THR_PTR, 12 + i, -1);
  return 0;
}

export function segBegin(): void {
  begin();
}

export function segPush(t_s: f64, soc: f64, temp_degC: f64): i32 {
  return push(model, t_s, soc, temp_degC);
}

/** Closes the segment (stressors scaled by the current q) and computes the model's rates. */
export function segEnd(): i32 {
  const status = end(modelQ(model));
  if (status != 0) return status;
  modelRates(model, getf(SEG_PTR, SEG_DOD), getf(SEG_PTR, SEG_CRATE), getf(SEG_PTR, SEG_SOC_MEAN));
  return 0;
}

/** Segment from summary stressors (see stressors.ts) and the model's rates for it. */
export function segSummary(dtDays: f64, dEfc: f64, dod: f64, crate: f64, temp_degC: f64, socMean: f64): i32 {
  const status = summary(model, dtDays, dEfc, dod, crate, temp_degC, socMean);
  if (status != 0) return status;
  modelRates(model, dod, crate, socMean);
  return 0;
}

export function segRejectedCount(): f64 {
  return segRejected();
}

/** Applies the current segment n times; returns q. */
export function twinStep(n: i32): f64 {
  for (let i = 0; i < n; i++) stepOnce(model);
  return modelQ(model);
}

export function twinProject(maxSteps: i32, outEvery: i32): i32 {
  return project(model, maxSteps, outEvery);
}

export function twinQ(): f64 {
  return modelQ(model);
}

export function twinR(): f64 {
  return modelR(model);
}

export function twinDays(): f64 {
  return getf(CLOCK_PTR, CLOCK_DAYS);
}

export function twinEfc(): f64 {
  return getf(CLOCK_PTR, CLOCK_EFC);
}

export function fitCalendar(n: i32, socMean: f64): void {
  calendar(n, socMean);
}

export function fitPowerLaw(n: i32, sign: f64, pMin: f64, pMax: f64, pSteps: i32, x0Max: f64, x0Steps: i32): i32 {
  return powerLaw(n, sign, pMin, pMax, pSteps, x0Max, x0Steps);
}

export function statePtr(): usize { return STATE_PTR; }
export function scalarPtr(): usize { return SCALAR_PTR; }
export function ratePtr(): usize { return RATE_PTR; }
export function factorAvgPtr(): usize { return ACC_PTR; }
export function segPtr(): usize { return SEG_PTR; }
export function thresholdPtr(): usize { return THR_PTR; }
export function trajPtr(): usize { return TRAJ_PTR; }
export function histPtr(): usize { return HIST_PTR; }
export function fitPtr(): usize { return FIT_PTR; }
export function fitInfoPtr(): usize { return FITINFO_PTR; }
