/**
 * bms-edge twin <recording or record> [--history-until-cycle N] [--scenario <name or file>] [--json]:
 * calibrates the ageing twin (WASM) to the pack's recorded capacity and resistance history and
 * projects SOH and resistance until the thresholds.
 */
import { parseCommand } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { runTwin } from '../../twin/run.ts';
import { TwinError } from '../../twin/errors.ts';
import { NAMED_SCENARIOS } from '../../twin/scenarios.ts';
import { describeCalibration, parseModel } from '../../twin/select.ts';
import { MODEL } from '../../twin/wasm.ts';
import type { ScenarioOverrides } from '../../twin/overrides.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge twin <recording or record> [options]

  <recording or record>        a NASA cell folder, a recording CSV, a record (.cbor or .json from
                               bms-edge export) or a history JSON file
  --history-until-cycle <n>    calibrate on the history up to discharge n only
  --scenario <name or file>    as-recorded (default), ${Object.keys(NAMED_SCENARIOS).join(', ')},
                               or a JSON file {temp_degC, socHigh, socLow, restAt, chargeCrate,
                               dischargeCrate, cyclesPerDay}
  --temp <degC>                scenario inputs, each on top of the scenario (or of the recorded
  --soc-window <low,high>      usage for as-recorded): temperature, SOC window (fractions), depth
  --dod <fraction>             of discharge, charge and discharge C-rate, cycles per day
  --crate <1/h>
  --cycles-per-day <n>
  --lab-truth                  calibrate on the lab's measurements the input carries (a NASA folder's
                               cycles.csv, a recording's truth columns) instead of the device's own
                               estimates (the default: what the device itself knows)
  --estimates-only             the default since --lab-truth exists; accepted for old scripts
  --thresholds <list>          SOH thresholds, comma-separated (default 0.8,0.7,0.6)
  --years <n>                  projection horizon in years (default 60)
  --model <name>               ${Object.keys(MODEL).join(', ')} (default: empirical for the NASA
                               18650s, lfpSony for LFP, nmcB1 for NMC)
  --json                       one JSON document: { thresholds: [...], trajectory: [...], ... }
${PARAMS_HELP}
  -h, --help

Years and EFC count from the end of the calibration history; cycle is the projected discharge count.
Exit codes: 0 ok, 2 usage, 3 unreadable input or bad scenario.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      ...PARAMS_OPTION,
      'history-until-cycle': { type: 'string' },
      scenario: { type: 'string' },
      thresholds: { type: 'string' },
      years: { type: 'string' },
      model: { type: 'string' },
      temp: { type: 'string' },
      'soc-window': { type: 'string' },
      dod: { type: 'string' },
      crate: { type: 'string' },
      'cycles-per-day': { type: 'string' },
      'estimates-only': { type: 'boolean', default: false },
      'lab-truth': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new CliError(`${name} must be a positive number, got '${value}'`, Exit.USAGE);
  return n;
}

function finite(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new CliError(`${name} must be a number, got '${value}'`, Exit.USAGE);
  return n;
}

function overridesOf(v: Record<string, string | boolean | undefined>): ScenarioOverrides {
  const o: ScenarioOverrides = {};
  const temp = finite(v.temp as string | undefined, '--temp');
  if (temp !== undefined) o.temp_degC = temp;
  const win = v['soc-window'] as string | undefined;
  if (win !== undefined) {
    const xs = win.split(',').map(Number);
    if (xs.length !== 2 || xs.some((x) => !Number.isFinite(x))) throw new CliError(`--soc-window takes low,high fractions, got '${win}'`, Exit.USAGE);
    o.socWindow = [xs[0]!, xs[1]!];
  }
  const dod = positive(v.dod as string | undefined, '--dod');
  if (dod !== undefined) o.dod = dod;
  const crate = positive(v.crate as string | undefined, '--crate');
  if (crate !== undefined) o.crate = crate;
  const cpd = positive(v['cycles-per-day'] as string | undefined, '--cycles-per-day');
  if (cpd !== undefined) o.cyclesPerDay = cpd;
  return o;
}

