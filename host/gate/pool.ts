/**
 * Replays many recordings on worker threads (node:worker_threads), one job per worker at a time,
 * jobs taken in order from a shared queue. `workers: 1` with `inline: true` runs in this thread
 * instead (no worker start-up), which is what a single recording wants.
 *
 * Invariants: every job yields exactly one outcome (a job whose worker dies yields an error outcome
 * and the worker is replaced while jobs remain, so a broken worker costs at most one start per job);
 * outcomes are returned in job order whatever order they finish.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runJob, type JobOutcome, type ReplayJob } from './job.ts';

export interface PoolOptions {
  /** Worker threads; default: every core (os.availableParallelism()). */
  workers?: number;
  /** With one worker, run in this thread instead of a worker. */
  inline?: boolean;
  /** The worker module (a .ts or .js file URL answering { id, job } with { id, outcome }); default replay-worker. */
  workerEntry?: URL;
  /** Called as each job finishes (in finishing order). */
  onDone?: (outcome: JobOutcome, done: number, total: number) => void;
}

/** Registers tsx in a worker thread, for a TypeScript worker module (tests, `npm start`) only. */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
/** replay-worker.ts when this runs as TypeScript, replay-worker.js in the compiled package (dist/). */
const ENTRY = new URL(`./replay-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** A compiled JavaScript worker starts directly; only a TypeScript one pays for the tsx loader. */
function startWorker(entry: string): Worker {
  return entry.endsWith('.ts') ? new Worker(BOOTSTRAP, { workerData: { entry } }) : new Worker(new URL(entry));
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function replayAll(jobs: ReplayJob[], opts: PoolOptions = {}): Promise<JobOutcome[]> {
  const workers = Math.max(1, Math.min(opts.workers ?? defaultWorkers(), jobs.length));
  const results: JobOutcome[] = new Array(jobs.length);
  let done = 0;
  const finish = (i: number, o: JobOutcome): void => {
    results[i] = o;
    done++;
    opts.onDone?.(o, done, jobs.length);
  };
  if (jobs.length === 0) return results;
  if (workers === 1 && opts.inline) {
    for (let i = 0; i < jobs.length; i++) {
      finish(i, await runJob(jobs[i]!));
      await new Promise((r) => setImmediate(r)); // let a progress bar repaint between jobs
    }
    return results;
  }

  let next = 0;
  await new Promise<void>((resolve) => {
    let live = 0;
    const start = (): void => {
      if (next >= jobs.length) {
        if (live === 0) resolve();
        return;
      }
      const w = startWorker(opts.workerEntry?.href ?? ENTRY);
      live++;
      let current = -1;
      let ended = false;
      const feed = (): void => {
        if (next >= jobs.length) {
          ended = true;
          void w.terminate();
          return;
        }
        current = next++;
        w.postMessage({ id: current, job: jobs[current] });
      };
      w.on('message', (m: { id: number; outcome: JobOutcome }) => {
        finish(m.id, m.outcome);
        current = -1;
        feed();
      });
      let failure = '';
      w.on('error', (err) => {
        failure = `${err.name}: ${err.message}`; // the 'exit' that follows settles the job in flight
      });
      w.on('exit', (code) => {
        live--;
        if (current >= 0) {
          // died (uncaught error, out of memory, exit) before answering: that job fails, the run goes on
          const job = jobs[current]!;
          finish(current, { key: job.key, path: job.path, ok: false, error: { name: 'WorkerError', code: 'worker-died', message: `replay worker died (${failure || `exit code ${code}`})` }, elapsed_s: 0 });
          current = -1;
        }
        if (!ended && next < jobs.length) start(); // replace a worker that died while jobs remain
        else if (live === 0) resolve();
      });
      feed();
    };
    for (let k = 0; k < workers; k++) start();
  });
  return results;
}
