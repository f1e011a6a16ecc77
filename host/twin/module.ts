/**
 * Finds build/twin.wasm, building it (scripts/build-twin.ts) when it is missing, older than the
 * twin's AssemblyScript sources, or not the twin at all (a core build under that name).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildTwin } from '../../scripts/build-twin.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { TwinError } from './errors.ts';

const root = PACKAGE_ROOT;
export const TWIN_WASM_PATH = join(root, 'build/twin.wasm');

let cachedModule: WebAssembly.Module | undefined;

/** Newest modification time [ms] of the twin's AssemblyScript sources; 0 in an installed package (no sources shipped). */
function newestSource_ms(dir = join(root, 'assembly/twin')): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource_ms(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isTwinModule(mod: WebAssembly.Module): boolean {
  return WebAssembly.Module.exports(mod).some((e) => e.name === 'twinReset');
}

/** The compiled module; (re)built when missing, older than its sources, or not the twin (a core build). */
export function twinModule(): WebAssembly.Module {
  if (cachedModule) return cachedModule;
  let mod: WebAssembly.Module | undefined;
  if (existsSync(TWIN_WASM_PATH) && statSync(TWIN_WASM_PATH).mtimeMs >= newestSource_ms()) {
    mod = new WebAssembly.Module(readFileSync(TWIN_WASM_PATH));
  }
  if (!mod || !isTwinModule(mod)) {
    try {
      buildTwin();
    } catch (err) {
      throw new TwinError('WASM_MISSING', `cannot build ${TWIN_WASM_PATH}`, { cause: err });
    }
    mod = new WebAssembly.Module(readFileSync(TWIN_WASM_PATH));
  }
  cachedModule = mod;
  return cachedModule;
}
