/**
 * Builds build/core.wasm in the embedded profile: generates the layout constants, then runs asc
 * with the `release` target of asconfig.json and the static-data base taken from the layout spec.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATIC_BASE } from '../layout/core-layout.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
const target = process.argv[2] ?? 'release';

execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gen-layout.ts')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [asc, '--config', 'asconfig.json', '--target', target, '--memoryBase', String(STATIC_BASE)], {
  cwd: root,
  stdio: 'inherit',
});
