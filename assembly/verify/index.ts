// bms-edge verify module: Ed25519 signature verification beside the core, in the same embedded
// profile (no imports, MVP only, one fixed 64 KiB page, no allocation), so that it runs on every
// engine the core runs on. Firmware writes the public key (built into its image) to key_ptr(), the
// 64-byte signature to sig_ptr() and the message to msg_ptr(), then calls verify(len).
// For a parameter block the message is "bms-edge/params/v1" 0x00 || block (host/params/signature.ts).
import { ed25519Verify, KEY, SIG, MSG, MSG_CAPACITY } from './ed25519';

export function key_ptr(): usize { return KEY; }
export function sig_ptr(): usize { return SIG; }
export function msg_ptr(): usize { return MSG; }
export function msg_capacity(): u32 { return MSG_CAPACITY; }

/** 0 valid; 1 message too long, 2 S not below the group order, 3 key not a curve point, 4 signature does not hold. */
export function verify(len: u32): i32 { return ed25519Verify(len); }
