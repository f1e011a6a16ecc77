// The Debian packages of scripts/system-packages.txt: the list, the one install line the README
// shows, and which of them are not installed (dpkg-query; none reported where dpkg is absent).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIST = new URL('./system-packages.txt', import.meta.url);

/** Package names, in file order. */
export function systemPackages() {
  return readFileSync(LIST, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** The README's one-line install command. */
export function installLine(packages = systemPackages()) {
  return `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** Packages dpkg does not report as installed; [] when dpkg-query is not available. */
export function missingPackages(packages = systemPackages()) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], { encoding: 'utf8' });
  if (r.error) return [];
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' installed'))
      .map((l) => l.split(' ')[0].split(':')[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

/** npm test's first lines when packages are missing (the tests that need them fail after it); '' when none is. */
export function notice(missing) {
  return missing.length ? `Missing Debian packages the test suite needs: ${missing.join(' ')}. Install them all with:\n  ${installLine()}\n\n` : '';
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const arg = process.argv[2];
  if (arg === '--list') console.log(systemPackages().join('\n'));
  else if (arg === '--missing') console.log(missingPackages().join('\n'));
  else if (arg === '--notice') process.stdout.write(notice(missingPackages()));
  else console.log(installLine());
}
