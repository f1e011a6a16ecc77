/** Maps the errors of the record layer and what it calls to the CLI's exit codes. */
import { CliError, Exit } from '../cli/exit-codes.ts';
import { RecordError } from './errors.ts';
import { RecordingError } from '../readers/recording.ts';
import { CoreError } from '../core/core.ts';

export function asCliError(err: unknown): unknown {
  if (err instanceof CliError) return err;
  if (err instanceof RecordError) return new CliError(`${err.message} [${err.code}]`, Exit.BAD_INPUT, { cause: err });
  if (err instanceof RecordingError) return new CliError(err.message, Exit.BAD_INPUT, { cause: err });
  if (err instanceof CoreError) return new CliError(err.message, err.code === 'wasm-missing' ? Exit.INTERNAL : Exit.USAGE, { cause: err });
  return err;
}
