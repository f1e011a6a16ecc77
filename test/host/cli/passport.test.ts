// bms-edge passport: the passport JSON on stdout (schema-valid), or to a file with a report.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../record/cli-capture.ts';
import { validatePassport, validateCatenaxPerformance } from '../../../host/record/passport-validate.ts';
import { EXTENSION } from '../../../host/record/annex-vii.ts';

const dir = mkdtempSync(join(tmpdir(), 'bms-passport-'));

test('passport of a NASA recording prints one schema-valid passport JSON on stdout', async () => {
  const r = await runCli('passport', 'fixtures/B0005', '--identity', 'record/identity.example.json');
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(validatePassport(doc), []);
  assert.is((doc[EXTENSION] as { battery: { serialNumber: string } }).battery.serialNumber, 'NASA-PCoE-B0005');
  assert.is((doc.batteryTechicalProperties as { maximumVoltage: number }).maximumVoltage, 4.2);
});

test('passport of a record with -o writes the file and reports what is not available', async () => {
  assert.is((await runCli('export', 'fixtures/B0005', '-o', join(dir, 'b5.cbor'))).code, 0);
  const out = join(dir, 'passport.json');
  const r = await runCli('passport', join(dir, 'b5.cbor'), '-o', out, '--json');
  assert.is(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as { schema_valid: boolean; not_available: string[] };
  assert.is(rep.schema_valid, true);
  assert.ok(rep.not_available.includes('batteryCondition.stateOfCertifiedEnergy.stateOfCertifiedEnergyValue'));
  assert.equal(validatePassport(JSON.parse(readFileSync(out, 'utf8'))), []);
});

test('--catenax prints the Catena-X performance section, valid against its schema', async () => {
  const r = await runCli('passport', join(dir, 'b5.cbor'), '--catenax');
  assert.is(r.code, 0, r.stderr);
  assert.equal(validateCatenaxPerformance(JSON.parse(r.stdout)), []);
});

test('a corrupt record exits 3 naming the problem; two inputs are a usage error', async () => {
  writeFileSync(join(dir, 'bad.cbor'), Uint8Array.from([0xa1, 0x00]));
  const r = await runCli('passport', join(dir, 'bad.cbor'));
  assert.is(r.code, 3);
  assert.match(r.stderr, /bad\.cbor: truncated/);
  assert.is((await runCli('passport', 'a', 'b')).code, 2);
});

test.run();
