/**
 * bms-edge report <recording or record> -o report.html: one self-contained HTML page with the
 * capacity and resistance history, temperature and DoD histograms, event timeline, two twin
 * projections side by side, and the grade with its reasons.
 */
import { writeFileSync } from 'node:fs';
import { parseCommand } from '../args.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { buildReportData, DEFAULT_REPORT_SCENARIOS } from '../../report/data.ts';
import { renderReportHtml } from '../../report/html.ts';
import { TwinError } from '../../twin/errors.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge report <recording or record> -o <report.html> [options]

  <recording or record>    a NASA cell folder, a recording CSV, a record (.cbor/.json) or a history JSON
  -o, --out <file>         where to write the HTML (required)
  --scenarios <a,b>        the two projections shown side by side (default ${DEFAULT_REPORT_SCENARIOS.join(',')})
  --history-until-cycle <n>  report the pack as it stood after discharge n
  --lab-truth              grade and project on the lab's measurements the input carries and show
                           them beside the device's estimates, each labelled (default: the device's view)
  --json                   print { out, bytes, grade } as one JSON document
  -h, --help

Exit codes: 0 ok, 2 usage, 3 unreadable input or bad scenario.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      out: { type: 'string', short: 'o' },
      scenarios: { type: 'string' },
      'history-until-cycle': { type: 'string' },
      'lab-truth': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1 || !values.out) throw new CliError(`expected one recording and -o <file>\n${HELP}`, Exit.USAGE);
  let scenarios = DEFAULT_REPORT_SCENARIOS;
  if (values.scenarios !== undefined) {
    const parts = values.scenarios.split(',');
    if (parts.length !== 2) throw new CliError(`--scenarios takes two names, got '${values.scenarios}'`, Exit.USAGE);
    scenarios = [parts[0]!, parts[1]!];
  }
  let html: string;
  let grade: string;
  try {
    const until = values['history-until-cycle'];
    if (until !== undefined && !(Number(until) >= 1)) throw new CliError(`--history-until-cycle must be a positive number, got '${until}'`, Exit.USAGE);
    const data = buildReportData(positionals[0]!, scenarios, until === undefined ? undefined : Math.floor(Number(until)), { labTruth: values['lab-truth'] === true });
    html = renderReportHtml(data);
    grade = data.grade.grade;
  } catch (err) {
    if (err instanceof TwinError && (err.code === 'BAD_HISTORY' || err.code === 'BAD_SCENARIO')) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  try {
    writeFileSync(values.out, html);
  } catch (err) {
    throw new CliError(`cannot write ${values.out}: ${(err as Error).message}`, Exit.BAD_INPUT, { cause: err });
  }
  if (values.json) console.log(JSON.stringify({ out: values.out, bytes: Buffer.byteLength(html), grade }));
  else console.log(`report: ${values.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, grade ${grade})`);
  return Exit.OK;
}
