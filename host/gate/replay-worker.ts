/**
 * Worker-thread body of the gate's pool: receives { id, job } messages, answers { id, outcome }.
 * The package runs its compiled JavaScript directly; as TypeScript (tests) it is loaded through
 * worker-bootstrap.mjs, which registers tsx in the worker.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type ReplayJob } from './job.ts';

if (!parentPort) throw new Error('replay-worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; job: ReplayJob }) => {
  void runJob(msg.job).then((outcome) => port.postMessage({ id: msg.id, outcome }));
});
