/** bms-edge ports: the serial ports a BMS or SLCAN adapter may be on (works without udev). */
import { parseArgs } from 'node:util';
import { listPorts } from '../../transport/list-ports.ts';
import { CliError, Exit } from '../exit-codes.ts';

const HELP = `Usage: bms-edge ports [--json]
Lists serial ports. Prefer the /dev/serial/by-id/... names for --port: they survive renumbering.`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${HELP}`, Exit.USAGE, { cause: err });
  }
  if (values.help) {
    console.log(HELP);
    return Exit.OK;
  }
  const result = await listPorts();
  if (values.json) {
    console.log(JSON.stringify(result));
    return Exit.OK;
  }
  if (result.note) console.log(`${result.note}; scanned /dev instead`);
  if (result.ports.length === 0) console.log('no serial ports found (is the adapter plugged in?)');
  for (const p of result.ports) {
    const extra = [p.device && `-> ${p.device}`, p.manufacturer, p.serialNumber && `serial ${p.serialNumber}`, p.vendorId && `${p.vendorId}:${p.productId ?? ''}`].filter(Boolean).join('  ');
    console.log(`${p.path}${extra ? `  ${extra}` : ''}`);
  }
  return Exit.OK;
}
