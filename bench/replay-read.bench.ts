/**
 * Reading recordings: how fast recordings get from disk into the core, measured side by side in one run.
 *
 * 1. Reader alone, in this process, on the eleven bundled NASA cells: the byte scanner
 *    (host/readers/nasa.ts) beside the string reader it replaced (test/host/readers/string-readers.ts),
 *    best of ROUNDS, samples/s.
 * 2. End to end, one process each: `bms-edge replay <cells> --jobs 1` (compiled CLI: start-up,
 *    gunzip, scan, core, golden record) and with its worker threads (default --jobs: every core),
 *    over the four room-temperature cells and over all eleven,
 *    beside the pandas anchor (bench/pandas_anchor.py: pandas.read_csv of the same gz files, counting
 *    discharged Ah; python start-up and import included as node's are), when Debian's python3-pandas
 *    is installed (apt-get install -y python3-pandas); otherwise the anchor is skipped with a message.
 *    Target: replay samples/s >= 2x the anchor's on the eleven cells.
 *
 * Run: npm run bench:read   (builds first; or npx tsx bench/replay-read.bench.ts [rounds])
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readNasa } from '../host/readers/nasa.ts';
import { readNasaByString } from '../test/host/readers/string-readers.ts';

const ROUNDS = Math.max(1, Number(process.argv[2] ?? 3));
const root = join(import.meta.dirname, '..');
const cellsDir = join(root, 'fixtures/nasa-pcoe-battery');
const all = readdirSync(cellsDir).filter((c) => /^B\d{4}$/.test(c)).sort().map((c) => join(cellsDir, c));
const roomTemp = ['B0005', 'B0006', 'B0007', 'B0018'].map((c) => join(cellsDir, c));
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function best(fn: () => number): { s: number; samples: number } {
  let s = Infinity, samples = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    samples = fn();
    s = Math.min(s, (performance.now() - t0) / 1000);
  }
  return { s, samples };
}

function timed(cmd: string, args: string[]): { s: number; stdout: string } {
  let s = Infinity, stdout = '';
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const p = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${p.status}: ${p.stderr}`);
    s = Math.min(s, (performance.now() - t0) / 1000);
    stdout = p.stdout;
  }
  return { s, stdout };
}

console.log(`replay-read bench: best of ${ROUNDS}; load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} core(s) (a shared machine slows every row)`);

const scan = best(() => all.reduce((n, c) => n + readNasa(c).samples.length / 4, 0));
const str = best(() => all.reduce((n, c) => n + readNasaByString(c).samples.length / 4, 0));
console.log(`reader alone, eleven cells (${fmt(scan.samples)} samples):`);
console.log(`  byte scanner   ${scan.s.toFixed(2)} s  ${fmt(scan.samples / scan.s)} samples/s`);
console.log(`  string reader  ${str.s.toFixed(2)} s  ${fmt(str.samples / str.s)} samples/s   (scanner ${(str.s / scan.s).toFixed(2)}x faster)`);

if (!existsSync(join(root, 'dist/host/cli/main.js'))) {
  console.error("end-to-end rows need the compiled CLI: run 'npm run build' first");
  process.exit(3);
}
/** The first python that imports pandas: the one on PATH, else Debian's (PATH may start with a pyenv). */
const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
const pandas = python !== undefined;
for (const [label, cells] of [['four room-temperature cells', roomTemp], ['all eleven cells', all]] as const) {
  const replay = timed(process.execPath, [join(root, 'bin/bms-edge.js'), 'replay', ...cells, '--jobs', '1', '--json']);
  const samples = (JSON.parse(replay.stdout) as { samples: number }).samples;
  const threads = timed(process.execPath, [join(root, 'bin/bms-edge.js'), 'replay', ...cells, '--json']);
  const ours = samples / Math.min(replay.s, threads.s);
  console.log(`end to end, ${label}, one process (${fmt(samples)} samples):`);
  console.log(`  bms-edge replay --jobs 1   ${replay.s.toFixed(2)} s  ${fmt(samples / replay.s)} samples/s`);
  console.log(`  bms-edge replay (${availableParallelism()} worker threads)  ${threads.s.toFixed(2)} s  ${fmt(samples / threads.s)} samples/s`);
  if (!pandas) {
    console.log('  pandas anchor skipped: python3-pandas is not installed (apt-get install -y python3-pandas to measure it)');
    continue;
  }
  const anchor = timed(python!, [join(root, 'bench/pandas_anchor.py'), ...cells]);
  const a = JSON.parse(anchor.stdout) as { samples: number; discharged_Ah: number };
  console.log(`  pandas anchor              ${anchor.s.toFixed(2)} s  ${fmt(a.samples / anchor.s)} samples/s  (${a.samples === samples ? 'same' : `${fmt(a.samples)}`} samples, ${a.discharged_Ah.toFixed(1)} Ah discharged)`);
  console.log(`  ratio: ${(ours / (a.samples / anchor.s)).toFixed(2)}x the anchor's samples/s (faster of the two rows)${label.startsWith('all') ? ' (target >= 2x)' : ''}`);
}
