/**
 * Scenario inputs given one by one (temperature, SOC window, DoD, C-rate, cycles per day) on top of
 * a named or file scenario, or on top of the recorded usage ('as-recorded').
 */
import { validateScenario, type Scenario } from './scenarios.ts';
import type { Calibration } from './calibrate.ts';
import { TwinError } from './errors.ts';

export interface ScenarioOverrides {
  temp_degC?: number;
  /** [low, high] SOC window, fractions. */
  socWindow?: [number, number];
  /** Depth of discharge, fraction (the window keeps its top and moves its bottom). */
  dod?: number;
  /** Charge and discharge C-rate [1/h]. */
  crate?: number;
  cyclesPerDay?: number;
}

export function hasOverrides(o: ScenarioOverrides): boolean {
  return Object.values(o).some((v) => v !== undefined);
}

export function applyToScenario(s: Scenario, o: ScenarioOverrides): Scenario {
  const out: Scenario = { ...s, name: hasOverrides(o) ? `${s.name}+overrides` : s.name };
  if (o.temp_degC !== undefined) out.temp_degC = o.temp_degC;
  if (o.socWindow) [out.socLow, out.socHigh] = o.socWindow;
  if (o.dod !== undefined) out.socLow = out.socHigh - o.dod;
  if (o.crate !== undefined) out.chargeCrate = out.dischargeCrate = o.crate;
  if (o.cyclesPerDay !== undefined) out.cyclesPerDay = o.cyclesPerDay;
  return validateScenario(out);
}

/**
 * The recorded usage with overrides: temperature, DoD (one cycle moves DoD EFC) and cycles per day.
 * BLAST's C-rate averages over rest, so with throughput and period fixed it follows from them;
 * an explicit C-rate or SOC window needs a profile scenario.
 */
export function applyToRecorded(c: Calibration, o: ScenarioOverrides): Calibration {
  if (o.crate !== undefined || o.socWindow !== undefined) {
    throw new TwinError('BAD_SCENARIO', '--crate and --soc-window need a profile scenario (--scenario storage-25, a file, ...), not as-recorded');
  }
  const u = { ...c.usage };
  if (o.temp_degC !== undefined) {
    if (!(o.temp_degC > -40 && o.temp_degC < 80)) throw new TwinError('BAD_SCENARIO', `temperature ${o.temp_degC} outside -40..80 degC`);
    u.temp_degC = o.temp_degC;
  }
  if (o.dod !== undefined) {
    if (!(o.dod > 0 && o.dod <= 1)) throw new TwinError('BAD_SCENARIO', `DoD ${o.dod} outside (0, 1]`);
    u.dod = o.dod;
    u.efcPerCycle = o.dod;
  }
  if (o.cyclesPerDay !== undefined) {
    if (!(o.cyclesPerDay > 0 && o.cyclesPerDay <= 24)) throw new TwinError('BAD_SCENARIO', `cycles per day ${o.cyclesPerDay} outside (0, 24]`);
    u.cyclesPerDay = o.cyclesPerDay;
    u.daysPerCycle = 1 / o.cyclesPerDay;
  }
  u.crate = (2 * u.efcPerCycle) / (u.daysPerCycle * 24);
  return { ...c, usage: u };
}
