/**
 * bms-edge monitor: talk to a live BMS (or replay a capture of one), decode, feed the core, show
 * a live status line or JSON lines, record everything, and ride out unplugs with back-off.
 */
import { PARAMS_HELP, PARAMS_OPTION, paramsOption } from '../params-option.ts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCapture } from '../../transport/capture-format.ts';
import { CandumpFileTransport, CandumpWriter } from '../../transport/candump-file.ts';
import { isCandumpFile } from '../../gate/capture-detect.ts';
import { CaptureWriter } from '../../transport/capture-writer.ts';
import { TransportError } from '../../transport/errors.ts';
import { RecordingTransport } from '../../transport/recording.ts';
import { ReplayTransport } from '../../transport/replay.ts';
import { SerialTransport } from '../../transport/serial.ts';
import type { ByteTransport, CanFrame, CanTransport } from '../../transport/transport.ts';
import { CoreSink, ParamsUpdateRefused } from '../../transport/session/core-sink.ts';
import { readInputFile } from '../files.ts';
import { loadPublicKey } from '../../params/signature.ts';
import { ParamsError } from '../../params/errors.ts';
import { defaultAddresses, driverFor, MONITOR_PROTOCOLS, type MonitorProtocol } from '../../transport/session/drivers.ts';
import type { SampleSink } from '../../transport/session/events.ts';
import { runMonitor } from '../../transport/session/monitor-session.ts';
import { makePrinter } from '../../transport/session/output.ts';
import { JK300_VARIANTS, type Jk300Variant } from '../../protocols/index.ts';
import { CliError, Exit } from '../exit-codes.ts';

const HELP = `Usage: bms-edge monitor --port <path> --protocol <${MONITOR_PROTOCOLS.join('|')}> [options]
       bms-edge monitor --replay <capture.jsonl> --protocol <name> [options]

Polls the BMS (JBD, Daly, JK) or listens to the CAN bus through an SLCAN adapter (Pylontech/SMA),
decodes every frame, feeds each sample into the core and shows SOC, SOH, V, I (positive =
discharge), T, cell min/max/delta and events. On a timeout or an unplug it says so, keeps the
capture and reconnects with back-off (about 1 s at most between attempts).

Options:
  --port <path>          serial device (prefer /dev/serial/by-id/...; see 'bms-edge ports')
  --replay <file>        replay a capture written by --record instead of opening a port, or (slcan-pylon)
                         a candump log in any format candump writes (-L, plain, -ta/-td/-tz/-tA, CAN FD)
  --protocol <name>      ${MONITOR_PROTOCOLS.join(', ')}
  --baud <N>             line rate (default: JBD/Daly 9600, JK 115200, SLCAN 115200)
  --address <N[,N..]>    unit address(es) on a shared RS485 bus, polled in turn
                         (Daly board number, default 1; JK-PB DIP address, default 1)
  --interval-ms <N>      pause between poll cycles (default 1000; 0 in replay)
  --timeout-ms <N>       reply timeout per request (default 500)
  --invert-current       the unit counts current the other way round (some Daly / JK firmware)
  --daly-host <0x40|0x80>  Daly host address byte for board 1 (default 0x40; V1.0 units: 0x80)
  --variant <JK02_24S|JK02_32S|JK04>  JK 300-byte layout (default: detected)
  --meaning-370 <cell-extremes|ascii-name>  Pylon 0x370/0x371 (default cell-extremes)
  --record <file>        append every byte received and sent, with timestamps (JSON lines)
  --candump <file>       slcan-pylon: also append every CAN frame as a candump -L log line
  --speed <x>            replay speed: 1 = recorded timing, default: as fast as possible
  --duration-s <N>       stop after N seconds
  --max-frames <N>       stop after N decoded frames
  --chemistry <name>     core preset: NMC, LFP or NASA18650 (default NMC)
${PARAMS_HELP}
  --capacity-ah <N>      rated capacity for the core (default: the preset's)
  --series-cells <N>     cells in series (default: the count the BMS reports)
  --no-core              show the BMS's own values only
  --push-params <block.bin>  push a signed parameter block (\`params build\`) to the simulated device
                         core first; it is applied only when its Ed25519 signature verifies with
                         --params-pub, as on the device (build/verify.wasm), else the monitor stops
                         with exit 1
  --params-pub <pem>     the device's public key (SPKI PEM)
  --params-sig <file>    the signature (default <block.bin>.sig)
  --json                 JSON lines: samples, status events, a final summary
  -h, --help
SIGINT (Ctrl-C) stops cleanly and prints a summary.`;

let running: AbortController | undefined;
let stdoutGuarded = false;

/**
 * A reader that goes away (`monitor --json | head`) ends the run like SIGINT instead of crashing
 * with EPIPE. Installed once per process: the error can arrive after the run has ended.
 */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') running?.abort();
  });
}

