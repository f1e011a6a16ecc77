/**
 * Which twin model calibrates a history: the empirical model for cells without a BLAST fit of their
 * own (the NASA 18650s, chemistry NASA18650), Sony LFP for LFP (it has a resistance projection),
 * NMC B1 for NMC (algorithms.md §6.5: "the most plausible second-life numbers of the set").
 */
import { TwinCore, MODEL, type ModelName } from './wasm.ts';
import { calibrate, type Calibration } from './calibrate.ts';
import { calibrateBlast } from './calibrate-blast.ts';
import { TwinError } from './errors.ts';
import type { History } from './history.ts';

export function defaultModel(chemistry: string): ModelName {
  const c = chemistry.toUpperCase();
  if (c.includes('LFP')) return 'lfpSony';
  if (c === 'NMC') return 'nmcB1';
  return 'empirical';
}

export function parseModel(name: string): ModelName {
  if (!(name in MODEL)) throw new TwinError('BAD_SCENARIO', `unknown model '${name}' (${Object.keys(MODEL).join(', ')})`);
  return name as ModelName;
}

export function calibrateFor(core: TwinCore, h: History, model: ModelName = defaultModel(h.chemistry)): Calibration {
  return model === 'empirical' ? calibrate(core, h) : calibrateBlast(core, h, model);
}

/** One line saying what was fitted. */
export function describeCalibration(c: Calibration): string {
  const fit = `σ ${(c.sigma_Ah * 1000).toFixed(1)} mAh over ${c.pointsUsed} points (${c.pointsExcludedRecovery} rest-recovery points left out)`;
  if (c.scalars) {
    const s = c.scalars;
    return `${c.model} (BLAST-Lite), C0 ${c.c0_Ah.toFixed(3)} Ah, degradation scalars calendar ${s.calendar.toFixed(2)}, cycling ${s.cycling.toFixed(2)}, resistance ${s.resistance.toFixed(2)}; ${fit}`;
  }
  return `capacity = ${c.c0_Ah.toFixed(3)} Ah · (1 − calendar − ${c.k.toExponential(3)}·max(0, EFC − ${c.x0_efc.toFixed(1)})^${c.p.toFixed(3)}); ${fit}`;
}
