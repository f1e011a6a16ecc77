/**
 * Progress on long work: a bar on stderr when stderr is a terminal (cli-progress), nothing
 * otherwise (CI logs and --json output stay clean).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** Below this many units a bar would only flicker. */
const MIN_TOTAL = 200_000;

export function progressReporter(label: string, total: number, quiet = false): Progress {
  if (quiet || !process.stderr.isTTY || total < MIN_TOTAL) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta}s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
