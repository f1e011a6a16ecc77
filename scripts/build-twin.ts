/**
 * Builds build/twin.wasm (the digital-twin models), build/twin-selftest.wasm (the same models run
 * on a built-in profile, for engine comparisons) and build/verify.wasm (Ed25519, assembly/verify/) in the embedded profile: stub runtime, no imports,
 * MVP features only, one fixed 64 KiB page. Uses assembly/twin/asconfig*.json because asc ignores an
 * `entries` key inside a target of the root asconfig.json (it would compile the core's entry instead).
 * Usage: tsx scripts/build-twin.ts
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../host/package-root.ts';

const root = PACKAGE_ROOT; // the same folder whether this runs as scripts/*.ts or compiled dist/scripts/*.js
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');

/** The modules beside the core, each built from its own asconfig (same embedded profile). */
export const SIDE_MODULE_CONFIGS = ['assembly/twin/asconfig.json', 'assembly/twin/asconfig.selftest.json', 'assembly/verify/asconfig.json'];

export function buildTwin(): void {
  for (const config of SIDE_MODULE_CONFIGS) {
    execFileSync(process.execPath, [asc, '--config', config], { cwd: root, stdio: 'inherit' });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildTwin();
