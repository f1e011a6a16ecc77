/**
 * A pseudo-terminal pair made by socat: the simulated BMS opens `<dir>/bms`, the host side
 * (`bms-edge monitor --port <dir>/host`) opens the other end, exactly as a USB-serial adapter.
 * `close()` kills this socat (by its own pid) and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimError } from '../errors.ts';

export interface SimPty {
  bms: string;
  host: string;
  close(): Promise<void>;
}

export async function createPtyPair(): Promise<SimPty> {
  const dir = mkdtempSync(join(tmpdir(), 'bms-edge-sim-'));
  const bms = join(dir, 'bms');
  const host = join(dir, 'host');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${bms}`, `pty,raw,echo=0,link=${host}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = (): void => void child.kill('SIGKILL');
  process.once('exit', kill);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new SimError(`socat did not start within 5 s: ${log}`, 'io')); }, 5000);
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('starting data transfer loop') && existsSync(bms) && existsSync(host)) { clearTimeout(timer); resolve(); }
    });
    child.on('error', (err) => { clearTimeout(timer); reject(new SimError(`cannot run socat (apt-get install -y socat): ${err.message}`, 'io', { cause: err })); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new SimError(`socat exited (${code}) before it was ready: ${log}`, 'io')); });
  });
  return {
    bms,
    host,
    async close() {
      process.removeListener('exit', kill);
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
