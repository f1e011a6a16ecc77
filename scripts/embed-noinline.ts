/**
 * Profiling build of the core: the same source and options as build/core.wasm (asconfig `release`,
 * shrink level 2, static data at STATIC_BASE) but with function boundaries kept, so a profile can
 * say which estimator the instructions belong to. asc compiles without optimisation and with the
 * name section (--debug); binaryen's wasm-opt then optimises at -O3 with inlining disabled
 * (--no-inline=*). The shrink level must stay 2: AssemblyScript's standard library picks its
 * Mathf.exp implementation by ASC_SHRINK_LEVEL, and another level gives other (equally valid)
 * bits. The test of this build is that its digest equals the release build's on the slice.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { STATIC_BASE } from '../layout/core-layout.ts';
import { ROOT } from './embed-slice.ts';

export const NOINLINE_DIR = join(ROOT, 'build/embed/noinline');
export const NOINLINE_WASM = join(NOINLINE_DIR, 'core.wasm');

/** Builds NOINLINE_WASM; returns its path. */
export function buildNoInlineWasm(): string {
  mkdirSync(NOINLINE_DIR, { recursive: true });
  const unopt = join(NOINLINE_DIR, 'core-O0.wasm');
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules/assemblyscript/bin/asc.js'), 'assembly/index.ts', '--config', 'asconfig.json', '--target', 'release',
    '--optimizeLevel', '0', '--shrinkLevel', '2', '--debug', '--memoryBase', String(STATIC_BASE), '-o', unopt,
  ], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(join(ROOT, 'node_modules/.bin/wasm-opt'), [unopt, '--mvp-features', '--no-inline=*', '-O3', '-g', '-o', NOINLINE_WASM], { cwd: ROOT, stdio: 'pipe' });
  return NOINLINE_WASM;
}
