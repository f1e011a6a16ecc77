/**
 * bms-edge gate merge: joins the JUnit files of a sharded regression gate (one per CI job, written by
 * `replay --check ... --shard k/n --junit ...`) into one summary with the gate's exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCommand } from '../args.ts';
import { CliError, Exit } from '../exit-codes.ts';
import { GateError } from '../../gate/errors.ts';
import { mergedJunit, mergeJson, mergeShards, mergeText } from '../../gate/merge.ts';

/** The --help text; the dispatcher prints it (host/cli/main.ts). */
export const HELP = `Usage: bms-edge gate merge <junit.xml>... [--junit <merged.xml>] [--json]

Joins the JUnit files of the shards of one gate run ('bms-edge replay --check <golden> --shard k/n
--junit shard-k.xml' in each CI job) into one summary.
  --junit <file>   also write the merged JUnit XML (one test case per recording)
  --json           one JSON document on stdout

Exit codes: 0 every recording passed and the shards make one whole run (1/n..n/n, each once);
1 a regression (value moved, recording new or missing) or a shard missing or repeated;
2 usage; 3 a recording could not be replayed, or a file is not readable gate JUnit.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { junit: { type: 'string' }, json: { type: 'boolean', default: false } }, HELP);
  const [sub, ...files] = positionals;
  if (sub !== 'merge') throw new CliError(`expected 'merge', got ${sub === undefined ? 'nothing' : `'${sub}'`}\n${HELP}`, Exit.USAGE);
  if (!files.length) throw new CliError(`gate merge: expected JUnit files\n${HELP}`, Exit.USAGE);
  let result;
  try {
    result = mergeShards(files);
  } catch (err) {
    if (err instanceof GateError) throw new CliError(err.message, Exit.BAD_INPUT, { cause: err });
    throw err;
  }
  if (values.junit !== undefined) {
    try {
      mkdirSync(dirname(resolve(values.junit)), { recursive: true });
      writeFileSync(values.junit, mergedJunit(result, new Date().toISOString().slice(0, 19)));
    } catch (err) {
      throw new CliError(`cannot write ${values.junit}: ${(err as Error).message}`, Exit.BAD_INPUT, { cause: err });
    }
  }
  console.log(values.json ? JSON.stringify(mergeJson(result), null, 2) : mergeText(result));
  return result.exitCode;
}
