/**
 * Command-line parsing shared by every command: node:util parseArgs with positionals and strict
 * options; a parse error becomes a usage error (exit 2) that shows the help. -h/--help never
 * reaches a command that exports HELP: the dispatcher (host/cli/main.ts) prints it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, Exit } from './exit-codes.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<O extends Options>(args: string[], options: O, help: string) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${help}`, Exit.USAGE, { cause: err });
  }
}

/** A positive number option, or undefined when absent; anything else is a usage error. */
export function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new CliError(`${name} must be a positive number, got '${value}'`, Exit.USAGE);
  return n;
}
