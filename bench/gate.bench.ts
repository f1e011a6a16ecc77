/**
 * Gate benchmark: replays recordings through the gate's worker pool as the package runs it (the
 * compiled JavaScript of dist/, workers without tsx) with one worker thread and with one per core, and prints recordings/s, samples/s, the speed-up ratio and the
 * CPU time per wall second (how many cores were busy on average).
 *
 * Default: the eleven bundled NASA cells (fixtures/nasa-pcoe-battery) as they are; target: >= 1.6x on
 * 2 workers. `--mixed`: a folder (in a temp dir, removed at the end) of the NASA cells whole (NASA layout) and
 * each of them cut into four quarter-life slices written as generic CSV (with the measured capacity
 * on each discharge's last row) = 20 recordings of mixed size and format. Without the bundled cells, 20 copies
 * of the bundled fixture. Each configuration runs `ROUNDS` times (alternating); the best round counts.
 * Both use worker threads (the 1-worker figure includes one worker's start-up, as the N-worker one N).
 *
 * A pure CPU burn on 1 and on N threads (gate-burn-worker.mjs) then says how many cores the machine
 * really gave N threads at that moment, so the ratio can be read on a shared machine.
 *
 * Run: npm run bench:gate [-- rounds] [-- --mixed]   (builds dist/ first)
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { expandInputs } from '../host/gate/expand.ts';
import type * as Pool from '../host/gate/pool.ts';
import type { ReplayJob } from '../host/gate/job.ts';
import { readNasa } from '../host/readers/nasa.ts';

const args = process.argv.slice(2);
const MIXED = args.includes('--mixed');
const ROUNDS = Math.max(1, Number(args.find((a) => /^\d+$/.test(a)) ?? 2));
const root = join(import.meta.dirname, '..');
const shared = join(root, 'fixtures/nasa-pcoe-battery');
const SLICES = 4;
const compiledPool = join(root, 'dist/host/gate/pool.js');
if (!existsSync(compiledPool)) {
  console.error("gate bench: dist/ missing: run 'npm run build' first");
  process.exit(3);
}
const { replayAll } = (await import(compiledPool)) as typeof Pool;

function csvSlice(path: string, cell: string, part: number): void {
  const rec = readNasa(join(shared, cell));
  const n = rec.samples.length / 4;
  const from = Math.floor((part * n) / SLICES), to = Math.floor(((part + 1) * n) / SLICES);
  const measured = new Map(rec.discharges.map((d) => [d.endIndex, d.measured_capacity_Ah]));
  const lines = ['# chemistry=NASA18650 rated_capacity_Ah=2', 't_s,voltage_V,current_A,temp_degC,measured_capacity_Ah'];
  for (let i = from; i < to; i++) {
    const s = rec.samples.subarray(i * 4, i * 4 + 4);
    const m = measured.get(i);
    lines.push(`${s[0]},${s[1]},${s[2]},${s[3]},${m ?? ''}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bms-gate-bench-'));
  if (existsSync(shared)) {
    const cells = readdirSync(shared).filter((c) => /^B\d{4}$/.test(c)).sort();
    for (const cell of cells) {
      cpSync(join(shared, cell, 'life.csv.gz'), join(dir, cell, 'life.csv.gz'));
      cpSync(join(shared, cell, 'cycles.csv'), join(dir, cell, 'cycles.csv'));
      for (let p = 0; p < SLICES; p++) csvSlice(join(dir, `${cell}-q${p + 1}.csv`), cell, p);
    }
  }
  for (let k = 0; readdirSync(dir).length < 20; k++) cpSync(join(root, 'fixtures/B0005'), join(dir, `fixture-${String(k).padStart(2, '0')}`), { recursive: true });
  return dir;
}

interface Figure {
  workers: number;
  /** Recordings replayed per worker thread (by thread id). */
  perThread: number[];
  wall_s: number;
  cpu_s: number;
  samples: number;
  recordings: number;
}

