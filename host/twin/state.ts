/**
 * Puts the twin in a calibrated state at the end of the history: the empirical model from the fitted
 * law and today's capacity, a BLAST model by replaying the history with the fitted scalars.
 */
import { TwinCore, EMP, SLOT } from './wasm.ts';
import type { Calibration, FitSet } from './calibrate.ts';
import { replayBlast } from './calibrate-blast.ts';

/** Largest fractional state the core accepts (assembly/twin/index.ts twinSetState: [0, 2)). */
const STATE_MAX = 1.999;

/** Puts the twin in the calibrated state at the end of the history, with parameter set `set`. */
export function loadCalibratedState(core: TwinCore, c: Calibration, set: FitSet = c.sets[0]!): void {
  if (set.kind === 'scalars') {
    replayBlast(core, c.model, c.segments ?? [], set.sCal, set.sCyc, c.sR ?? 1);
    core.clockReset();
    return;
  }
  core.reset('empirical');
  core.setParam(EMP.k, set.k);
  core.setParam(EMP.p, set.p);
  core.setParam(EMP.x0, set.x0);
  core.setParam(EMP.kr, c.kr);
  core.setParam(EMP.pr, c.pr);
  // k was fitted at the history's temperatures: the cycling rate scales relative to their mean.
  core.setParam(EMP.tRef_K, c.fitTemp_degC + 273.15);
  const x = c.last.efc;
  core.setState(SLOT.qCalendar, Math.min(STATE_MAX, Math.max(0, c.calendarLossAtEnd)));
  const fitted = set.k * Math.pow(Math.max(0, x - set.x0), set.p);
  const anchored = c.anchor_Ah === null ? fitted : Math.max(0, 1 - c.anchor_Ah / set.a - c.calendarLossAtEnd);
  core.setState(SLOT.qCycle, Math.min(anchored, 1.5));
  core.setState(SLOT.onsetUsed, anchored > 0 ? set.x0 : Math.min(x, set.x0));
  // The core holds fractional states in [0, 2): a fitted resistance growth beyond (a device whose R
  // estimate tripled) is held just below the bound, which only makes the projection start worse.
  core.setState(SLOT.rCycle, Math.min(STATE_MAX, Math.max(0, c.kr * Math.pow(x, c.pr))));
}

