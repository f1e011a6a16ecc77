/**
 * Projection for a pack known only by its SOH today (no usable history): algorithms.md §6.6
 * take-away 2 — the answer depends on how the fade so far splits between time- and
 * throughput-driven loss, so project with the split at both extremes and report the bracket.
 * Uses a BLAST model (by chemistry); the loss is put in the calendar slot or in the cycling slot.
 */
import { TwinCore, SLOT, type ModelName, type Crossing } from './wasm.ts';
import { scenarioProfile, periodDays, type Scenario } from './scenarios.ts';
import { TwinError } from './errors.ts';

export interface Bracket {
  model: ModelName;
  scenario: string;
  soh: number;
  /** Crossings with all loss so far taken as calendar loss, and as cycling loss. */
  allCalendar: Crossing[];
  allCycling: Crossing[];
  /** Per threshold: [earliest, latest] years, null = beyond the horizon. */
  years: [number | null, number | null][];
}

export function bracketFromSoh(model: ModelName, soh: number, scenario: Scenario, thresholds: readonly number[], horizonYears = 60): Bracket {
  if (model === 'empirical') throw new TwinError('BAD_HISTORY', 'a bracket needs a BLAST model (lfpSony, nmcB1, ...)');
  if (!(soh > 0 && soh <= 1)) throw new TwinError('BAD_HISTORY', `SOH ${soh} outside (0, 1]`);
  const core = new TwinCore();
  const run = (slot: number): Crossing[] => {
    core.reset(model);
    if (soh < 1) core.setState(slot, 1 - soh);
    const p = scenarioProfile(scenario);
    core.segmentFromSamples(p.t_s, p.soc, p.temp_degC);
    core.clockReset();
    return core.project(Math.ceil((horizonYears * 365) / periodDays(scenario)), thresholds).crossings;
  };
  const allCalendar = run(SLOT.qCalendar);
  const allCycling = run(SLOT.qCycle);
  const yrs = (c: Crossing) => (c.days === null ? null : c.days / 365);
  const years = thresholds.map((_, i): [number | null, number | null] => {
    const a = yrs(allCalendar[i]!);
    const b = yrs(allCycling[i]!);
    const lo = a === null ? b : b === null ? a : Math.min(a, b);
    const hi = a === null || b === null ? null : Math.max(a, b);
    return [lo, hi];
  });
  return { model, scenario: scenario.name, soh, allCalendar, allCycling, years };
}