function num(v: string | undefined, name: string, opts: { min?: number; int?: boolean } = {}): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (opts.int && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    throw new CliError(`--${name} must be ${opts.int ? 'an integer' : 'a number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}, got '${v}'`, Exit.USAGE);
  }
  return n;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        replay: { type: 'string' },
        protocol: { type: 'string' },
        baud: { type: 'string' },
        address: { type: 'string' },
        'interval-ms': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'invert-current': { type: 'boolean' },
        'daly-host': { type: 'string' },
        variant: { type: 'string' },
        'meaning-370': { type: 'string' },
        record: { type: 'string' },
        candump: { type: 'string' },
        speed: { type: 'string' },
        'duration-s': { type: 'string' },
        'max-frames': { type: 'string' },
        chemistry: { type: 'string' },
        ...PARAMS_OPTION,
        'capacity-ah': { type: 'string' },
        'series-cells': { type: 'string' },
        'no-core': { type: 'boolean' },
        'push-params': { type: 'string' },
        'params-pub': { type: 'string' },
        'params-sig': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${HELP}`, Exit.USAGE, { cause: err });
  }
  const o = parsed.values;
  if (o.help) {
    console.log(HELP);
    return Exit.OK;
  }
  const protocol = o.protocol as MonitorProtocol | undefined;
  if (!protocol || !MONITOR_PROTOCOLS.includes(protocol)) throw new CliError(`--protocol must be one of ${MONITOR_PROTOCOLS.join(', ')}`, Exit.USAGE);
  if ((o.port === undefined) === (o.replay === undefined)) throw new CliError('give exactly one of --port <path> or --replay <capture>', Exit.USAGE);
  const dalyHost = o['daly-host'] === undefined ? undefined : Number(o['daly-host']);
  if (dalyHost !== undefined && dalyHost !== 0x40 && dalyHost !== 0x80) throw new CliError(`--daly-host must be 0x40 or 0x80, got '${o['daly-host']}'`, Exit.USAGE);
  const jkVariant = o.variant;
  if (jkVariant !== undefined && !(JK300_VARIANTS as readonly string[]).includes(jkVariant)) throw new CliError(`--variant must be one of ${JK300_VARIANTS.join(', ')}`, Exit.USAGE);
  const meaning370 = o['meaning-370'];
  if (meaning370 !== undefined && meaning370 !== 'cell-extremes' && meaning370 !== 'ascii-name') throw new CliError('--meaning-370 must be cell-extremes or ascii-name', Exit.USAGE);
  const driver = driverFor(protocol, {
    ...(o['invert-current'] ? { invertCurrent: true } : {}),
    ...(dalyHost === undefined ? {} : { dalyHost }),
    ...(jkVariant === undefined ? {} : { jkVariant: jkVariant as Jk300Variant }),
    ...(meaning370 === undefined ? {} : { meaning370 }),
  });
  const baud = num(o.baud, 'baud', { min: 1, int: true }) ?? driver.defaultBaud;
  const addresses = o.address === undefined ? defaultAddresses(protocol) : o.address.split(',').map((a) => num(a.trim(), 'address', { min: 0, int: true }) as number);
  if (addresses.length === 0) throw new CliError('--address needs at least one address', Exit.USAGE);
  const replaying = o.replay !== undefined;
  const interval_ms = num(o['interval-ms'], 'interval-ms', { min: 0 }) ?? (replaying ? 0 : 1000);
  const requestTimeout_ms = num(o['timeout-ms'], 'timeout-ms', { min: 1 }) ?? 500;
  const duration_s = num(o['duration-s'], 'duration-s', { min: 0 });
  const maxFrames = num(o['max-frames'], 'max-frames', { min: 1, int: true });
  const speed = num(o.speed, 'speed', { min: Number.MIN_VALUE });
  const cell = paramsOption(o.params, o.chemistry);
  const chemistry = cell?.chemistry ?? (o.chemistry ?? 'NMC').toUpperCase();
  if (!['NMC', 'LFP', 'NASA18650'].includes(chemistry)) throw new CliError(`--chemistry must be NMC, LFP or NASA18650, got '${o.chemistry}'`, Exit.USAGE);
  const ratedCapacity_Ah = num(o['capacity-ah'], 'capacity-ah', { min: Number.MIN_VALUE }) ?? cell?.ratedCapacity_Ah;
  const seriesCells = num(o['series-cells'], 'series-cells', { min: 1, int: true }) ?? cell?.seriesCells;

  let sink: SampleSink | undefined;
  let update: { block: Uint8Array; signature?: Uint8Array; publicKey: Uint8Array } | undefined;
  const pushPath = o['push-params'];
  if (pushPath !== undefined) {
    if (o['no-core']) throw new CliError('--push-params needs the core (drop --no-core)', Exit.USAGE);
    if (o['params-pub'] === undefined) throw new CliError('--push-params needs --params-pub <public.pem>: the device checks the signature', Exit.USAGE);
    const block = new Uint8Array(readInputFile(pushPath, 'parameter block', { nonEmpty: true }));
    const sigPath = o['params-sig'] ?? `${pushPath}.sig`;
    const signature = new Uint8Array(readInputFile(sigPath, 'signature'));
    let pub;
    try {
      pub = loadPublicKey(readInputFile(o['params-pub'], 'public key'));
    } catch (err) {
      if (err instanceof ParamsError) throw new CliError(`${o['params-pub']}: ${err.message}`, Exit.BAD_INPUT, { cause: err });
      throw err;
    }
    update = { block, signature, publicKey: new Uint8Array(Buffer.from(pub.export({ format: 'jwk' }).x as string, 'base64url')) };
  }
  if (!o['no-core']) {
    const say = o.json ? (l: string): void => console.error(`bms-edge monitor: ${l}`) : (l: string): void => console.log(l);
    const coreOptions = {
      chemistry: chemistry as 'NMC' | 'LFP' | 'NASA18650', ...(ratedCapacity_Ah ? { ratedCapacity_Ah } : {}), ...(seriesCells ? { seriesCells } : {}),
      ...(cell ? { overrides: cell.overrides, paramsFile: o.params } : {}), ...(update ? { update } : {}),
      onSetup: (line: string, address: number) => say(addresses.length > 1 ? `#${address} ${line}` : line),
    };
    try {
      CoreSink.probe(coreOptions);
      sink = new CoreSink(coreOptions);
    } catch (err) {
      if (err instanceof ParamsUpdateRefused) throw new CliError(err.message, Exit.CHECK_FAILED, { cause: err });
      console.error(`bms-edge monitor: core unavailable (${(err as Error).message}); showing the BMS's own values`);
    }
  }

  let port: ByteTransport | undefined;
  let can: CanTransport | undefined;
  if (o.replay !== undefined && isCandumpFile(o.replay)) {
    // a candump log (any format candump writes) replays as CAN frames straight into the listen driver
    if (driver.kind !== 'listen') throw new CliError(`${o.replay} is a candump log: replay it with a CAN protocol (slcan-pylon), not ${protocol}`, Exit.USAGE);
    if (o.record !== undefined) throw new CliError('--record takes bytes from a port; a candump log replays CAN frames (use --candump to write them)', Exit.USAGE);
    can = new CandumpFileTransport(o.replay, speed === undefined ? {} : { speed });
  } else if (o.replay !== undefined) {
    let text: string;
    try {
      text = readFileSync(o.replay, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${o.replay}: ${(err as Error).message}`, Exit.BAD_INPUT, { cause: err });
    }
    let capture;
    try {
      capture = parseCapture(text, o.replay);
    } catch (err) {
      throw new CliError((err as Error).message, Exit.BAD_INPUT, { cause: err });
    }
    if (capture.truncatedTail) console.error(`bms-edge monitor: ${o.replay} ends in a cut line (crash while recording?); replaying up to it`);
    port = new ReplayTransport(capture, speed === undefined ? {} : { speed });
  } else {
    port = new SerialTransport({ path: o.port as string, baud });
  }
  let capture: CaptureWriter | undefined;
  if (o.record !== undefined && port) {
    try {
      capture = new CaptureWriter(o.record, { protocol, transport: port.name, started_ms: Date.now(), baud });
    } catch (err) {
      throw new CliError((err as Error).message, Exit.BAD_INPUT, { cause: err });
    }
    port = new RecordingTransport(port, capture);
  }

  if (o.candump !== undefined && driver.kind !== 'listen') throw new CliError('--candump needs a CAN protocol (slcan-pylon)', Exit.USAGE);
  const candump = o.candump === undefined ? undefined : new CandumpWriter(o.candump);

  const printer = makePrinter(process.stdout, o.json === true);
  const ac = new AbortController();
  const onSigint = (): void => ac.abort();
  process.on('SIGINT', onSigint);
  guardStdout();
  running = ac;
  let durationEnded = false;
  const timer = duration_s === undefined ? undefined : setTimeout(() => { durationEnded = true; ac.abort(); }, duration_s * 1000);
  try {
    const result = await runMonitor({
      driver,
      ...(port ? { port } : {}),
      ...(can ? { can } : {}),
      addresses,
      interval_ms,
      requestTimeout_ms,
      ...(maxFrames === undefined ? {} : { maxFrames }),
      ...(sink ? { sink } : {}),
      ...(candump ? { onCanFrame: (f: CanFrame) => candump.write(f) } : {}),
      onEvent: (e) => printer.event(e),
      signal: ac.signal,
      failFirstOpen: !replaying,
    });
    if (durationEnded && result.endedBy === 'signal') result.endedBy = 'duration';
    printer.summary(result);
    return Exit.OK;
  } catch (err) {
    if (err instanceof TransportError) throw new CliError(err.message, Exit.DEVICE, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSigint);
    running = undefined;
    capture?.close();
  }
}
