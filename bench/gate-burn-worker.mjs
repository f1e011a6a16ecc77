// CPU-burn worker of bench/gate.bench.ts: a fixed integer loop, to measure how many cores the machine
// actually gives to N threads right now (other processes compete on a shared machine).
import { parentPort, workerData } from 'node:worker_threads';

let x = 0;
for (let i = 0; i < workerData.iterations; i++) x = (x + i) % 1000003;
parentPort.postMessage(x);