function thresholdList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const xs = value.split(',').map(Number);
  if (xs.length === 0 || xs.length > 4 || xs.some((x) => !(x > 0 && x < 1.5))) {
    throw new CliError(`--thresholds takes 1 to 4 SOH fractions in (0, 1.5), got '${value}'`, Exit.USAGE);
  }
  return xs;
}

const fmt = (x: number | null, digits = 1): string => (x === null ? 'beyond horizon' : x.toFixed(digits));
/** Years, with days beside them when under a year (lab cells age in days). */
const fmtYears = (y: number | null): string => (y === null ? 'beyond horizon' : y < 1 ? `${y.toFixed(3)} years (${(y * 365).toFixed(1)} days)` : `${y.toFixed(2)} years`);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cell = paramsOption(values.params);
  if (positionals.length !== 1) throw new CliError(`expected one recording or record\n${HELP}`, Exit.USAGE);
  const until = positive(values['history-until-cycle'], '--history-until-cycle');
  if (values['lab-truth'] && values['estimates-only']) throw new CliError('--lab-truth and --estimates-only contradict each other', Exit.USAGE);
  let result;
  try {
    result = runTwin(positionals[0]!, {
      ...(cell ? { cell } : {}),
      ...(until !== undefined ? { historyUntilCycle: Math.floor(until) } : {}),
      ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
      ...(values.thresholds !== undefined ? { thresholds: thresholdList(values.thresholds)! } : {}),
      ...(values.years !== undefined ? { horizonYears: positive(values.years, '--years')! } : {}),
      ...(values.model !== undefined ? { model: parseModel(values.model) } : {}),
      overrides: overridesOf(values),
      labTruth: values['lab-truth'] === true,
    });
  } catch (err) {
    if (err instanceof TwinError && err.code !== 'WASM_MISSING' && err.code !== 'WASM_STATUS') throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  const { calibration: c, projection: p } = result;
  if (values.json) {
    const { sets, segments: _segments, fitted_Ah: _fitted, ...calibration } = c;
    console.log(
      JSON.stringify({
        thresholds: p.thresholds,
        trajectory: p.trajectory,
        scenario: p.scenario,
        source: result.history.source,
        view: result.history.view ?? 'device',
        warnings: result.warnings,
        calibration: { ...calibration, acceptedSets: sets.length },
      }),
    );
    return Exit.OK;
  }
  const lines = [
    `twin: ${result.history.source} (${result.history.chemistry}, rated ${c.ratedCapacity_Ah} Ah), calibrated on discharges 1..${c.last.cycle}`,
    `  view: ${result.history.view === 'lab-truth' ? "the lab's measurements (--lab-truth)" : "the device's own estimates"}`,
    `  model: ${describeCalibration(c)}`,
    `  calendar share of the loss at the end of the history: ${(c.calendarLossAtEnd * 100).toFixed(2)} %${c.scalars ? '' : ' (Kokam NMC law, not fitted)'}`,
    c.r0_ohm !== null
      ? `  resistance: R0 ${(c.r0_ohm * 1000).toFixed(1)} mΩ fitted on ${c.resistancePoints} points`
      : '  resistance: not projected (too few measurements, or the model has no resistance output)',
    `  scenario: ${p.scenario}${p.scenario === 'as-recorded' ? ` (${c.usage.basis ?? 'whole history'}: ${c.usage.efcPerCycle.toFixed(3)} EFC and ${c.usage.daysPerCycle.toFixed(2)} days per cycle)` : ''}`,
  ];
  for (const t of p.thresholds) {
    if (t.from === 'history') {
      lines.push(`  SOH ${Math.round(t.soh * 100)} %: already below in the history, at cycle ${t.cycle}`);
      continue;
    }
    const band = t.cycle_low !== t.cycle || t.cycle_high !== t.cycle ? ` (band ${fmt(t.cycle_low, 0)}..${fmt(t.cycle_high, 0)})` : '';
    lines.push(`  SOH ${Math.round(t.soh * 100)} %: cycle ${fmt(t.cycle, 0)}${band}, in ${fmtYears(t.years)}, ${fmt(t.efc, 0)} EFC`);
  }
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  console.log(lines.join('\n'));
  return Exit.OK;
}
