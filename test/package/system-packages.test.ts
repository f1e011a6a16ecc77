// System tools named once: scripts/system-packages.txt is the list; the README's quick start shows
// exactly its install line, .ci/run installs from it, and npm test's notice names what is missing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installLine, missingPackages, notice, systemPackages } from '../../scripts/system-packages.mjs';

const root = join(import.meta.dirname, '../..');

test('the README quick start holds the install line of scripts/system-packages.txt, once', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(systemPackages().includes('socat') && systemPackages().includes('qemu-system-arm'), 'the list is read');
  assert.is(readme.split(installLine()).length - 1, 1, `README has "${installLine()}" once`);
  const restated = readme.split('\n').filter((l) => /apt-get install/.test(l) && !l.includes(installLine()) && systemPackages().some((p) => l.split(/\s+/).includes(p)));
  assert.equal(restated, [], 'no other apt-get line names the suite\'s packages');
});

test('.ci/run installs from the same list', () => {
  const ci = readFileSync(join(root, '.ci/run'), 'utf8');
  assert.match(ci, /scripts\/system-packages\.txt/);
  for (const p of systemPackages()) assert.not.ok(ci.includes(` ${p} `) || ci.includes(`  ${p}\n`), `${p} not restated in .ci/run`);
});

test('missing packages are found with dpkg and named in one notice that ends with the install line', () => {
  const hasDpkg = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasDpkg) assert.equal(missingPackages(['dpkg', 'bms-edge-no-such-package']), ['bms-edge-no-such-package']);
  else assert.equal(missingPackages(['bms-edge-no-such-package']), [], 'no dpkg: nothing reported');
  const text = notice(['socat', 'wabt']);
  assert.match(text, /^Missing Debian packages the test suite needs: socat wabt\./);
  assert.is(text.split(installLine()).length - 1, 1);
  assert.is(notice([]), '');
});

test.run();
