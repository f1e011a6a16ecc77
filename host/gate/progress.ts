/**
 * Progress of a gate run on stderr: a bar (cli-progress) when stderr is a terminal, one plain line per
 * finished recording otherwise (CI logs), nothing when quiet (--json keeps stderr for errors only).
 */
import cliProgress from 'cli-progress';

export interface GateProgress {
  done: (key: string, status: string, detail: string, done: number, total: number) => void;
  stop: () => void;
}

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (quiet) return 'quiet';
  return stream.isTTY ? 'bar' : 'lines';
}

export function gateProgress(total: number, mode: ProgressMode, stream: NodeJS.WritableStream = process.stderr): GateProgress {
  if (mode === 'quiet') return { done: () => {}, stop: () => {} };
  if (mode === 'lines') {
    const width = String(total).length;
    return {
      done: (key, status, detail, done) => void stream.write(`[${String(done).padStart(width)}/${total}] ${status.padEnd(8)} ${key}  ${detail}\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'replay [{bar}] {value}/{total} recordings | {failed} failed | {last}', stream: stream as NodeJS.WriteStream, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  bar.start(total, 0, { failed, last: '' });
  return {
    done: (key, status, _detail, done) => {
      if (status !== 'pass' && status !== 'ok') failed++;
      bar.update(done, { failed, last: `${key} ${status}` });
    },
    stop: () => bar.stop(),
  };
}
