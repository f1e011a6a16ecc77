/**
 * Ed25519 signatures of parameter blocks (node:crypto, keys as PEM: PKCS#8 private, SPKI public).
 *
 * File format (what `bms-edge params build` writes and firmware or `params verify` checks):
 *   block.bin      the parameter block, exactly as the core's params_apply takes it
 *   block.bin.sig  64 bytes: the raw Ed25519 signature of  "bms-edge/params/v1" 0x00 || block.bin
 * The domain prefix keeps a signature made for another purpose with the same key (a passport, a
 * firmware image) from ever verifying as a parameter block, and the reverse.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ParamsError } from './errors.ts';

export const SIGNATURE_DOMAIN = 'bms-edge/params/v1\0';
export const SIGNATURE_BYTES = 64;

function signedMessage(block: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(SIGNATURE_DOMAIN, 'latin1'), block]);
}

export function loadPrivateKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new ParamsError('not a PEM private key (PKCS#8)', 'bad-key', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ParamsError(`private key is ${key.asymmetricKeyType}, expected ed25519`, 'bad-key');
  return key;
}

export function loadPublicKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new ParamsError('not a PEM public key (SPKI)', 'bad-key', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ParamsError(`public key is ${key.asymmetricKeyType}, expected ed25519`, 'bad-key');
  return key;
}

export function signParams(block: Uint8Array, key: KeyObject): Uint8Array {
  return new Uint8Array(sign(null, signedMessage(block), key));
}

/** True only for a 64-byte signature of exactly this block by the key's owner. */
export function verifyParamsSignature(block: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  return verify(null, signedMessage(block), key, signature);
}
