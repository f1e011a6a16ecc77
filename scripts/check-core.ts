/**
 * Type-checks the AssemblyScript core (and the test kernels) without emitting: asc reports type
 * errors and warnings; any warning fails the check (zero-warning policy, as for the host).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from './build-core.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-layout.ts')], { cwd: root, stdio: 'ignore' });
let failed = false;
for (const target of ['release', 'kernels', 'twin']) {
  try {
    const out = execFileSync(process.execPath, [asc, ENTRIES[target]!, '--config', 'asconfig.json', '--target', target, '--noEmit'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (/WARNING|ERROR/.test(out)) {
      console.error(out);
      failed = true;
    }
  } catch (err) {
    console.error((err as { stderr?: string }).stderr ?? err);
    failed = true;
  }
}
if (failed) process.exit(1);
