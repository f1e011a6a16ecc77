/**
 * bms-edge grade <recording or record> [--json]: second-life grade (grid storage / light duty /
 * recycle) by the rule set of algorithms.md §7, with every rule's value, threshold and source.
 */
import { parseCommand } from '../args.ts';
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { assess } from '../../grade/assess.ts';
import { gradeEvidence } from '../../grade/rules.ts';
import { TwinError } from '../../twin/errors.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge grade <recording or record> [options]

  <recording or record>   a NASA cell folder, a recording CSV, a record (.cbor/.json) or a history JSON
  --history-until-cycle <n>  grade the pack as it stood after discharge n
  --lab-truth             grade on the lab's measurements the input carries (a NASA folder's
                          cycles.csv) instead of the device's own estimates (the default)
  --json                  one JSON document: { grade, provisional, reasons, soh, resistance_ratio, ... }
${PARAMS_HELP}
  -h, --help

Rules (algorithms.md §7): recycle when SOH < 0.6, R/R_BOL > 2.0 or a safety-limit event occurred;
grid storage when SOH >= 0.8, R/R_BOL <= 1.5 and the twin projects >= 5 years and >= 1000 EFC to
SOH 0.6 under storage-25; light duty when the twin projects >= 2 years under ups-25; else recycle.
The grade is provisional (with its reasons) when sigma_SOH > 3 %, fewer than 3 capacity or resistance
measurements, a capacity estimate never updated, fewer than 10 discharges of history, or when it rests
on a single event. Sensor glitches (one or two samples at rest, or voltages outside 0.5..4.8 V) are counted apart and
decide nothing; events count only once confirmed (the core's ev_confirm_* parameters).
Exit codes: 0 ok, 2 usage, 3 unreadable input.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      ...PARAMS_OPTION,
      'history-until-cycle': { type: 'string' },
      'lab-truth': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cell = paramsOption(values.params);
  if (positionals.length !== 1) throw new CliError(`expected one recording or record\n${HELP}`, Exit.USAGE);
  let a;
  try {
    const until = values['history-until-cycle'];
    if (until !== undefined && !(Number(until) >= 1)) throw new CliError(`--history-until-cycle must be a positive number, got '${until}'`, Exit.USAGE);
    a = assess(positionals[0]!, undefined, until === undefined ? undefined : Math.floor(Number(until)), { labTruth: values['lab-truth'] === true, ...(cell ? { cell } : {}) });
  } catch (err) {
    if (err instanceof TwinError && (err.code === 'BAD_HISTORY' || err.code === 'BAD_SCENARIO')) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  const g = gradeEvidence(a.evidence);
  if (values.json) {
    console.log(JSON.stringify({ ...g, source: a.history.source, view: a.history.view ?? 'device', evidence: a.evidence }));
    return Exit.OK;
  }
  const e = a.evidence;
  const lines = [
    `grade: ${g.grade}${g.provisional ? ' (provisional)' : ''}   ${a.history.source}`,
    `  view: ${a.history.view === 'lab-truth' ? "the lab's measurements (--lab-truth)" : "the device's own estimates and log"}`,
    `  SOH ${e.soh === null ? 'unknown' : (e.soh * 100).toFixed(1) + ' %'} (${e.soh_source}, discharge ${e.capacityCycle ?? '-'}, σ ${e.soh_sigma === null ? '?' : (e.soh_sigma * 100).toFixed(1) + ' %'}, ${e.capacityUpdates} updates);` +
      ` R/R_BOL ${e.resistanceRatio === null ? 'unknown' : e.resistanceRatio.toFixed(2)} (${e.resistanceUpdates} measurements)`,
    ...g.provisional_reasons.map((r) => `  provisional: ${r}`),
    `  sensor glitches (one or two samples at rest, or implausible readings; not events): ${e.sensorGlitches ?? 'unknown'}`,
    `  band by SOH and resistance alone: ${g.soh_resistance_band ?? 'unknown'}`,
    '  deciding:',
    ...g.deciding.map((d) => `    - ${d}`),
    '  every rule:',
    ...g.reasons.map((r) => `    [${r.outcome.padEnd(12)}] ${r.rule.padEnd(28)} ${r.text}   (${r.source})`),
  ];
  console.log(lines.join('\n'));
  return Exit.OK;
}
