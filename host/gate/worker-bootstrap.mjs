// Worker-thread entry: registers the tsx loader in this thread, then imports the TypeScript module
// named by workerData.entry (a file: URL). Plain JS, because a worker does not inherit the parent's
// loader hooks on Node 20.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
