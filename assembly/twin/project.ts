// Projection: repeats the current segment (BLAST `is_constant_input`) from the current state,
// records a thinned trajectory and the first crossing of each capacity threshold.
// Crossings are linearly interpolated inside the step where q falls below the level.
import { CLOCK_PTR, THR_PTR, TRAJ_PTR, SEG_PTR, getf, setf, THRESHOLDS, TRAJ_ROWS } from './memory';
import { SEG_DT_DAYS, SEG_DEFC } from './stressors';
import { modelStep, modelQ, modelR } from './models/index';

@inline export const CLOCK_DAYS: i32 = 0;
@inline export const CLOCK_EFC: i32 = 1;
@inline export const CLOCK_STEPS: i32 = 2;

/** Marks every active threshold as not reached (keeps the levels). */
export function resetThresholds(): void {
  for (let i = 0; i < THRESHOLDS; i++) {
    setf(THR_PTR, 4 + i, -1);
    setf(THR_PTR, 8 + i, -1);
    setf(THR_PTR, 12 + i, -1);
  }
}

function writeRow(row: i32, model: i32): void {
  const base = TRAJ_PTR + (<usize>row << 5);
  store<f64>(base, getf(CLOCK_PTR, CLOCK_DAYS));
  store<f64>(base, getf(CLOCK_PTR, CLOCK_EFC), 8);
  store<f64>(base, modelQ(model), 16);
  store<f64>(base, modelR(model), 24);
}

/** Advances the clock and the states by one repeat of the current segment. */
export function stepOnce(model: i32): void {
  const dt = getf(SEG_PTR, SEG_DT_DAYS);
  const de = getf(SEG_PTR, SEG_DEFC);
  modelStep(model, dt, de);
  setf(CLOCK_PTR, CLOCK_DAYS, getf(CLOCK_PTR, CLOCK_DAYS) + dt);
  setf(CLOCK_PTR, CLOCK_EFC, getf(CLOCK_PTR, CLOCK_EFC) + de);
  setf(CLOCK_PTR, CLOCK_STEPS, getf(CLOCK_PTR, CLOCK_STEPS) + 1);
}

function checkThresholds(qPrev: f64, q: f64, daysPrev: f64, efcPrev: f64, stepsPrev: f64): bool {
  let pending = false;
  for (let i = 0; i < THRESHOLDS; i++) {
    const level = getf(THR_PTR, i);
    if (!(level > 0) || getf(THR_PTR, 4 + i) >= 0) continue;
    if (q < level) {
      const f = qPrev > q && qPrev >= level ? (qPrev - level) / (qPrev - q) : 0.0;
      setf(THR_PTR, 4 + i, daysPrev + f * (getf(CLOCK_PTR, CLOCK_DAYS) - daysPrev));
      setf(THR_PTR, 8 + i, efcPrev + f * (getf(CLOCK_PTR, CLOCK_EFC) - efcPrev));
      setf(THR_PTR, 12 + i, stepsPrev + f * (getf(CLOCK_PTR, CLOCK_STEPS) - stepsPrev));
    } else {
      pending = true;
    }
  }
  return pending;
}

function anyActive(): bool {
  for (let i = 0; i < THRESHOLDS; i++) if (getf(THR_PTR, i) > 0) return true;
  return false;
}

/**
 * Repeats the current segment until `maxSteps` steps, or until every active threshold is crossed
 * (with no active threshold it runs all `maxSteps`).
 * Writes a trajectory row (days, EFC, q, r) at the start, every `outEvery` steps and at the end,
 * at most TRAJ_ROWS rows. Returns the number of rows written.
 */
export function project(model: i32, maxSteps: i32, outEvery: i32): i32 {
  const every = outEvery > 0 ? outEvery : 1;
  let rows = 0;
  writeRow(rows++, model);
  let q = modelQ(model);
  const active = anyActive();
  let pending = checkThresholds(q, q, getf(CLOCK_PTR, CLOCK_DAYS), getf(CLOCK_PTR, CLOCK_EFC), getf(CLOCK_PTR, CLOCK_STEPS)) || !active;
  let lastWritten = 0;
  let done = 0;
  for (let s = 1; s <= maxSteps && pending; s++) {
    done = s;
    const qPrev = q;
    const daysPrev = getf(CLOCK_PTR, CLOCK_DAYS);
    const efcPrev = getf(CLOCK_PTR, CLOCK_EFC);
    const stepsPrev = getf(CLOCK_PTR, CLOCK_STEPS);
    stepOnce(model);
    q = modelQ(model);
    pending = checkThresholds(qPrev, q, daysPrev, efcPrev, stepsPrev) || !active;
    if (s % every == 0 && rows < TRAJ_ROWS - 1) {
      writeRow(rows++, model);
      lastWritten = s;
    }
    if (!isFinite(q)) break;
  }
  if (rows < TRAJ_ROWS && done != lastWritten) writeRow(rows++, model);
  return rows;
}
