/**
 * Applying a signed parameter block the way the device does: the Ed25519 signature is checked by the
 * device's own verifier (build/verify.wasm) with the public key built into the device, and only then
 * does params_apply() see the block. A block with no, a truncated or a bad signature is refused and
 * logged by the core with reason 7 (PARAMS_REASON_BAD_SIGNATURE); the block in force stays.
 */
import type { Core } from '../core/core.ts';
import { ParamsReason } from '../../layout/param-ranges.ts';
import { DeviceVerifier } from './device-verify.ts';

let shared: DeviceVerifier | undefined;

/** 0 applied; else the core's reason code (7 = signature, 1..6 = the core's own checks). */
export function applySignedParams(core: Core, block: Uint8Array, signature: Uint8Array | undefined, publicKey: Uint8Array, verifier?: DeviceVerifier): number {
  const v = verifier ?? (shared ??= new DeviceVerifier());
  if (!signature || v.verifyParams(publicKey, block, signature) !== 0) return core.refuseParams(block, ParamsReason.BAD_SIGNATURE);
  return core.applyParams(block);
}
