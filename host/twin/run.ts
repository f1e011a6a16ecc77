/**
 * The `twin` use case end to end: load a history, calibrate on it (optionally only up to a cycle),
 * project under a scenario or the recorded usage. Shared by the twin, grade and report commands.
 */
import { TwinCore } from './wasm.ts';
import { loadHistory, historyUntil, type History } from './history.ts';
import { calibrate, type Calibration } from './calibrate.ts';
import { projectCalibrated, DEFAULT_SOH_THRESHOLDS, DEFAULT_HORIZON_YEARS, type Projection, type Usage } from './project.ts';
import { loadScenario } from './scenarios.ts';

export interface TwinRunOptions {
  historyUntilCycle?: number;
  /** Scenario name or file; 'as-recorded' (default) continues the recorded usage. */
  scenario?: string;
  thresholds?: readonly number[];
  horizonYears?: number;
}

export interface TwinRun {
  history: History;
  calibration: Calibration;
  projection: Projection;
}

export function usageFor(scenario: string | undefined): Usage {
  return !scenario || scenario === 'as-recorded' ? { kind: 'as-recorded' } : { kind: 'scenario', scenario: loadScenario(scenario) };
}

export function runTwin(path: string, opts: TwinRunOptions = {}): TwinRun {
  const history = loadHistory(path);
  const core = new TwinCore();
  const used = historyUntil(history, opts.historyUntilCycle);
  const calibration = calibrate(core, used);
  const projection = projectCalibrated(
    core,
    calibration,
    usageFor(opts.scenario),
    opts.thresholds ?? DEFAULT_SOH_THRESHOLDS,
    opts.horizonYears ?? DEFAULT_HORIZON_YEARS,
    used.points,
  );
  return { history, calibration, projection };
}
