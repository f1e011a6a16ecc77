// bms-edge export: a recording or records to a CBOR export (signed with --key) or its JSON form;
// several records of one battery are merged; a bad input writes nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../record/cli-capture.ts';
import { verifyExport } from '../../../host/record/verify.ts';
import { jsonToRecord, encodeRecord } from '../../../host/record/codec.ts';
import { readPublicKey } from '../../../host/record/signing-keys.ts';
import { recordFromCore } from '../../../host/record/build.ts';
import { drive, newCore } from '../record/sample.ts';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'bms-export-'));
const keys = join(dir, 'keys');

test('export of a NASA recording, signed: the real CLI writes a CBOR export that verifies with the public key', async () => {
  assert.is((await runCli('keygen', keys)).code, 0);
  const out = join(dir, 'b5.cbor');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), 'export', 'fixtures/B0005', '-o', out, '--key', join(keys, 'private.pem'), '--identity', 'record/identity.example.json', '--json'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as { signed: boolean; serial_number: string; log_records: number };
  assert.is(rep.signed, true);
  assert.is(rep.serial_number, 'NASA-PCoE-B0005');
  const v = verifyExport(new Uint8Array(readFileSync(out)), { publicKey: readPublicKey(join(keys, 'public.pem')) });
  assert.ok(v.ok, v.problems.join('; '));
  assert.is(v.log_records, rep.log_records);
});

test('export to .json writes the JSON form, which reads back to the same record', async () => {
  const r = await runCli('export', join(dir, 'b5.cbor'), '-o', join(dir, 'b5.json'));
  assert.is(r.code, 0, r.stderr);
  const rec = jsonToRecord(readFileSync(join(dir, 'b5.json'), 'utf8'));
  assert.is(rec.identity.serial_number, 'NASA-PCoE-B0005');
  assert.match(r.stdout, /json record of NASA-PCoE-B0005/);
});

test('--key with a .json output is a usage error (exit 2); a missing recording exits 3 naming it', async () => {
  assert.is((await runCli('export', 'fixtures/B0005', '-o', join(dir, 'x.json'), '--key', join(keys, 'private.pem'))).code, 2);
  const r = await runCli('export', 'no/such/cell', '-o', join(dir, 'x.cbor'));
  assert.is(r.code, 3);
  assert.match(r.stderr, /no\/such\/cell/);
  assert.not.ok(existsSync(join(dir, 'x.cbor')));
});

test('several exports of one battery merge; --append with a bad input leaves the file unchanged', async () => {
  const core = newCore(60);
  const ctx = (at: string) => ({ exportedAt: at, sourceName: 'x', config: { identity: { serial_number: 'SN-7' } } });
  let t = drive(core, 1);
  writeFileSync(join(dir, 'a.cbor'), encodeRecord(recordFromCore(core, ctx('2026-01-01T00:00:00Z'))));
  t = drive(core, 5, t);
  writeFileSync(join(dir, 'b.cbor'), encodeRecord(recordFromCore(core, ctx('2026-01-02T00:00:00Z'))));
  drive(core, 1, t);
  writeFileSync(join(dir, 'c.cbor'), encodeRecord(recordFromCore(core, ctx('2026-01-03T00:00:00Z'))));
  const store = join(dir, 'store.cbor');
  let r = await runCli('export', join(dir, 'a.cbor'), join(dir, 'b.cbor'), '-o', store, '--json');
  assert.is(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as { merge_issues: { kind: string }[]; lost: number[][] };
  assert.equal(rep.merge_issues.map((i) => i.kind), ['overwritten']);
  r = await runCli('export', join(dir, 'c.cbor'), '-o', store, '--append');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /merge overwritten seq/);
  const before = readFileSync(store);
  writeFileSync(join(dir, 'bad.cbor'), before.subarray(0, 100));
  r = await runCli('export', join(dir, 'bad.cbor'), '-o', store, '--append');
  assert.is(r.code, 3);
  assert.match(r.stderr, /bad\.cbor.*truncated/);
  assert.equal(readFileSync(store), before);
});

test.run();
