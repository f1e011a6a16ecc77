/**
 * Runs `bms-edge monitor` as a child process (the real CLI, through tsx) and collects its JSON
 * lines as they stream, so end-to-end tests can act on what it reports (unplug after N samples).
 * Always `await child.stop()` in a `finally`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface JsonEvent {
  type: 'sample' | 'status' | 'summary';
  [k: string]: unknown;
}

export interface MonitorChild {
  readonly events: JsonEvent[];
  stderr(): string;
  /** Resolves when `pred` holds for the events so far (checked on every line), rejects after `timeout_ms`. */
  waitFor(pred: (events: JsonEvent[]) => boolean, timeout_ms?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  signal(sig: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export function startMonitor(args: string[]): MonitorChild {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'host/cli/main.ts'), 'monitor', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: JsonEvent[] = [];
  let err = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    partial += d.toString();
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      if (line.trim()) events.push(JSON.parse(line) as JsonEvent);
    }
    for (const w of [...waiters]) w();
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    events,
    stderr: () => err,
    exited,
    waitFor(pred, timeout_ms = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!pred(events)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`monitor did not get there within ${timeout_ms} ms; events: ${JSON.stringify(events).slice(-1500)}; stderr: ${err}`));
        }, timeout_ms);
        const onExit = (): void => {
          cleanup();
          if (pred(events)) resolve();
          else reject(new Error(`monitor exited first; events: ${JSON.stringify(events).slice(-1500)}; stderr: ${err}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('close', onExit);
        };
        waiters.add(check);
        child.once('close', onExit);
        check();
      });
    },
    signal: (sig) => void child.kill(sig),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const samplesOf = (events: JsonEvent[]): Record<string, unknown>[] =>
  events.filter((e) => e.type === 'sample').map((e) => e.sample as Record<string, unknown>);
