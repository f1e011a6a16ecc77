/**
 * A scripted BMS on the far end of a pty pair (see test/helpers/pty.ts): it opens the device path
 * with `serialport`, like a real unit's UART, and answers through a script.
 *
 * - `requestScript(table, { echo, junk })`: answers each known request with its reply chunks
 *   (a chunk list lets a test split a frame across writes); `echo` first sends the request back
 *   (a half-duplex adapter), `junk` puts noise bytes before each reply.
 * - `slcanScript(lines, period_ms)`: an SLCAN adapter: CR to every command, and once opened (`O`
 *   or `L`) it sends the frame lines round-robin every `period_ms`, with a `Z1` timestamp suffix
 *   after `Z1`.
 *
 * `reopen()` opens the path again after a replug. Always `await device.close()` in a `finally`.
 */
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';

export interface Vector {
  id: string;
  protocol: string;
  kind: string;
  hex?: string;
  line?: string;
  decoded: Record<string, unknown>;
}

const VECTORS = (JSON.parse(readFileSync(new URL('./fixtures/bms-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;

/** The shared vectors the end-to-end tests use (copied into fixtures/bms-vectors.json). */
export function vector(id: string): Vector {
  const v = VECTORS.find((x) => x.id === id);
  if (!v) throw new Error(`no vector '${id}' in test/host/transport/fixtures/bms-vectors.json`);
  return v;
}

export const vectorBytes = (id: string): Uint8Array => new Uint8Array(Buffer.from(vector(id).hex ?? '', 'hex'));

export interface DeviceScript {
  /** Called with whatever arrived; `send` writes to the host. */
  onData(bytes: Uint8Array, send: (b: Uint8Array) => void): void;
  /** Called when the port is closed (stop timers). */
  stop?(): void;
}

export class ScriptedDevice {
  /** Every byte the host sent, in order. */
  readonly received: number[] = [];
  private port: SerialPort | undefined;

  private constructor(
    private readonly path: string,
    private readonly script: DeviceScript,
    private readonly baud: number,
  ) {}

  static async start(path: string, script: DeviceScript, baud = 9600): Promise<ScriptedDevice> {
    const d = new ScriptedDevice(path, script, baud);
    await d.reopen();
    return d;
  }

  async reopen(): Promise<void> {
    this.script.stop?.();
    const old = this.port;
    if (old?.isOpen) await new Promise<void>((res) => old.close(() => res()));
    const port = new SerialPort({ path: this.path, baudRate: this.baud, autoOpen: false, lock: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    port.on('error', () => undefined);
    port.on('close', () => this.script.stop?.());
    port.on('data', (data: Buffer) => {
      this.received.push(...data);
      this.script.onData(new Uint8Array(data), (b) => {
        if (port.isOpen) port.write(Buffer.from(b));
      });
    });
    this.port = port;
  }

  async close(): Promise<void> {
    this.script.stop?.();
    const p = this.port;
    this.port = undefined;
    if (p?.isOpen) await new Promise<void>((res) => p.close(() => res()));
  }
}

export interface ScriptEntry {
  request: Uint8Array;
  /** Reply chunks, written one after another. */
  replies: Uint8Array[];
}

const indexOf = (hay: number[], needle: Uint8Array): number => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

export function requestScript(table: ScriptEntry[], options: { echo?: boolean; junk?: Uint8Array } = {}): DeviceScript & { answered: number } {
  let buf: number[] = [];
  const script = {
    answered: 0,
    onData(bytes: Uint8Array, send: (b: Uint8Array) => void) {
      buf.push(...bytes);
      for (;;) {
        let best: { at: number; entry: ScriptEntry } | undefined;
        for (const entry of table) {
          const at = indexOf(buf, entry.request);
          if (at >= 0 && (!best || at < best.at)) best = { at, entry };
        }
        if (!best) break;
        buf = buf.slice(best.at + best.entry.request.length);
        if (options.echo) send(best.entry.request);
        if (options.junk) send(options.junk);
        for (const r of best.entry.replies) send(r);
        script.answered++;
      }
      if (buf.length > 4096) buf = [];
    },
  };
  return script;
}

export function slcanScript(lines: string[], period_ms: number): DeviceScript & { opened: number } {
  let partial = '';
  let timer: NodeJS.Timeout | undefined;
  let timestamps = false;
  let i = 0;
  let t_ms = 0;
  const script = {
    opened: 0,
    onData(bytes: Uint8Array, send: (b: Uint8Array) => void) {
      partial += Buffer.from(bytes).toString('latin1');
      let cr: number;
      while ((cr = partial.indexOf('\r')) >= 0) {
        const cmd = partial.slice(0, cr);
        partial = partial.slice(cr + 1);
        if (cmd === 'Z1') timestamps = true;
        if (cmd === 'C') {
          clearInterval(timer);
          timer = undefined;
        }
        send(Buffer.from('\r', 'latin1'));
        if ((cmd === 'O' || cmd === 'L') && !timer) {
          script.opened++;
          timer = setInterval(() => {
            const line = lines[i++ % lines.length] as string;
            t_ms = (t_ms + period_ms) % 60000;
            const suffix = timestamps ? t_ms.toString(16).toUpperCase().padStart(4, '0') : '';
            send(Buffer.from(`${line}${suffix}\r`, 'latin1'));
          }, period_ms);
        }
      }
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return script;
}

/** `can0  356   [6]  6C 14 04 00 DC 00` (a vector's candump text line) as the SLCAN line `t35666C140400DC00`. */
export function candumpTextToSlcan(line: string): string {
  const m = /^\S+\s+([0-9A-Fa-f]+)\s+\[(\d)\]\s*((?:[0-9A-Fa-f]{2}\s*)*)$/.exec(line.trim());
  if (!m) throw new Error(`not a candump text line: ${line}`);
  const id = (m[1] as string).toUpperCase();
  const data = (m[3] as string).replace(/\s+/g, '').toUpperCase();
  return id.length <= 3 ? `t${id.padStart(3, '0')}${m[2]}${data}` : `T${id.padStart(8, '0')}${m[2]}${data}`;
}
