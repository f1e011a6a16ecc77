/**
 * bms-edge characterize: fits a cell's parameters (OCV table, hysteresis, capacity, full and cutoff
 * voltages, R0 and its temperature dependence, noise tunings) from a recording and writes cell.json,
 * which --params on replay, monitor, simulate, export, passport, twin, grade and params build uses
 * instead of a preset (host/characterize/).
 */
import { writeFileSync } from 'node:fs';
import { parseCommand, positiveNumber } from '../args.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { CHEMISTRIES, type ChemistryName } from '../../../layout/presets.ts';
import { characterize, type CharacterizeOptions } from '../../characterize/characterize.ts';
import { CharacterizeError } from '../../characterize/errors.ts';
import type { CellFile } from '../../characterize/cell-file.ts';
import type { Fitted } from '../../characterize/fitted.ts';
import { readForGate } from '../../gate/job.ts';
import { RecordingError } from '../../readers/recording.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge characterize <recording> [options]

  <recording>              anything replay reads: a NASA cell folder, a generic CSV, a monitor capture,
                           a candump log
  --until-s <t>            use only the first t seconds (characterise on the first days, run on the rest)
  --chemistry-like <name>  preset for what the data cannot show: ${CHEMISTRIES.join(', ')} (default NMC)
  --rated-capacity <Ah>    declared rated capacity (used when no full reference discharge is recorded)
  --cutoff-V <V>           declared discharge cutoff per cell (default: fitted)
  --full-V <V>             declared full-charge voltage per cell (default: fitted)
  --series-cells <n>       cells in series (default: from the recording, else 1)
  -o, --out <cell.json>    write the parameter file here (default: print it)
  --json                   one JSON document on stdout (the cell file)
  -h, --help

What cannot be fitted (no rest, no slow segment, no full discharge) falls back to the preset's value,
is listed under "from_preset" and named in a warning line on stderr.
Exit codes: 0 ok (also with warnings), 2 usage, 3 unreadable or unusable recording.`;

function parse(args: string[]) {
  return parseCommand(
    args,
    {
      'until-s': { type: 'string' },
      'chemistry-like': { type: 'string' },
      'rated-capacity': { type: 'string' },
      'cutoff-V': { type: 'string' },
      'full-V': { type: 'string' },
      'series-cells': { type: 'string' },
      out: { type: 'string', short: 'o' },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
}

const num = (f: Fitted<number> | Fitted<number[]>, d: number): string => (Array.isArray(f.value) ? '' : `${f.value.toFixed(d)} +- ${(f.sigma as number).toFixed(d)}`);

function toText(c: CellFile, out: string | undefined): string {
  const lines = [`${c.recording.name}: ${c.recording.samples} samples over ${(c.recording.until_s / 3600).toFixed(1)} h, like ${c.chemistry_like}, ${c.series_cells} in series`];
  for (const [name, f] of Object.entries(c.fitted)) {
    if (Array.isArray(f.value)) {
      const ev = f.evidence as number[];
      lines.push(`  ${name.padEnd(22)} ${f.value.map((v) => v.toFixed(3)).join(' ')}`, `  ${''.padEnd(22)} (${ev.filter((e) => e > 0).length} of ${ev.length} points from the data; ${f.method})`);
    } else lines.push(`  ${name.padEnd(22)} ${num(f, name.endsWith('_V') ? 4 : name.endsWith('_ohm') ? 5 : 4).padEnd(22)} n=${f.evidence}  ${f.method}`);
  }
  lines.push(`  from the ${c.chemistry_like} preset: ${Object.keys(c.from_preset).length} fields (see "from_preset")`);
  if (out) lines.push(`wrote ${out}`);
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) throw new CliError(`expected one recording, got ${positionals.length}\n${HELP}`, Exit.USAGE);
  const chem = (values['chemistry-like'] ?? 'NMC') as ChemistryName;
  if (!CHEMISTRIES.includes(chem)) throw new CliError(`--chemistry-like must be one of ${CHEMISTRIES.join(', ')}, got '${chem}'`, Exit.USAGE);
  const opts: CharacterizeOptions = { chemistryLike: chem };
  const set = <K extends keyof CharacterizeOptions>(k: K, v: CharacterizeOptions[K] | undefined): void => {
    if (v !== undefined) opts[k] = v;
  };
  set('untilS', positiveNumber(values['until-s'], '--until-s'));
  set('ratedCapacity_Ah', positiveNumber(values['rated-capacity'], '--rated-capacity'));
  set('cutoff_V', positiveNumber(values['cutoff-V'], '--cutoff-V'));
  set('full_V', positiveNumber(values['full-V'], '--full-V'));
  const series = positiveNumber(values['series-cells'], '--series-cells');
  if (series !== undefined && !Number.isInteger(series)) throw new CliError(`--series-cells must be an integer, got '${values['series-cells']}'`, Exit.USAGE);
  set('seriesCells', series);
  if (opts.cutoff_V !== undefined && opts.full_V !== undefined && opts.cutoff_V >= opts.full_V) throw new CliError('--cutoff-V must be below --full-V', Exit.USAGE);
  let cell: CellFile;
  try {
    const { rec, seriesCells } = await readForGate(positionals[0]!, { overrides: {}, ...(opts.ratedCapacity_Ah !== undefined ? { ratedCapacity_Ah: opts.ratedCapacity_Ah } : {}) });
    if (opts.seriesCells === undefined && seriesCells !== undefined) opts.seriesCells = seriesCells;
    cell = characterize(rec, opts);
  } catch (err) {
    if (err instanceof RecordingError || err instanceof CharacterizeError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    if (err instanceof Error && (err.name.endsWith('Error') && 'code' in err)) throw new CliError(`${positionals[0]}: ${err.message}`, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  const text = JSON.stringify(cell, null, 2) + '\n';
  if (values.out !== undefined) {
    try {
      writeFileSync(values.out, text);
    } catch (err) {
      throw new CliError(`cannot write ${values.out}: ${(err as Error).message}`, Exit.BAD_INPUT, { cause: err });
    }
  }
  for (const w of cell.warnings) console.error(`bms-edge characterize: warning: ${w}`);
  if (values.json) console.log(text.trimEnd());
  else if (values.out === undefined) console.log(text.trimEnd());
  else console.log(toText(cell, values.out));
  return Exit.OK;
}
