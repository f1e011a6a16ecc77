// Negative events (algorithms.md 4.3): over/under-voltage, deep discharge, over-current (charge and
// discharge), over/under-temperature, and over/under-temperature while charging, from the limits of
// the parameter block.
//
// Confirmation, as BMS firmware debounces its limits (parameters ev_* with their sources in
// layout/presets.ts): a violation first opens a pending excursion; it becomes an event (counted,
// flagged, logged as EVENT with the worst value of the excursion, time of onset kept) once it has
// been seen at two or more samples spanning at least the limit's confirmation time (0 s: at once).
// An excursion that clears before that is never an event: if every one of its samples was at rest
// and there were at most ev_glitch_samples of them it is a sensor glitch (GLITCH record), otherwise
// a transient (TRANSIENT record); each is counted in its own slot counter. An excursion at rest is
// confirmed only after more than ev_glitch_samples samples, whatever their span.
// A confirmed event ends when the value is back inside the limit by a small hysteresis, so a value
// sitting on a limit counts once.
import {
  EVENTS_BASE, EventSlot_SIZEOF, EventSlot_last_t_s, EventSlot_worst, EventSlot_count, EventSlot_active,
  EventSlot_pending, EventSlot_pending_t_s, EventSlot_pending_worst, EventSlot_pending_rest, EventSlot_glitches,
  EventSlot_transients,
  PARAMS_BASE, Params_lim_v_max_V, Params_lim_v_min_V, Params_lim_v_deep_V, Params_lim_i_dis_max_A,
  Params_lim_i_chg_max_A, Params_lim_t_max_degC, Params_lim_t_min_degC, Params_lim_t_chg_max_degC,
  Params_lim_t_chg_min_degC, Params_rest_current_A, Params_ev_confirm_voltage_s, Params_ev_confirm_current_s,
  Params_ev_confirm_temp_s, Params_ev_glitch_samples,
  EVENT_OVER_VOLTAGE, EVENT_UNDER_VOLTAGE, EVENT_DEEP_DISCHARGE, EVENT_OVER_CURRENT_DISCHARGE,
  EVENT_OVER_CURRENT_CHARGE, EVENT_OVER_TEMPERATURE, EVENT_UNDER_TEMPERATURE, EVENT_CHARGE_OVER_TEMPERATURE,
  EVENT_CHARGE_UNDER_TEMPERATURE, EVENT_TYPES, FLAG_EVENT, LOGT_EVENT, LOGT_GLITCH, LOGT_TRANSIENT,
} from '../generated/layout';
import { setF64, getF64, getF32, setF32, getU32, setU32 } from '../util/mem';
import { raiseFlag } from '../flags';
import { logAppend } from '../log/ring';

/** Hysteresis for ending an event: voltages and currents 1 % back inside, temperatures 1 K. */
const HYST_REL: f32 = 0.01;
const HYST_K: f32 = 1;

const P = PARAMS_BASE;

@inline function slot(type: u32): u32 { return EVENTS_BASE + type * EventSlot_SIZEOF; }

@inline function worse(high: bool, value: f32, than: f32): bool { return high ? value > than : value < than; }

/** Ends a pending excursion that cleared unconfirmed: a sensor glitch or a transient, counted and logged. */
function endPending(type: u32, s: u32, n: u32, t_s: f64): void {
  const glitch = getU32(s + EventSlot_pending_rest) != 0 && n <= getU32(P + Params_ev_glitch_samples);
  const field = glitch ? EventSlot_glitches : EventSlot_transients;
  const k = getU32(s + field) + 1;
  setU32(s + field, k);
  setU32(s + EventSlot_pending, 0);
  logAppend(glitch ? LOGT_GLITCH : LOGT_TRANSIENT, 0, t_s, <f32>type, getF32(s + EventSlot_pending_worst), <f32>k);
}

/**
 * Checks one condition. `excess` > 0 means the limit is violated, `clear` > 0 means it is back inside
 * with hysteresis. `high` says whether larger values are worse (for the worst value). `confirm_s` is
 * the limit's confirmation time, `atRest` whether this sample is at rest.
 */
