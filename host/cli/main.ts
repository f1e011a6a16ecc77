/**
 * bms-edge command-line entry. Each command lives in host/cli/commands/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code) and, optionally, `HELP` (its --help text,
 * printed here). COMMANDS below names each one with its help summary; a command's module (and
 * everything it imports) is loaded only when that command runs, so `--help` and every command start
 * without compiling the others.
 */
import { CliError, Exit } from './exit-codes.ts';
import { ioReason, isSystemError } from './files.ts';

export interface CommandModule {
  run(args: string[]): Promise<number>;
  /** Help text; when exported, -h/--help is answered here and never reaches run(). */
  HELP?: string;
}

/** Adding a command = one entry: name: [summary for the help, () => import('./commands/<name>.ts')]. */
export const COMMANDS: Record<string, [summary: string, load: () => Promise<CommandModule>]> = {
  characterize: ['fit a cell\'s parameters (OCV, hysteresis, capacity, limits, R0, noise) from a recording into cell.json', () => import('./commands/characterize.ts')],
  decode: ['Decode a BMS frame or byte stream (jbd, daly, jk-uart, jk300, ant, slcan, pylon-can, candump)', () => import('./commands/decode.ts')],
  export: ['export a battery record as CBOR (signed with --key) or JSON; several records of one battery are merged', () => import('./commands/export.ts')],
  'flash-log': ['read a raw dump of a device\'s flash log region: committed records, torn slots, geometry', () => import('./commands/flash-log.ts')],
  gate: ['merge the JUnit files of a sharded regression gate (replay --check --shard k/n) into one result', () => import('./commands/gate.ts')],
  grade: ['second-life grade (grid storage, light duty, recycle) with reasons', () => import('./commands/grade.ts')],
  keygen: ['generate an Ed25519 key pair for signing exports (private.pem readable by its owner only)', () => import('./commands/keygen.ts')],
  monitor: ['Live BMS monitor over serial / SLCAN: decode, feed the core, record, reconnect', () => import('./commands/monitor.ts')],
  params: ['build and sign, or verify, an over-the-air parameter block (Ed25519)', () => import('./commands/params.ts')],
  passport: ['Battery Pass (Performance and Durability 1.2.1) passport JSON of a recording or record', () => import('./commands/passport.ts')],
  ports: ['List serial ports for BMS / SLCAN adapters (falls back to a /dev scan without udev)', () => import('./commands/ports.ts')],
  replay: ['replay recordings through the core: estimates vs measured truth, or a regression gate against golden files', () => import('./commands/replay.ts')],
  report: ['self-contained HTML second-life report (history, histograms, events, projections, grade)', () => import('./commands/report.ts')],
  simulate: ['simulate a pack (ECM cells, ageing, sensors, faults, firmware): write a recording with ground truth, or serve JBD, Daly, JK (RS485 4E 57) or Pylontech CAN over SLCAN on a pty', () => import('./commands/simulate.ts')],
  twin: ['calibrate the ageing twin to a recorded history and project SOH to the thresholds', () => import('./commands/twin.ts')],
  verify: ['check the signature and internal consistency of a CBOR export', () => import('./commands/verify.ts')],
};

/** -h or --help among the options (before a `--` that starts raw positionals). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

function help(): string {
  const lines = ['Usage: bms-edge <command> [options]   (bms-edge <command> --help for details)', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS).sort()) lines.push(`  ${name.padEnd(10)} ${COMMANDS[name]![0]}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? Exit.OK : Exit.USAGE;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    console.error(`bms-edge: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).sort().join(', ')}`);
    return Exit.USAGE;
  }
  try {
    const mod = await entry[1]();
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

/** Runs main() as the process: exit code set, never a stack trace for a CLI error. */
export function runAsProcess(argv: string[]): void {
  main(argv).then((code) => {
    process.exitCode = code;
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) runAsProcess(process.argv.slice(2));
