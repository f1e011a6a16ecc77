/**
 * The update example on the Cortex-M4F under QEMU (embed/firmware/update_demo.c: core + Ed25519
 * verifier in one image, public key built in): a correctly signed newer block is applied; a tampered
 * block with its CRC recomputed, a block signed with another key, a truncated signature and an older
 * signed block are refused with their reasons and each refusal is logged by the core; across a
 * reboot with an uptime clock the documented time offset gives a gap where the naive restart gives
 * CLOCK_BACKWARDS.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Flag } from '../../layout/core-layout.ts';
import { ROOT } from '../../scripts/embed-slice.ts';

const ELF = join(ROOT, 'build/embed/update/m4/update.elf');

test('signed updates and a reboot on the Cortex-M4F image: applied, refused and logged as on the host', () => {
  execFileSync('make', ['-C', join(ROOT, 'embed'), '-s', ELF], { stdio: ['ignore', 'ignore', 'inherit'] });
  const r = spawnSync('qemu-system-arm', ['-M', 'mps2-an386', '-nographic', '-semihosting', '-icount', 'shift=0', '-kernel', ELF], { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout}${r.stderr}`;
  assert.is(r.status, 0, out);
  const lines = out.split(/\r?\n/).map((l) => l.trim().split(/\s+/));
  const updates = lines.filter((l) => l[0] === 'update').map((l) => [l[1], Number(l[2])]);
  assert.equal(updates, [['newer-signed', 0], ['tampered-crc-recomputed', 7], ['wrong-key', 7], ['truncated-signature', 7], ['older-signed', 4]]);
  assert.equal(lines.find((l) => l[0] === 'in_force'), ['in_force', '2']);
  const logged = lines.filter((l) => l[0] === 'logged').map((l) => l.slice(1).map(Number));
  assert.equal(logged, [[2, 1, 0], [3, 0, 7], [3, 0, 7], [3, 0, 7], [1, 0, 4]], 'one PARAMS record per update: version, applied, reason');
  const resume = lines.find((l) => l[0] === 'resume_flags')!;
  const resumed = Number(resume[1]);
  const naive = Number(resume[3]);
  assert.is(resumed & Flag.CLOCK_BACKWARDS, 0);
  assert.ok(resumed & Flag.GAP);
  assert.ok(naive & Flag.CLOCK_BACKWARDS);
});

test.run();
