// Negative events (algorithms.md 4.3): over/under-voltage, deep discharge, over-current (charge and
// discharge), over/under-temperature, and over/under-temperature while charging, from the limits of
// the parameter block. An event is counted and logged at its onset; it ends when the value is back
// inside the limit by a small hysteresis, so a value sitting on a limit counts once.
import {
  EVENTS_BASE, EventSlot_SIZEOF, EventSlot_last_t_s, EventSlot_worst, EventSlot_count, EventSlot_active,
  PARAMS_BASE, Params_lim_v_max_V, Params_lim_v_min_V, Params_lim_v_deep_V, Params_lim_i_dis_max_A,
  Params_lim_i_chg_max_A, Params_lim_t_max_degC, Params_lim_t_min_degC, Params_lim_t_chg_max_degC,
  Params_lim_t_chg_min_degC, Params_rest_current_A,
  EVENT_OVER_VOLTAGE, EVENT_UNDER_VOLTAGE, EVENT_DEEP_DISCHARGE, EVENT_OVER_CURRENT_DISCHARGE,
  EVENT_OVER_CURRENT_CHARGE, EVENT_OVER_TEMPERATURE, EVENT_UNDER_TEMPERATURE, EVENT_CHARGE_OVER_TEMPERATURE,
  EVENT_CHARGE_UNDER_TEMPERATURE, EVENT_TYPES, FLAG_EVENT, LOGT_EVENT,
} from '../generated/layout';
import { setF64, getF32, setF32, getU32, setU32 } from '../util/mem';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';

/** Hysteresis for ending an event: voltages and currents 1 % back inside, temperatures 1 K. */
const HYST_REL: f32 = 0.01;
const HYST_K: f32 = 1;

const P = PARAMS_BASE;

@inline function slot(type: u32): u32 { return EVENTS_BASE + type * EventSlot_SIZEOF; }

/**
 * Checks one condition. `excess` > 0 means the limit is violated, `clear` > 0 means it is back inside
 * with hysteresis. `high` says whether larger values are worse (for the worst value).
 */
function check(type: u32, excess: f32, clear: f32, value: f32, high: bool, t_s: f64): void {
  const s = slot(type);
  if (getU32(s + EventSlot_active) != 0) {
    const w = getF32(s + EventSlot_worst);
    if (high ? value > w : value < w) setF32(s + EventSlot_worst, value);
    if (clear > 0) setU32(s + EventSlot_active, 0);
    return;
  }
  if (excess <= 0) return;
  const n = getU32(s + EventSlot_count) + 1;
  setU32(s + EventSlot_count, n);
  setU32(s + EventSlot_active, 1);
  setF64(s + EventSlot_last_t_s, t_s);
  const w = getF32(s + EventSlot_worst);
  if (n == 1 || (high ? value > w : value < w)) setF32(s + EventSlot_worst, value);
  raiseFlag(FLAG_EVENT);
  logAppend(LOGT_EVENT, FLAG_EVENT, t_s, <f32>type, value, <f32>n);
}

@inline function over(type: u32, value: f32, limit: f32, t_s: f64): void {
  check(type, value - limit, limit * (1 - HYST_REL) - value, value, true, t_s);
}
@inline function under(type: u32, value: f32, limit: f32, t_s: f64): void {
  check(type, limit - value, value - limit * (1 + HYST_REL), value, false, t_s);
}

export function eventsUpdate(t_s: f64, cell_V: f32, current_A: f32, temp_degC: f32): void {
  over(EVENT_OVER_VOLTAGE, cell_V, getF32(P + Params_lim_v_max_V), t_s);
  under(EVENT_UNDER_VOLTAGE, cell_V, getF32(P + Params_lim_v_min_V), t_s);
  under(EVENT_DEEP_DISCHARGE, cell_V, getF32(P + Params_lim_v_deep_V), t_s);
  over(EVENT_OVER_CURRENT_DISCHARGE, current_A, getF32(P + Params_lim_i_dis_max_A), t_s);
  over(EVENT_OVER_CURRENT_CHARGE, -current_A, getF32(P + Params_lim_i_chg_max_A), t_s);
  const tMax = getF32(P + Params_lim_t_max_degC);
  const tMin = getF32(P + Params_lim_t_min_degC);
  check(EVENT_OVER_TEMPERATURE, temp_degC - tMax, tMax - HYST_K - temp_degC, temp_degC, true, t_s);
  check(EVENT_UNDER_TEMPERATURE, tMin - temp_degC, temp_degC - tMin - HYST_K, temp_degC, false, t_s);
  // while charging only; when charging stops the condition clears
  const charging = current_A <= -getF32(P + Params_rest_current_A);
  const cMax = getF32(P + Params_lim_t_chg_max_degC);
  const cMin = getF32(P + Params_lim_t_chg_min_degC);
  check(EVENT_CHARGE_OVER_TEMPERATURE, charging ? temp_degC - cMax : <f32>-1, charging ? cMax - HYST_K - temp_degC : <f32>1, temp_degC, true, t_s);
  check(EVENT_CHARGE_UNDER_TEMPERATURE, charging ? cMin - temp_degC : <f32>-1, charging ? temp_degC - cMin - HYST_K : <f32>1, temp_degC, false, t_s);
}

export function eventsTotal(): f64 {
  let n: u32 = 0;
  for (let t: u32 = 0; t < EVENT_TYPES; t++) n += getU32(slot(t) + EventSlot_count);
  return <f64>n;
}

export function eventCount(type: u32): f64 { return <f64>getU32(slot(type) + EventSlot_count); }
