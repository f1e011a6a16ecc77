import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPairSync, sign } from 'node:crypto';
import { loadPrivateKey, loadPublicKey, signParams, verifyParamsSignature } from '../../../host/params/signature.ts';
import { buildUpdateBlock } from '../../../host/params/build.ts';
import { ParamsError } from '../../../host/params/errors.ts';
import { checkParamsBlock } from '../../../host/params/check.ts';
import { Params, layoutStruct } from '../../../layout/core-layout.ts';

const pem = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { priv: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub: publicKey.export({ type: 'spki', format: 'pem' }) as string };
};

function expectParamsError(fn: () => unknown, code: string): void {
  try {
    fn();
    assert.unreachable(`expected ParamsError ${code}`);
  } catch (err) {
    assert.instance(err, ParamsError);
    assert.is((err as ParamsError).code, code);
  }
}

test('a signed block verifies with its public key; any flipped bit of block or signature, or another key, fails', () => {
  const k = pem();
  const block = buildUpdateBlock({ chemistry: 'NMC', version: 3 });
  const sig = signParams(block, loadPrivateKey(k.priv));
  assert.is(sig.length, 64);
  const pub = loadPublicKey(k.pub);
  assert.ok(verifyParamsSignature(block, sig, pub));
  for (let bit = 0; bit < block.length * 8; bit += 97) {
    const b = block.slice();
    b[bit >> 3]! ^= 1 << (bit & 7);
    assert.not.ok(verifyParamsSignature(b, sig, pub), `block bit ${bit}`);
  }
  for (let bit = 0; bit < 512; bit += 31) {
    const s = sig.slice();
    s[bit >> 3]! ^= 1 << (bit & 7);
    assert.not.ok(verifyParamsSignature(block, s, pub), `signature bit ${bit}`);
  }
  assert.not.ok(verifyParamsSignature(block, sig.subarray(0, 63), pub));
  assert.not.ok(verifyParamsSignature(block, sig, loadPublicKey(pem().pub)));
});

test('a plain Ed25519 signature of the block bytes (no domain prefix) does not verify as a parameter signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const block = buildUpdateBlock({ chemistry: 'LFP', version: 2 });
  assert.not.ok(verifyParamsSignature(block, new Uint8Array(sign(null, block, privateKey)), publicKey));
});

test('keys that are not Ed25519 PEM are refused with bad-key', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  expectParamsError(() => loadPrivateKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' })), 'bad-key');
  expectParamsError(() => loadPublicKey(ec.publicKey.export({ type: 'spki', format: 'pem' })), 'bad-key');
  expectParamsError(() => loadPrivateKey('not a key'), 'bad-key');
  expectParamsError(() => loadPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'), 'bad-key');
});

test('build applies --set values (OCV points included) and refuses unknown names, non-integers for u32 fields and blocks the core would refuse', () => {
  const F = layoutStruct(Params).fields;
  const block = buildUpdateBlock({ chemistry: 'NMC', version: 9, ratedCapacity_Ah: 50, seriesCells: 16, set: { 'ocv_V.0': 2.6, r_lambda: 0.98, r_bol_events: 7 } });
  const dv = new DataView(block.buffer);
  assert.is(dv.getFloat32(F.ocv_V!.offset, true), Math.fround(2.6));
  assert.is(dv.getFloat32(F.r_lambda!.offset, true), Math.fround(0.98));
  assert.is(dv.getUint32(F.r_bol_events!.offset, true), 7);
  assert.is(dv.getUint32(F.series_cells!.offset, true), 16);
  assert.is(dv.getFloat32(F.rated_capacity_Ah!.offset, true), 50);
  assert.is(dv.getUint32(F.version!.offset, true), 9);
  assert.is(checkParamsBlock(block).reason, 0);
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 2, set: { no_such: 1 } }), 'unknown-field');
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 2, set: { version: 1 } }), 'unknown-field');
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 2, set: { r_bol_events: 2.5 } }), 'bad-value');
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 2, set: { r_lambda: 1.5 } }), 'bad-value');
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 2, set: { 'ocv_V.5': 4.5 } }), 'bad-value');
  expectParamsError(() => buildUpdateBlock({ chemistry: 'NMC', version: 0 }), 'bad-value');
});

test.run();