function check(type: u32, excess: f32, clear: f32, value: f32, high: bool, t_s: f64, confirm_s: f32, atRest: bool): void {
  const s = slot(type);
  if (getU32(s + EventSlot_active) != 0) {
    if (worse(high, value, getF32(s + EventSlot_worst))) setF32(s + EventSlot_worst, value);
    if (clear > 0) setU32(s + EventSlot_active, 0);
    return;
  }
  let n = getU32(s + EventSlot_pending);
  if (excess <= 0) {
    if (n > 0) endPending(type, s, n, t_s);
    return;
  }
  if (n == 0) {
    setF64(s + EventSlot_pending_t_s, t_s);
    setF32(s + EventSlot_pending_worst, value);
    setU32(s + EventSlot_pending_rest, atRest ? 1 : 0);
  } else {
    if (worse(high, value, getF32(s + EventSlot_pending_worst))) setF32(s + EventSlot_pending_worst, value);
    if (!atRest) setU32(s + EventSlot_pending_rest, 0);
  }
  n++;
  setU32(s + EventSlot_pending, n);
  const onset = getF64(s + EventSlot_pending_t_s);
  const glitchable = getU32(s + EventSlot_pending_rest) != 0 && n <= getU32(P + Params_ev_glitch_samples);
  const held = confirm_s <= 0 || (n >= 2 && t_s - onset >= <f64>confirm_s);
  if (glitchable || !held) return;
  // confirmed: one event, dated at its onset, with the worst value of the excursion
  const worst = getF32(s + EventSlot_pending_worst);
  const count = getU32(s + EventSlot_count) + 1;
  setU32(s + EventSlot_count, count);
  setU32(s + EventSlot_active, 1);
  setU32(s + EventSlot_pending, 0);
  setF64(s + EventSlot_last_t_s, onset);
  if (count == 1 || worse(high, worst, getF32(s + EventSlot_worst))) setF32(s + EventSlot_worst, worst);
  raiseFlag(FLAG_EVENT);
  logAppend(LOGT_EVENT, FLAG_EVENT, t_s, <f32>type, worst, <f32>count);
}

@inline function over(type: u32, value: f32, limit: f32, t_s: f64, confirm_s: f32, atRest: bool): void {
  check(type, value - limit, limit * (1 - HYST_REL) - value, value, true, t_s, confirm_s, atRest);
}
@inline function under(type: u32, value: f32, limit: f32, t_s: f64, confirm_s: f32, atRest: bool): void {
  check(type, limit - value, value - limit * (1 + HYST_REL), value, false, t_s, confirm_s, atRest);
}

export function eventsUpdate(t_s: f64, cell_V: f32, current_A: f32, temp_degC: f32): void {
  const rest = getF32(P + Params_rest_current_A);
  const atRest = current_A < rest && current_A > -rest;
  const cV = getF32(P + Params_ev_confirm_voltage_s);
  const cI = getF32(P + Params_ev_confirm_current_s);
  const cT = getF32(P + Params_ev_confirm_temp_s);
  over(EVENT_OVER_VOLTAGE, cell_V, getF32(P + Params_lim_v_max_V), t_s, cV, atRest);
  under(EVENT_UNDER_VOLTAGE, cell_V, getF32(P + Params_lim_v_min_V), t_s, cV, atRest);
  under(EVENT_DEEP_DISCHARGE, cell_V, getF32(P + Params_lim_v_deep_V), t_s, cV, atRest);
  over(EVENT_OVER_CURRENT_DISCHARGE, current_A, getF32(P + Params_lim_i_dis_max_A), t_s, cI, atRest);
  over(EVENT_OVER_CURRENT_CHARGE, -current_A, getF32(P + Params_lim_i_chg_max_A), t_s, cI, atRest);
  const tMax = getF32(P + Params_lim_t_max_degC);
  const tMin = getF32(P + Params_lim_t_min_degC);
  check(EVENT_OVER_TEMPERATURE, temp_degC - tMax, tMax - HYST_K - temp_degC, temp_degC, true, t_s, cT, atRest);
  check(EVENT_UNDER_TEMPERATURE, tMin - temp_degC, temp_degC - tMin - HYST_K, temp_degC, false, t_s, cT, atRest);
  // while charging only; when charging stops the condition clears
  const charging = current_A <= -rest;
  const cMax = getF32(P + Params_lim_t_chg_max_degC);
  const cMin = getF32(P + Params_lim_t_chg_min_degC);
  check(EVENT_CHARGE_OVER_TEMPERATURE, charging ? temp_degC - cMax : <f32>-1, charging ? cMax - HYST_K - temp_degC : <f32>1, temp_degC, true, t_s, cT, atRest);
  check(EVENT_CHARGE_UNDER_TEMPERATURE, charging ? cMin - temp_degC : <f32>-1, charging ? temp_degC - cMin - HYST_K : <f32>1, temp_degC, false, t_s, cT, atRest);
}

export function eventsTotal(): f64 {
  let n: u32 = 0;
  for (let t: u32 = 0; t < EVENT_TYPES; t++) n += getU32(slot(t) + EventSlot_count);
  return <f64>n;
}

export function eventCount(type: u32): f64 { return <f64>getU32(slot(type) + EventSlot_count); }
