/**
 * Ed25519 key pairs for signing exports: generation (PKCS#8 / SPKI PEM), reading, fingerprints.
 * The private key file is written with mode 0600 (owner read/write only), the public one 0644;
 * existing files are never overwritten.
 */
import { createPrivateKey, createPublicKey, createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { RecordError } from './errors.ts';
import { rawPublicKey } from './cose.ts';

export interface KeyFiles {
  privatePath: string;
  publicPath: string;
  fingerprint: string;
}

/** SHA-256 of the raw public key, hex: what a buyer compares against the seller's published one. */
export function fingerprint(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function generateKeyFiles(dir: string): KeyFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx': fail when the file exists; mode applies at creation, chmod guards against a umask
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(privatePath, 0o600);
    writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RecordError(code === 'EEXIST' ? `${dir} already holds a key; refusing to overwrite it` : `cannot write keys to ${dir}: ${(err as Error).message}`, 'io', { cause: err });
  }
  return { privatePath, publicPath, fingerprint: fingerprint(rawPublicKey(publicKey)) };
}

function readPem(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > 16 * 1024) throw new RecordError(`${path}: too large for a key file`, 'key');
    return text;
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(`${path}: cannot read the key file`, 'io', { cause: err });
  }
}

export function readPrivateKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readPem(path));
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(`${path}: not a PEM private key`, 'key', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new RecordError(`${path}: a ${key.asymmetricKeyType} key, not Ed25519`, 'key');
  return key;
}

export function readPublicKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readPem(path));
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(`${path}: not a PEM public key`, 'key', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new RecordError(`${path}: a ${key.asymmetricKeyType} key, not Ed25519`, 'key');
  return key;
}
