/**
 * The charting library bundled into every report: uPlot (MIT, no dependencies), read from the
 * installed package so the HTML needs no network. Its licence notice travels with the code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface Asset {
  js: string;
  css: string;
  version: string;
}

let cached: Asset | undefined;

export function uplotAsset(): Asset {
  if (cached) return cached;
  const pkgPath = require.resolve('uplot/package.json');
  const dir = dirname(pkgPath);
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  cached = {
    js: readFileSync(join(dir, 'dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(dir, 'dist/uPlot.min.css'), 'utf8'),
    version,
  };
  return cached;
}
