// Signed exports (COSE_Sign1, Ed25519): a signature verifies with the right key only, and flipping
// any single bit of a signed sample export is detected (every bit is tried).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPairSync } from 'node:crypto';
import { encodeRecord } from '../../../host/record/codec.ts';
import { signPayload, openEnvelope } from '../../../host/record/cose.ts';
import { verifyExport } from '../../../host/record/verify.ts';
import { RecordError } from '../../../host/record/errors.ts';
import { smallRecord } from './sample.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const signed = signPayload(encodeRecord(smallRecord()), privateKey);

test('a signed export verifies with its key, and the signer fingerprint is reported', () => {
  const rep = verifyExport(signed, { publicKey });
  assert.ok(rep.ok, rep.problems.join('; '));
  assert.is(rep.signature_valid, true);
  assert.is(rep.key_matches, true);
  assert.match(rep.signer_fingerprint!, /^[0-9a-f]{64}$/);
  assert.is(rep.serial_number, 'TEST-0001');
});

test('an export signed by another key fails when the expected public key is given', () => {
  const rep = verifyExport(signed, { publicKey: other.publicKey });
  assert.not.ok(rep.ok);
  assert.is(rep.key_matches, false);
  assert.ok(rep.problems.some((p) => /another key/.test(p)));
});

test('an unsigned export fails verification unless unsigned exports are allowed', () => {
  const bare = encodeRecord(smallRecord());
  assert.not.ok(verifyExport(bare).ok);
  assert.ok(verifyExport(bare, { allowUnsigned: true }).ok);
  assert.not.ok(verifyExport(bare, { publicKey, allowUnsigned: true }).ok, 'an expected key needs a signature');
});

test('every single-bit flip of a signed sample export is detected (100 % of bits)', () => {
  assert.ok(signed.length < 1600, `sample export of ${signed.length} bytes`);
  let detected = 0;
  const total = signed.length * 8;
  const copy = new Uint8Array(signed);
  for (let bit = 0; bit < total; bit++) {
    const i = bit >> 3;
    const mask = 1 << (bit & 7);
    copy[i]! ^= mask;
    const rep = verifyExport(copy); // no expected key: the hardest case, the export names its own key
    if (!rep.ok) detected++;
    copy[i]! ^= mask;
  }
  assert.is(detected, total);
});

test('a flipped signature bit fails on the signature, not on parsing', () => {
  const copy = new Uint8Array(signed);
  copy[copy.length - 1]! ^= 1;
  const env = openEnvelope(copy);
  assert.is(env.signatureValid, false);
});

test('an envelope with extra bytes or a non-canonical form is refused with a typed error', () => {
  const longer = new Uint8Array(signed.length + 1);
  longer.set(signed);
  assert.throws(() => openEnvelope(longer), (e: unknown) => e instanceof RecordError && e.code === 'trailing-bytes');
  assert.throws(() => openEnvelope(signed.subarray(0, signed.length - 10)), (e: unknown) => e instanceof RecordError && e.code === 'truncated');
});

test.run();
