/**
 * The `--params <cell.json>` option every command that builds a core shares: a cell parameter file
 * from `bms-edge characterize` instead of a preset (host/characterize/cell-file.ts). An unreadable
 * or invalid file is bad input (exit 3); --params beside --chemistry is a usage error (exit 2).
 */
import { cellBuild, readCellFile, type CellBuild } from '../characterize/cell-file.ts';
import { CharacterizeError } from '../characterize/errors.ts';
import { CliError, Exit } from './exit-codes.ts';

export const PARAMS_OPTION = { params: { type: 'string' } } as const;
export const PARAMS_HELP = '  --params <cell.json>     parameter file from `bms-edge characterize`, instead of a preset';

export function loadCellParams(path: string): CellBuild {
  try {
    return cellBuild(readCellFile(path));
  } catch (err) {
    if (err instanceof CharacterizeError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
}

/** The cell build of --params, or undefined when absent; refuses it beside --chemistry. */
export function paramsOption(path: string | undefined, chemistry?: string): CellBuild | undefined {
  if (path === undefined) return undefined;
  if (chemistry !== undefined) throw new CliError('--params and --chemistry exclude each other (the cell file names its chemistry)', Exit.USAGE);
  return loadCellParams(path);
}
