/**
 * The device's Ed25519 verifier (build/verify.wasm, assembly/verify/) against three independent
 * references: the RFC 8032 section 7.1 test vectors, the public Wycheproof EdDSA vectors
 * (fixtures/wycheproof, Apache-2.0), and Node's crypto (OpenSSL) as an oracle on 10,000 random keys
 * and messages, each signature also mutated (bit flips in R and S, S + L and other non-canonical S,
 * small-order points as R and as the public key, truncation). Every verdict must equal the oracle's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { DeviceVerifier } from '../../../host/params/device-verify.ts';
import { Seeded } from '../../host/storage/helpers.ts';

const dv = new DeviceVerifier();
const hex = (s: string) => Buffer.from(s, 'hex');
const SPKI_PREFIX = hex('302a300506032b6570032100');
const PKCS8_PREFIX = hex('302e020100300506032b657004220420');
const publicKeyOf = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const rawOf = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');

/** Node's verdict; a public key OpenSSL cannot even import counts as invalid. */
function oracle(pub: Uint8Array, sig: Uint8Array, msg: Uint8Array): boolean {
  let key: KeyObject;
  try {
    key = publicKeyOf(pub);
  } catch {
    return false;
  }
  try {
    return verify(null, msg, key, sig);
  } catch {
    return false;
  }
}

test('RFC 8032 section 7.1 vectors (TEST 1, 2, 3, SHA(abc)): signatures from the secret keys match and verify', () => {
  const vectors = [
    ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '', 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
    ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72', '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
    ['c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82', '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
  ] as const;
  for (const [sk, pk, msg, sig] of vectors) {
    const priv = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, hex(sk)]), format: 'der', type: 'pkcs8' });
    assert.is(rawOf(createPublicKey(priv)).toString('hex'), pk, 'the vector is transcribed correctly (public key)');
    assert.is(sign(null, hex(msg), priv).toString('hex'), sig, 'the vector is transcribed correctly (deterministic signature)');
    assert.is(dv.verify(hex(pk), hex(sig), hex(msg)), 0, `TEST pk ${pk.slice(0, 8)}`);
    const bad = hex(sig);
    bad[10]! ^= 1;
    assert.is(dv.verify(hex(pk), bad, hex(msg)), 4);
  }
  // SHA(abc): the 64-byte message is SHA-512("abc"); signature and key from RFC 8032 7.1
  const abc = hex('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, hex('833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42')]), format: 'der', type: 'pkcs8' });
  const pk = rawOf(createPublicKey(priv));
  assert.is(pk.toString('hex'), 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf');
  assert.is(dv.verify(pk, sign(null, abc, priv), abc), 0);
});

interface Wycheproof { pk: string; tests: { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid'; comment: string }[] }

test('Wycheproof EdDSA vectors (fixtures/wycheproof/ed25519_test.json): every verdict as expected, and as Node says', () => {
  const w = JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/wycheproof/ed25519_test.json'), 'utf8')) as Wycheproof;
  assert.ok(w.tests.length >= 69);
  let valid = 0;
  for (const t of w.tests) {
    const ok = dv.verify(hex(w.pk), hex(t.sig), hex(t.msg)) === 0;
    assert.is(ok, t.result === 'valid', `tcId ${t.tcId} (${t.comment})`);
    assert.is(oracle(hex(w.pk), hex(t.sig), hex(t.msg)), ok, `tcId ${t.tcId}: Node agrees`);
    if (ok) valid++;
  }
  assert.is(valid, w.tests.filter((t) => t.result === 'valid').length);
});

// the 8 small-order points (orders 1, 2, 4, 8) as encodings, and non-canonical encodings of some
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p + 1 (non-canonical 1)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // y = p, sign bit set
  '0100000000000000000000000000000000000000000000000000000000000080', // identity with the sign bit
].map(hex);
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const le = (n: bigint): Buffer => { const b = Buffer.alloc(32); for (let i = 0; i < 32; i++) b[i] = Number((n >> BigInt(8 * i)) & 0xffn); return b; };
const fromLe = (b: Uint8Array): bigint => b.reduce((acc, x, i) => acc + (BigInt(x) << BigInt(8 * i)), 0n);

test('10,000 random keys and messages, each signature valid and mutated (R and S bit flips, S + L, S = L, small-order R and A, truncation): the device verdict equals Node\'s on every one', () => {
  const seeded = new Seeded(8032);
  const rng = { next: () => seeded.u32() / 4294967296 };
  const keys = Array.from({ length: 50 }, () => generateKeyPairSync('ed25519'));
  const counts = { checked: 0, valid: 0 };
  const disagree: string[] = [];
  const check = (what: string, pub: Uint8Array, sig: Uint8Array, msg: Uint8Array) => {
    const device = dv.verify(pub, sig, msg) === 0;
    const node = sig.length === 64 && oracle(pub, sig, msg);
    counts.checked++;
    if (device) counts.valid++;
    if (device !== node && disagree.length < 10) disagree.push(`${what}: device ${device}, node ${node}`);
  };
  for (let n = 0; n < 10000; n++) {
    const { privateKey, publicKey } = keys[n % keys.length]!;
    const pub = rawOf(publicKey);
    const msg = Buffer.from(Array.from({ length: Math.floor(rng.next() * 300) }, () => Math.floor(rng.next() * 256)));
    const sig = sign(null, msg, privateKey);
    check('valid', pub, sig, msg);
    const kind = n % 8;
    const m = Buffer.from(sig);
    if (kind === 0) m[Math.floor(rng.next() * 32)]! ^= 1 << Math.floor(rng.next() * 8); // bit flip in R
    else if (kind === 1) m[32 + Math.floor(rng.next() * 32)]! ^= 1 << Math.floor(rng.next() * 8); // bit flip in S
    else if (kind === 2) le(fromLe(sig.subarray(32)) + L).copy(m, 32); // S + L: the same point, non-canonical S
    else if (kind === 3) le(L + BigInt(Math.floor(rng.next() * 1000))).copy(m, 32); // S in [L, L + 1000)
    else if (kind === 4) SMALL_ORDER[n % SMALL_ORDER.length]!.copy(m, 0); // small-order R
    else if (kind === 5) { // small-order public key, with R = identity and S = 0 or a random S
      const a = SMALL_ORDER[n % SMALL_ORDER.length]!;
      const s = Buffer.concat([SMALL_ORDER[0]!, rng.next() < 0.5 ? Buffer.alloc(32) : le(BigInt(Math.floor(rng.next() * 1e9)))]);
      check('small-order key', a, s, msg);
      continue;
    } else if (kind === 6) { check('truncated', pub, sig.subarray(0, 32 + Math.floor(rng.next() * 32)), msg); continue; }
    else if (msg.length) msg[Math.floor(rng.next() * msg.length)]! ^= 1; // another message
    else m[0]! ^= 0x80;
    check(`mutation ${kind}`, pub, m, msg);
  }
  assert.equal(disagree, []);
  assert.ok(counts.checked >= 20000 && counts.valid >= 10000, `${counts.checked} checked, ${counts.valid} valid`);
});

test('a key that is not a curve point is refused with reason 3, a message over the buffer with 1', () => {
  // y = 2 is not the y of any curve point
  const y2 = Buffer.alloc(32);
  y2[0] = 2;
  assert.is(dv.verify(y2, Buffer.alloc(64), Buffer.alloc(0)), 3);
  assert.is(dv.verify(y2, Buffer.alloc(64), Buffer.alloc(5000)), 1);
});

test.run();
