/**
 * Signed exports: a COSE_Sign1 envelope (RFC 9052, CBOR tag 18) around the encoded record, EdDSA
 * with Ed25519 (node:crypto). Protected header {1 (alg): -8 (EdDSA), 4 (kid): the signer's raw
 * 32-byte public key}; unprotected header empty; signature over Sig_structure
 * ["Signature1", protected, h'', payload]. The envelope must be in the exact deterministic form
 * this module writes (re-encoded and compared byte for byte), so no bit outside the signed bytes
 * can change without detection either.
 */
import { createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { Encoder } from 'cbor-x';
import { scanCbor, DEFAULT_LIMITS, type Item, type ScanLimits } from './cbor-scan.ts';
import { RecordError } from './errors.ts';

const COSE_SIGN1_TAG = 18;
const ALG = 1;
const KID = 4;
const EDDSA = -8;

const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, pack: false });
const cbor = (v: unknown): Uint8Array => new Uint8Array(encoder.encode(v));

/** Raw 32-byte Ed25519 public key of a key object (private or public). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== 'ed25519') throw new RecordError(`key is ${pub.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`, 'key');
  const x = pub.export({ format: 'jwk' }).x;
  return new Uint8Array(Buffer.from(x ?? '', 'base64url'));
}

/** Key objects of recently seen raw keys (verifying many exports of one signer builds it once). */
const keyCache = new Map<string, KeyObject>();

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  const x = Buffer.from(raw).toString('base64url');
  let key = keyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keyCache.size >= 8) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(x, key);
  }
  return key;
}

function protectedHeader(raw: Uint8Array): Uint8Array {
  return cbor(new Map<number, unknown>([[ALG, EDDSA], [KID, raw]]));
}

function toBeSigned(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

function envelope(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  const body = cbor([protectedBytes, new Map(), payload, signature]);
  const out = new Uint8Array(body.length + 1);
  out[0] = 0xc0 | COSE_SIGN1_TAG; // tag 18 fits in the initial byte
  out.set(body, 1);
  return out;
}

export function signPayload(payload: Uint8Array, privateKey: KeyObject): Uint8Array {
  if (privateKey.type !== 'private') throw new RecordError('signing needs a private key', 'key');
  const raw = rawPublicKey(privateKey);
  const prot = protectedHeader(raw);
  const sig = new Uint8Array(edSign(null, toBeSigned(prot, payload), privateKey));
  return envelope(prot, payload, sig);
}

export function isSigned(bytes: Uint8Array): boolean {
  return bytes[0] === (0xc0 | COSE_SIGN1_TAG);
}

export interface OpenedEnvelope {
  payload: Uint8Array;
  /** Raw public key the envelope names (kid). */
  signer: Uint8Array;
  /** True when the signature verifies with `signer`. */
  signatureValid: boolean;
}

const bstrOf = (it: Item | undefined, what: string): Uint8Array => {
  if (it?.t !== 'bstr') throw new RecordError(`COSE_Sign1: ${what} is not a byte string`, 'signature');
  return it.v;
};

/** Parses a COSE_Sign1 export and checks its signature against the key it names. */
export function openEnvelope(bytes: Uint8Array, limits: ScanLimits = DEFAULT_LIMITS): OpenedEnvelope {
  const { item, tag } = scanCbor(bytes, limits, COSE_SIGN1_TAG);
  if (tag !== COSE_SIGN1_TAG) throw new RecordError('not a COSE_Sign1 envelope (no tag 18)', 'signature');
  if (item.t !== 'array' || item.v.length !== 4) throw new RecordError('COSE_Sign1: expected an array of 4', 'signature');
  const prot = bstrOf(item.v[0], 'the protected header');
  const unprot = item.v[1];
  if (unprot?.t !== 'map' || unprot.v.length !== 0) throw new RecordError('COSE_Sign1: the unprotected header must be empty', 'signature');
  const payload = bstrOf(item.v[2], 'the payload');
  const signature = bstrOf(item.v[3], 'the signature');
  const header = scanCbor(prot, limits).item;
  if (header.t !== 'map' || header.v.length !== 2) throw new RecordError('COSE_Sign1: the protected header must hold alg and kid', 'signature');
  const alg = header.v.find(([k]) => k.t === 'uint' && k.v === ALG)?.[1];
  const kid = header.v.find(([k]) => k.t === 'uint' && k.v === KID)?.[1];
  if (alg?.t !== 'nint' || alg.v !== EDDSA) throw new RecordError('COSE_Sign1: algorithm is not EdDSA (-8)', 'signature');
  const signer = bstrOf(kid, 'the key id');
  if (signer.length !== 32) throw new RecordError(`COSE_Sign1: key id of ${signer.length} bytes, an Ed25519 key has 32`, 'signature');
  if (signature.length !== 64) throw new RecordError(`COSE_Sign1: signature of ${signature.length} bytes, Ed25519 gives 64`, 'signature');
  const canonical = envelope(protectedHeader(signer), payload, signature);
  if (Buffer.compare(Buffer.from(canonical), Buffer.from(bytes)) !== 0) throw new RecordError('COSE_Sign1: envelope is not in its deterministic form', 'signature');
  let valid: boolean;
  try {
    valid = edVerify(null, toBeSigned(prot, payload), publicKeyFromRaw(signer), signature);
  } catch {
    valid = false; // a 32-byte string that is not a curve point
  }
  return { payload, signer, signatureValid: valid };
}
