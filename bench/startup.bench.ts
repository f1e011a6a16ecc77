/**
 * Start-up benchmark: wall time of `bms-edge --help` and of `bms-edge decode --help` (one command
 * module loaded) as the installed command runs them (node bin/bms-edge.js: compiled JavaScript,
 * one process), beside `node -e 0` (node alone) and the TypeScript CLI through tsx (how the bin ran
 * before the package shipped JavaScript). Median of RUNS each, runs interleaved so load drift hits
 * all alike. Target: `bms-edge --help` <= 0.25 s.
 *
 * Run: npm run bench:startup   (builds first; or npx tsx bench/startup.bench.ts [runs])
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const RUNS = Math.max(3, Number(process.argv[2] ?? 11));
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin/bms-edge.js');
if (!existsSync(join(root, 'dist/host/cli/main.js'))) {
  console.error("startup bench: dist/ missing: run 'npm run build' first");
  process.exit(3);
}

const CASES: [label: string, args: string[]][] = [
  ['node -e 0 (node alone)', ['-e', '0']],
  ['bms-edge --help', [bin, '--help']],
  ['bms-edge decode --help', [bin, 'decode', '--help']],
  ['tsx host/cli/main.ts --help (before)', ['--import', 'tsx', join(root, 'host/cli/main.ts'), '--help']],
];

const times: number[][] = CASES.map(() => []);
for (let r = 0; r < RUNS; r++) {
  for (let i = 0; i < CASES.length; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, CASES[i]![1], { cwd: root, stdio: 'ignore' });
    times[i]!.push((performance.now() - t0) / 1000);
    if (p.status !== 0) throw new Error(`${CASES[i]![0]} exited ${p.status}`);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`start-up bench: median of ${RUNS} runs each (node ${process.version}; load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} core(s): a shared machine inflates every row alike)`);
for (let i = 0; i < CASES.length; i++) {
  const m = median(times[i]!);
  console.log(`  ${CASES[i]![0].padEnd(40)} ${m.toFixed(3)} s  (min ${Math.min(...times[i]!).toFixed(3)} s)`);
}
const help = median(times[1]!);
const helpMin = Math.min(...times[1]!), nodeMin = Math.min(...times[0]!);
console.log(`  bms-edge --help: median ${help.toFixed(3)} s, best ${helpMin.toFixed(3)} s (target <= 0.25 s); ${(helpMin - nodeMin).toFixed(3)} s above node alone (best runs; the best run is the least disturbed by other processes)`);
