// bms-edge keygen <dir>: an Ed25519 pair as PKCS#8 / SPKI PEM, the private key readable by its owner only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { runCli } from '../record/cli-capture.ts';

const base = mkdtempSync(join(tmpdir(), 'bms-keygen-'));

test('keygen writes private.pem (mode 0600, PKCS#8 Ed25519) and public.pem (SPKI) and prints the fingerprint', async () => {
  const dir = join(base, 'keys');
  const r = await runCli('keygen', dir, '--json');
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { private_key: string; public_key: string; fingerprint_sha256: string };
  assert.match(doc.fingerprint_sha256, /^[0-9a-f]{64}$/);
  assert.is(statSync(join(dir, 'private.pem')).mode & 0o777, 0o600);
  const priv = readFileSync(join(dir, 'private.pem'), 'utf8');
  assert.match(priv, /^-----BEGIN PRIVATE KEY-----/);
  assert.is(createPrivateKey(priv).asymmetricKeyType, 'ed25519');
  const pub = readFileSync(join(dir, 'public.pem'), 'utf8');
  assert.match(pub, /^-----BEGIN PUBLIC KEY-----/);
  assert.is(createPublicKey(pub).asymmetricKeyType, 'ed25519');
});

test('keygen refuses to overwrite an existing key (exit 3) and leaves it unchanged', async () => {
  const dir = join(base, 'keys');
  const before = readFileSync(join(dir, 'private.pem'));
  const r = await runCli('keygen', dir);
  assert.is(r.code, 3);
  assert.match(r.stderr, /refusing to overwrite/);
  assert.equal(readFileSync(join(dir, 'private.pem')), before);
});

test('keygen without a directory is a usage error (exit 2)', async () => {
  const r = await runCli('keygen');
  assert.is(r.code, 2);
  assert.match(r.stderr, /Usage: bms-edge keygen/);
});

test.run();
