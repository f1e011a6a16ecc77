/**
 * The `twin` use case end to end: load a history, calibrate on it (optionally only up to a cycle),
 * project under a scenario or the recorded usage. Shared by the twin, grade and report commands.
 */
import { TwinCore, type ModelName } from './wasm.ts';
import { calibrateFor } from './select.ts';
import { loadHistory, historyUntil, type History } from './history.ts';
import type { Calibration } from './calibrate.ts';
import { projectCalibrated, DEFAULT_SOH_THRESHOLDS, DEFAULT_HORIZON_YEARS, type Projection, type Usage } from './project.ts';
import { loadScenario } from './scenarios.ts';
import type { CellBuild } from '../characterize/cell-file.ts';
import { twinWarnings } from './validity.ts';
import { applyToRecorded, applyToScenario, hasOverrides, type ScenarioOverrides } from './overrides.ts';

export interface TwinRunOptions {
  historyUntilCycle?: number;
  /** Scenario name or file; 'as-recorded' (default) continues the recorded usage. */
  scenario?: string;
  thresholds?: readonly number[];
  horizonYears?: number;
  /** Twin model; default by chemistry (select.ts). */
  model?: ModelName;
  /** Scenario inputs one by one, on top of the scenario (or of the recorded usage). */
  overrides?: ScenarioOverrides;
  /** Calibrate on the lab's measurements the input carries (NASA cycles.csv, truth columns), not on the device's estimates. */
  labTruth?: boolean;
  /** A cell file's parameters for the replay (--params). */
  cell?: CellBuild;
}

export interface TwinRun {
  history: History;
  calibration: Calibration;
  projection: Projection;
  warnings: string[];
}

export function usageFor(scenario: string | undefined, overrides: ScenarioOverrides = {}): Usage {
  if (!scenario || scenario === 'as-recorded') return { kind: 'as-recorded' };
  return { kind: 'scenario', scenario: applyToScenario(loadScenario(scenario), overrides) };
}

export function runTwin(path: string, opts: TwinRunOptions = {}): TwinRun {
  const history = loadHistory(path, { labTruth: opts.labTruth === true, ...(opts.cell ? { cell: opts.cell } : {}) });
  const core = new TwinCore();
  const used = historyUntil(history, opts.historyUntilCycle);
  const fitted = calibrateFor(core, used, opts.model);
  const usage = usageFor(opts.scenario, opts.overrides);
  // With as-recorded, the overrides change the recorded usage the projection continues.
  const calibration = usage.kind === 'as-recorded' && opts.overrides && hasOverrides(opts.overrides) ? applyToRecorded(fitted, opts.overrides) : fitted;
  const projection = projectCalibrated(
    core,
    calibration,
    usage,
    opts.thresholds ?? DEFAULT_SOH_THRESHOLDS,
    opts.horizonYears ?? DEFAULT_HORIZON_YEARS,
    used.points,
  );
  return { history, calibration, projection, warnings: twinWarnings(calibration, usage) };
}
