// The dispatcher's registry (host/cli/main.ts COMMANDS) names every command module and nothing else,
// and each entry loads a module with run(); --help lists them all without loading any.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../host/cli/main.ts';

const dir = join(import.meta.dirname, '../../../host/cli/commands');

test('every host/cli/commands/*.ts has one registry entry, and every entry a module', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  assert.equal(Object.keys(COMMANDS).sort(), files);
});

test('each entry has a one-line summary and loads a module exporting run()', async () => {
  for (const [name, [summary, load]] of Object.entries(COMMANDS)) {
    assert.ok(summary.length > 10 && !summary.includes('\n'), `${name}: summary`);
    assert.type((await load()).run, 'function', `${name}: run()`);
  }
});

test.run();
