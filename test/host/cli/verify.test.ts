// bms-edge verify: exit 0 when the signature and the content hold, 1 with the reason otherwise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../record/cli-capture.ts';
import { encodeRecord } from '../../../host/record/codec.ts';
import { signPayload } from '../../../host/record/cose.ts';
import { readPrivateKey } from '../../../host/record/signing-keys.ts';
import { logCrc } from '../../../host/record/device-bytes.ts';
import { smallRecord } from '../record/sample.ts';

const dir = mkdtempSync(join(tmpdir(), 'bms-verify-'));
const file = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

test('a signed export verifies (exit 0) with its public key; --json gives one document', async () => {
  assert.is((await runCli('keygen', join(dir, 'k1'))).code, 0);
  assert.is((await runCli('keygen', join(dir, 'k2'))).code, 0);
  const signed = file('ok.cbor', signPayload(encodeRecord(smallRecord()), readPrivateKey(join(dir, 'k1/private.pem'))));
  let r = await runCli('verify', signed, '--pub', join(dir, 'k1/public.pem'));
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /OK\n\s+signature\s+valid.*the expected key/);
  r = await runCli('verify', signed, '--json');
  const doc = JSON.parse(r.stdout) as { ok: boolean; signature_valid: boolean; problems: string[] };
  assert.is(doc.ok, true);
  assert.is(doc.signature_valid, true);
});

test('a tampered export, another signer and an unsigned export each exit 1 with the reason', async () => {
  const signed = readFileSync(join(dir, 'ok.cbor'));
  const tampered = new Uint8Array(signed);
  tampered[200]! ^= 0x04;
  let r = await runCli('verify', file('tampered.cbor', tampered));
  assert.is(r.code, 1);
  assert.match(r.stdout, /FAILED[\s\S]*signature does not verify|FAILED[\s\S]*problem/);
  r = await runCli('verify', join(dir, 'ok.cbor'), '--pub', join(dir, 'k2/public.pem'));
  assert.is(r.code, 1);
  assert.match(r.stdout, /another key/);
  const bare = file('bare.cbor', encodeRecord(smallRecord()));
  r = await runCli('verify', bare);
  assert.is(r.code, 1);
  assert.match(r.stdout, /not signed/);
  assert.is((await runCli('verify', bare, '--allow-unsigned')).code, 0);
});

test('content that does not hold fails even with a valid signature: a bad log CRC, an undeclared gap', async () => {
  const rec = smallRecord();
  rec.log.records[1]!.a += 1; // CRC no longer matches
  const key = readPrivateKey(join(dir, 'k1/private.pem'));
  let r = await runCli('verify', file('crc.cbor', signPayload(encodeRecord(rec), key)));
  assert.is(r.code, 1);
  assert.match(r.stdout, /log record \d+: CRC-32 does not match/);
  const gap = smallRecord();
  gap.log.records.splice(2, 1);
  gap.log.records.forEach((e) => (e.crc32 = logCrc(e)));
  r = await runCli('verify', file('gap.cbor', signPayload(encodeRecord(gap), key)), '--json');
  assert.is(r.code, 1);
  assert.match(JSON.parse(r.stdout).problems.join(), /log gaps 3 differ from the declared lost ranges none/);
});

test('a missing file exits 3; no file is a usage error (exit 2)', async () => {
  assert.is((await runCli('verify', join(dir, 'none.cbor'))).code, 3);
  assert.is((await runCli('verify')).code, 2);
});

test.run();
