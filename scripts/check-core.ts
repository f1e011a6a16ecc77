/**
 * Type-checks the AssemblyScript core, the test kernels and the twin module without emitting:
 * asc reports type errors and warnings; any warning fails the check (zero-warning policy, as for the host).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from './build-core.ts';
import { SIDE_MODULE_CONFIGS } from './build-twin.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');

/** Runs asc with --noEmit; returns false (after printing why) on any error or warning. */
function clean(args: string[]): boolean {
  try {
    const out = execFileSync(process.execPath, [asc, ...args, '--noEmit'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (!/WARNING|ERROR/.test(out)) return true;
    console.error(out);
  } catch (err) {
    console.error((err as { stderr?: string }).stderr ?? err);
  }
  return false;
}

execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-layout.ts')], { cwd: root, stdio: 'ignore' });
const results = [
  ...['release', 'kernels'].map((t) => clean([ENTRIES[t]!, '--config', 'asconfig.json', '--target', t])),
  ...SIDE_MODULE_CONFIGS.map((c) => clean(['--config', c])),
];
if (results.includes(false)) process.exit(1);
