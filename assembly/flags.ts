// Sticky flag bits (Guard.flags) and the flags of the sample being processed.
import { GUARD_BASE, Guard_flags } from './generated/layout';

/** Flags raised while processing the current sample; returned by step(). */
let sampleFlags: u32 = 0;

export function beginSample(): void { sampleFlags = 0; }
export function sampleResult(): u32 { return sampleFlags; }

export function raiseFlag(bit: u32): void {
  sampleFlags |= bit;
  store<u32>(<usize>(GUARD_BASE + Guard_flags), load<u32>(<usize>(GUARD_BASE + Guard_flags)) | bit);
}
