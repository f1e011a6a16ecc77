/**
 * The device's signature check, run on the host: build/verify.wasm (assembly/verify/, the module the
 * firmware runs beside the core) loaded in Node. `bms-edge monitor` and the simulated device check a
 * parameter block with it exactly as firmware does, so host and device can never disagree.
 */
import { readFileSync, existsSync } from 'node:fs';
import { packagePath } from '../package-root.ts';
import { SIGNATURE_BYTES, SIGNATURE_DOMAIN } from './signature.ts';
import { ParamsError } from './errors.ts';

export const VERIFY_WASM_PATH = packagePath('build/verify.wasm');

/** verify() results of the module (assembly/verify/ed25519.ts), plus the wrapper's own length check. */
export const VERIFY_RESULT: Readonly<Record<number, string>> = {
  0: 'valid',
  1: 'message longer than the buffer',
  2: 'S is not below the group order (non-canonical)',
  3: 'public key is not a curve point',
  4: 'signature does not hold',
  5: 'signature is not 64 bytes',
};

interface VerifyExports {
  memory: WebAssembly.Memory;
  key_ptr(): number;
  sig_ptr(): number;
  msg_ptr(): number;
  msg_capacity(): number;
  verify(len: number): number;
}

const compiled = new Map<string, WebAssembly.Module>();

function compile(path: string): WebAssembly.Module {
  let mod = compiled.get(path);
  if (!mod) {
    if (!existsSync(path)) throw new ParamsError(`${path} not found: run 'npm run build' first`, 'bad-value');
    mod = new WebAssembly.Module(readFileSync(path));
    compiled.set(path, mod);
  }
  return mod;
}

/** One instance of the device's verifier (64 KiB, no imports). */
export class DeviceVerifier {
  private readonly x: VerifyExports;

  constructor(path = VERIFY_WASM_PATH) {
    this.x = new WebAssembly.Instance(compile(path), {}).exports as unknown as VerifyExports;
  }

  /** Ed25519 verification of `message` with a raw 32-byte public key: 0 valid, else a VERIFY_RESULT code. */
  verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): number {
    if (publicKey.length !== 32) throw new ParamsError(`public key of ${publicKey.length} B: expected 32`, 'bad-key');
    if (signature.length !== SIGNATURE_BYTES) return 5;
    if (message.length > this.x.msg_capacity()) return 1;
    const mem = new Uint8Array(this.x.memory.buffer);
    mem.set(publicKey, this.x.key_ptr());
    mem.set(signature, this.x.sig_ptr());
    mem.set(message, this.x.msg_ptr());
    return this.x.verify(message.length);
  }

  /** The parameter-block check firmware makes: the signature of "bms-edge/params/v1" 0x00 || block. */
  verifyParams(publicKey: Uint8Array, block: Uint8Array, signature: Uint8Array): number {
    return this.verify(publicKey, signature, Buffer.concat([Buffer.from(SIGNATURE_DOMAIN, 'latin1'), block]));
  }
}