async function once(jobs: ReplayJob[], workers: number): Promise<Figure> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await replayAll(jobs, { workers });
  const wall_s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const failed = out.filter((o) => !o.ok);
  if (failed.length) throw new Error(`bench recordings failed: ${failed.map((f) => (f.ok ? '' : `${f.key}: ${f.error.message}`)).join('; ')}`);
  const samples = out.reduce((s, o) => s + (o.ok ? o.samples : 0), 0);
  const threads = new Map<number, number>();
  for (const o of out) threads.set(o.thread ?? 0, (threads.get(o.thread ?? 0) ?? 0) + 1);
  return { workers, perThread: [...threads.values()], wall_s, cpu_s: (cpu.user + cpu.system) / 1e6, samples, recordings: out.length };
}

/** Best of ROUNDS for each worker count, the two configurations alternating so load drift hits both alike. */
async function measure(jobs: ReplayJob[], counts: number[]): Promise<Figure[]> {
  const best: (Figure | undefined)[] = counts.map(() => undefined);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? counts.map((_, i) => i) : counts.map((_, i) => counts.length - 1 - i);
    for (const i of order) {
      const fig = await once(jobs, counts[i]!);
      if (!best[i] || fig.wall_s < best[i]!.wall_s) best[i] = fig;
    }
  }
  return best as Figure[];
}

/** Wall time of a fixed CPU burn on each of `threads` worker threads: the machine's real parallelism now. */
async function burn(threads: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(new URL('./gate-burn-worker.mjs', import.meta.url), { workerData: { iterations: 2e8 } });
      w.once('message', () => void w.terminate().then(() => resolve()));
      w.once('error', reject);
    })),
  );
  return (performance.now() - t0) / 1000;
}

/** Wall time of starting `workers` workers and replaying one 50-sample recording on each. */
async function startup(workers: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bms-gate-tiny-'));
  const rows = ['t_s,voltage_V,current_A,temp_degC'];
  for (let k = 0; k < 50; k++) rows.push(`${k},3.7,1,25`);
  const path = join(dir, '.tiny.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  const jobs = Array.from({ length: workers }, (_, i) => ({ key: `tiny${i}`, path, options: { overrides: {} } }));
  const t0 = performance.now();
  await replayAll(jobs, { workers });
  const s = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return s;
}

const dir = MIXED ? makeFolder() : shared;
try {
  const { recordings } = expandInputs([dir]);
  const jobs: ReplayJob[] = recordings.map((r) => ({ key: r.key, path: r.path, options: { overrides: {} } }));
  const cores = availableParallelism();
  console.log(`gate bench: ${jobs.length} recordings (${recordings.filter((r) => !r.key.endsWith('.csv')).length} NASA folders, ${recordings.filter((r) => r.key.endsWith('.csv')).length} generic CSV) on ${cores} core(s) (${cpus()[0]?.model ?? '?'}), best of ${ROUNDS}`);
  const row = (f: Figure): string =>
    `  ${String(f.workers).padStart(2)} worker(s): ${f.wall_s.toFixed(2)} s wall, ${(f.recordings / f.wall_s).toFixed(2)} recordings/s, ${Math.round(f.samples / f.wall_s).toLocaleString('en-US')} samples/s, ${(f.cpu_s / f.wall_s).toFixed(2)} cores busy on average, recordings per worker thread ${f.perThread.join(' + ')}`;
  const [one, all] = (await measure(jobs, [1, cores])) as [Figure, Figure];
  console.log(row(one));
  console.log(row(all));
  console.log(`  worker start-up (compiled JS + core, one tiny recording each): ${(await startup(1)).toFixed(2)} s for 1, ${(await startup(cores)).toFixed(2)} s for ${cores}; included in the figures above`);
  console.log(`  load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)} on ${cores} core(s): other processes compete when it exceeds the core count`);
  console.log(`  ratio all/1: ${(one.wall_s / all.wall_s).toFixed(2)} x recordings/s with ${cores} workers (${one.samples.toLocaleString('en-US')} samples per pass)`);
  const b1 = await burn(1), bn = await burn(cores);
  const available = (cores * b1) / bn;
  console.log(`  machine check: the same CPU burn on ${cores} threads as on 1 gives ${available.toFixed(2)} cores' worth now (ideal ${cores}); the gate reached ${((one.wall_s / all.wall_s) / available * 100).toFixed(0)} % of that`);
} finally {
  if (MIXED) rmSync(dir, { recursive: true, force: true });
}
