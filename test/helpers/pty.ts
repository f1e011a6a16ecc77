/**
 * Pseudo-terminal pairs for real serial I/O in tests: `socat` links two ptys, `<dir>/ttyA` and
 * `<dir>/ttyB`, that `serialport` opens like hardware. `unplug()` kills socat (both ends see the
 * device vanish, like pulling a USB adapter) and `replug()` starts a new socat on the same paths.
 *
 * Always `await pair.close()` in a `finally`: it kills socat and removes the directory. As a last
 * resort every live socat is killed (by its own pid) when the test process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface PtyPair {
  readonly dir: string;
  /** The end the code under test opens. */
  readonly a: string;
  /** The far end (the scripted device). */
  readonly b: string;
  /** Kill socat: both ends disconnect. Resolves when socat has exited. */
  unplug(): Promise<void>;
  /** Start socat again on the same paths. Resolves when both links exist and socat is ready. */
  replug(): Promise<void>;
  /** Kill socat (if running) and remove the directory. */
  close(): Promise<void>;
}

async function startSocat(a: string, b: string): Promise<ChildProcess> {
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not start within 5 s: ${log}`));
    }, 5000);
    const check = (): void => {
      if (log.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      check();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat (apt-get install -y socat): ${err.message}`, { cause: err }));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited (${code}) before it was ready: ${log}`));
    });
  });
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-pty-'));
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  let child: ChildProcess | undefined = await startSocat(a, b);
  return {
    dir,
    a,
    b,
    async unplug() {
      await stop(child);
      child = undefined;
    },
    async replug() {
      await stop(child);
      child = await startSocat(a, b);
    },
    async close() {
      await stop(child);
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
