// Runs a bms-edge command in this process (no child start-up per case) and captures what it prints.
import { main } from '../../../host/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const log = console.log;
  const error = console.error;
  const write = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => void (stdout += a.join(' ') + '\n');
  console.error = (...a: unknown[]) => void (stderr += a.join(' ') + '\n');
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
    process.stdout.write = write;
  }
}
