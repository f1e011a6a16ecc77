// The params command: build writes a block the core applies plus a detached Ed25519 signature;
// verify reports the core's checks and the signature, with exit codes 0 / 1 / 2 / 3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../host/core/core.ts';
import { crc32 } from '../../../layout/presets.ts';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), 'params', ...args], { cwd: root, encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'bms-params-'));
const keys = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, `${name}.key.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, `${name}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }));
  return { key: join(dir, `${name}.key.pem`), pub: join(dir, `${name}.pub.pem`) };
};
const a = keys('a');
const b = keys('b');
const blockPath = join(dir, 'block.bin');

test('build writes block + .sig; verify --json passes every check; the core applies the block', () => {
  const r = cli('build', '--chemistry', 'LFP', '--version', '7', '--rated-capacity', '100', '--series-cells', '16', '--set', 'r_lambda=0.97', '--key', a.key, '-o', blockPath, '--json');
  assert.is(r.status, 0, r.stderr);
  const built = JSON.parse(r.stdout);
  assert.is(built.version, 7);
  assert.is(readFileSync(`${blockPath}.sig`).length, 64);
  const v = cli('verify', blockPath, '--pub', a.pub, '--in-force-version', '6', '--json');
  assert.is(v.status, 0, v.stdout + v.stderr);
  const doc = JSON.parse(v.stdout);
  assert.is(doc.ok, true);
  assert.equal(doc.checks.map((c: { name: string }) => c.name), ['magic', 'size', 'crc', 'end marker', 'version', 'ranges', 'signature']);
  const core = Core.create({ chemistry: 'LFP', version: 6 });
  assert.is(core.applyParams(new Uint8Array(readFileSync(blockPath))), 0);
  assert.is(core.snapshot().params_version, 7);
});

test('verify without --in-force-version says that a rollback was not checked (text and JSON)', () => {
  assert.is(cli('build', '--chemistry', 'NMC', '--version', '3', '--key', a.key, '-o', join(dir, 'old.bin')).status, 0);
  const t = cli('verify', join(dir, 'old.bin'), '--pub', a.pub);
  assert.is(t.status, 0, t.stderr);
  assert.match(t.stdout, /rollback NOT checked/);
  assert.match(t.stdout, /verified \(NMC version 3; rollback not checked\)/);
  const j = JSON.parse(cli('verify', join(dir, 'old.bin'), '--pub', a.pub, '--json').stdout);
  assert.is(j.rollbackChecked, false);
  const k = JSON.parse(cli('verify', join(dir, 'old.bin'), '--pub', a.pub, '--in-force-version', '2', '--json').stdout);
  assert.is(k.rollbackChecked, true);
});

test('verify fails (exit 1) on a tampered block, even with its CRC recomputed, on another key, and on an older version', () => {
  const good = readFileSync(blockPath);
  const tampered = Buffer.from(good);
  tampered[40]! ^= 0x10;
  const tPath = join(dir, 'tampered.bin');
  writeFileSync(tPath, tampered);
  let v = cli('verify', tPath, '--pub', a.pub, '--sig', `${blockPath}.sig`, '--json');
  assert.is(v.status, 1);
  let doc = JSON.parse(v.stdout);
  assert.is(doc.coreReason, 3);
  assert.is(doc.checks.find((c: { name: string }) => c.name === 'signature').ok, false);
  tampered.writeUInt32LE(crc32(tampered.subarray(4)), 0); // now a block the core would take: only the signature stands in the way
  writeFileSync(tPath, tampered);
  v = cli('verify', tPath, '--pub', a.pub, '--sig', `${blockPath}.sig`);
  assert.is(v.status, 1);
  assert.match(v.stdout, /ok\s+crc/);
  assert.match(v.stdout, /FAIL signature/);
  v = cli('verify', blockPath, '--pub', b.pub);
  assert.is(v.status, 1);
  assert.match(v.stdout, /FAIL signature/);
  v = cli('verify', blockPath, '--pub', a.pub, '--in-force-version', '7', '--json');
  assert.is(v.status, 1);
  doc = JSON.parse(v.stdout);
  assert.is(doc.coreReason, 4);
});

test('build refuses a value the core would refuse (exit 2, nothing written); missing key file exits 3; --help exits 0', () => {
  const out = join(dir, 'bad.bin');
  const r = cli('build', '--chemistry', 'NMC', '--version', '2', '--set', 'charge_efficiency=1.2', '--key', a.key, '-o', out);
  assert.is(r.status, 2);
  assert.match(r.stderr, /charge_efficiency/);
  assert.not.ok(existsSync(out) || existsSync(`${out}.sig`));
  assert.is(cli('build', '--chemistry', 'NMC', '--version', '2', '--key', join(dir, 'none.pem'), '-o', out).status, 3);
  assert.is(cli('verify', blockPath, '--pub', blockPath).status, 3, 'a file that is not a PEM key');
  const h = cli('--help');
  assert.is(h.status, 0);
  assert.match(h.stdout, /params build/);
});

test.run();
