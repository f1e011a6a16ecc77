/**
 * bms-edge command-line entry. Each command lives in host/cli/commands/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code), `summary` (one line for the help) and,
 * optionally, `HELP` (its --help text, printed here).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, Exit } from './exit-codes.ts';
import { ioReason, isSystemError } from './files.ts';

interface CommandModule {
  run(args: string[]): Promise<number>;
  summary: string;
  /** Help text; when exported, -h/--help is answered here and never reaches run(). */
  HELP?: string;
}

/** -h or --help among the options (before a `--` that starts raw positionals). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

function listCommands(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CommandModule> {
  return (await import(join(commandsDir, `${name}.ts`))) as CommandModule;
}

async function help(): Promise<void> {
  const lines = ['Usage: bms-edge <command> [options]   (bms-edge <command> --help for details)', '', 'Commands:'];
  for (const name of listCommands()) lines.push(`  ${name.padEnd(10)} ${(await load(name)).summary}`);
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await help();
    return name ? Exit.OK : Exit.USAGE;
  }
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(join(commandsDir, `${name}.ts`))) {
    console.error(`bms-edge: unknown command '${name}'. Commands: ${listCommands().join(', ')}`);
    return Exit.USAGE;
  }
  try {
    const mod = await load(name);
    if (mod.HELP !== undefined && wantsHelp(rest)) {
      console.log(mod.HELP);
      return Exit.OK;
    }
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`bms-edge ${name}: ${err.message}`);
      return err.exitCode;
    }
    if (isSystemError(err)) {
      // a file the command could not read or write that it did not map itself: still one line, exit 3
      console.error(`bms-edge ${name}: ${err.path ?? ''}${err.path ? ': ' : ''}${ioReason(err)}`);
      return Exit.BAD_INPUT;
    }
    console.error(`bms-edge ${name}: internal error:`, err);
    return Exit.INTERNAL;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
