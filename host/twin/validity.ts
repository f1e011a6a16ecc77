/**
 * Warnings the twin owes its reader (algorithms.md §6.6 take-away 3): a scenario outside the range a
 * model was fitted on, a fit that ran into its bounds, and the extrapolation horizon.
 */
import type { ModelName } from './wasm.ts';
import type { Calibration } from './calibrate.ts';
import type { Usage } from './project.ts';
import { P_GRID } from './calibrate.ts';
import { SCALAR_MIN, SCALAR_MAX } from './calibrate-blast.ts';

/** Experimental ranges from the BLAST-Lite model files (cycling temperature [degC], DoD). */
export const VALIDITY: Record<Exclude<ModelName, 'empirical'>, { temp_degC: [number, number]; dod: [number, number]; maxCrate: number }> = {
  lfp250: { temp_degC: [10, 45], dod: [0.8, 1], maxCrate: 1 },
  lfpSony: { temp_degC: [20, 40], dod: [0.8, 1], maxCrate: 2 },
  nmcKokam: { temp_degC: [0, 45], dod: [0.8, 1], maxCrate: 1 },
  nmcB1: { temp_degC: [10, 45], dod: [0.8, 1], maxCrate: 1.75 },
};

/** The empirical model is trusted within this many K of the recorded mean temperature. */
export const EMPIRICAL_TEMP_SPAN_K = 10;

export function twinWarnings(c: Calibration, usage: Usage): string[] {
  const w: string[] = [];
  const near = (x: number, b: number) => Math.abs(x - b) < 1e-9;
  if (c.scalars) {
    for (const [name, v] of Object.entries(c.scalars)) {
      if (near(v, SCALAR_MIN) || near(v, SCALAR_MAX)) w.push(`${name} scalar at its bound (${v}): ${c.model} cannot follow this history; prefer another model`);
    }
  } else if (near(c.p, P_GRID[0]) || near(c.p, P_GRID[1])) {
    w.push(`cycling exponent at its bound (${c.p}): the fade curves more than the BLAST forms allow`);
  }
  if (usage.kind === 'as-recorded') w.push(...(c.usage.warnings ?? []).map((x) => `${x}; band widened`));
  const temp = usage.kind === 'scenario' ? usage.scenario.temp_degC : c.usage.temp_degC;
  const dod = usage.kind === 'scenario' ? usage.scenario.socHigh - usage.scenario.socLow : c.usage.dod;
  if (c.model === 'empirical') {
    if (Math.abs(temp - c.usage.temp_degC) > EMPIRICAL_TEMP_SPAN_K) {
      w.push(`scenario at ${temp} degC is more than ${EMPIRICAL_TEMP_SPAN_K} K from the recorded ${c.usage.temp_degC.toFixed(1)} degC: temperature dependence borrowed from the Kokam NMC model`);
    }
    if (usage.kind === 'scenario' && Math.abs(dod - c.usage.dod) > 0.2) {
      w.push(`scenario DoD ${dod.toFixed(2)} differs from the recorded ${c.usage.dod.toFixed(2)}: the empirical model has no DoD dependence`);
    }
  } else {
    const v = VALIDITY[c.model];
    if (temp < v.temp_degC[0] || temp > v.temp_degC[1]) w.push(`${temp} degC outside the ${c.model} test range ${v.temp_degC[0]}..${v.temp_degC[1]} degC`);
    if (dod < v.dod[0] - 1e-9 || dod > v.dod[1] + 1e-9) w.push(`DoD ${dod.toFixed(2)} outside the ${c.model} test range ${v.dod[0]}..${v.dod[1]}`);
    w.push('BLAST-Lite models are fitted to 1-3 years of accelerated tests; treat projections beyond that as qualitative (NREL README)');
  }
  return w;
}
