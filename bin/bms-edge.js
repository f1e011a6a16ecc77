#!/usr/bin/env node
// Entry point of the `bms-edge` command: runs the compiled CLI (dist/, built by `npm run build`
// and by `prepare` on install) in this process. No TypeScript at run time.
import { existsSync } from 'node:fs';
import module from 'node:module';

const entry = new URL('../dist/host/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error("bms-edge: the compiled CLI (dist/) is missing: run 'npm run build' in the package folder");
  process.exit(70);
}
module.enableCompileCache?.(); // Node >= 22.1: reuse V8 code caches across runs
const { runAsProcess } = await import(entry.href);
runAsProcess(process.argv.slice(2));
