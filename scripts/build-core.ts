/**
 * Builds build/core.wasm in the embedded profile: generates the layout constants, then runs asc
 * with the `release` target of asconfig.json (and the test-only `kernels` target) and the static-data
 * base taken from the layout spec; then the digital-twin module (scripts/build-twin.ts, its own
 * asconfig). `tsx scripts/build-core.ts <target...>` builds only those core targets.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATIC_BASE } from '../layout/core-layout.ts';
import { buildTwin } from './build-twin.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
/** asconfig targets and their entry files (asc takes entries per invocation, not per target). */
export const ENTRIES: Record<string, string> = {
  release: 'assembly/index.ts',
  kernels: 'assembly/testing/kernels.ts',
};

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
const targets = !isMain ? [] : process.argv.length > 2 ? process.argv.slice(2) : ['release', 'kernels'];

if (isMain) execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-layout.ts')], { cwd: root, stdio: 'inherit' });
for (const target of targets) {
  const entry = ENTRIES[target];
  if (!entry) throw new Error(`unknown target ${target} (one of ${Object.keys(ENTRIES).join(', ')})`);
  execFileSync(process.execPath, [asc, entry, '--config', 'asconfig.json', '--target', target, '--memoryBase', String(STATIC_BASE)], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (isMain && process.argv.length <= 2) buildTwin();
