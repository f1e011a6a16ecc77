// The parameter block: loading a preset, validating a staged block, switching atomically.
// A block is accepted only when magic, size, CRC and every value range hold; otherwise the block
// in force is untouched and the reason code is returned.
import {
  PARAMS_BASE, PARAMS_STAGING_BASE, PARAMS_SIZE, PARAMS_BODY_OFFSET, MAGIC_PARAMS,
  Params_crc32, Params_magic, Params_size_bytes, Params_version, Params_end_marker, PARAMS_END_MARKER,
  RANGE_WORDS, RANGE_U32, RANGE_MIN_OPEN, RANGE_MAX_OPEN, RANGE_NON_DECREASING, RANGE_SKIP,
  PARAMS_REASON_OK, PARAMS_REASON_BAD_MAGIC, PARAMS_REASON_BAD_SIZE, PARAMS_REASON_BAD_CRC, PARAMS_REASON_OLD_VERSION,
  PARAMS_REASON_OUT_OF_RANGE, PARAMS_REASON_BAD_CHEMISTRY,
} from '../generated/layout';
import { RANGE_MIN, RANGE_MAX, RANGE_FLAGS } from '../generated/ranges';
import { PRESETS, PRESET_COUNT } from '../generated/presets';
import { copyWords } from '../util/mem';
import { crc32 } from '../util/crc32';

/** Reason codes of a refused block (0 = accepted): layout/param-ranges.ts ParamsReason. */
export const PARAMS_OK: i32 = PARAMS_REASON_OK;
export const PARAMS_BAD_MAGIC: i32 = PARAMS_REASON_BAD_MAGIC;
export const PARAMS_BAD_SIZE: i32 = PARAMS_REASON_BAD_SIZE;
export const PARAMS_BAD_CRC: i32 = PARAMS_REASON_BAD_CRC;
export const PARAMS_OLD_VERSION: i32 = PARAMS_REASON_OLD_VERSION;
export const PARAMS_OUT_OF_RANGE: i32 = PARAMS_REASON_OUT_OF_RANGE;
export const PARAMS_BAD_CHEMISTRY: i32 = PARAMS_REASON_BAD_CHEMISTRY;

/** Copies preset `chem` into the staging area; returns PARAMS_BAD_CHEMISTRY for an unknown id. */
export function stagePreset(chem: i32): i32 {
  if (chem < 0 || <u32>chem >= PRESET_COUNT) return PARAMS_BAD_CHEMISTRY;
  copyWords(PARAMS_STAGING_BASE, <u32>PRESETS + <u32>chem * PARAMS_SIZE, PARAMS_SIZE);
  return PARAMS_OK;
}

/**
 * Range checks on a block at `b`: every word against the generated table (layout/param-ranges.ts),
 * compared in f32 (u32 fields as unsigned integers); NaN fails every comparison.
 */
export function paramsInRange(b: u32): bool {
  let prev: f32 = 0;
  for (let w: u32 = 0; w < RANGE_WORDS; w++) {
    const flags = <u32>load<u8>(RANGE_FLAGS + w);
    if ((flags & RANGE_SKIP) != 0) continue;
    const at = <usize>(b + PARAMS_BODY_OFFSET + (w << 2));
    const v: f32 = (flags & RANGE_U32) != 0 ? <f32>load<u32>(at) : load<f32>(at);
    const lo = load<f32>(RANGE_MIN + (w << 2));
    const hi = load<f32>(RANGE_MAX + (w << 2));
    if ((flags & RANGE_MIN_OPEN) != 0 ? !(v > lo) : !(v >= lo)) return false;
    if ((flags & RANGE_MAX_OPEN) != 0 ? !(v < hi) : !(v <= hi)) return false;
    if ((flags & RANGE_NON_DECREASING) != 0 && v < prev) return false;
    prev = v;
  }
  return true;
}

/**
 * Validates the staged block. `requireNewer`: its version must exceed the block in force
 * (over-the-air updates); init paths pass false.
 */
export function validateStaged(requireNewer: bool): i32 {
  const b = PARAMS_STAGING_BASE;
  if (load<u32>(<usize>(b + Params_magic)) != MAGIC_PARAMS) return PARAMS_BAD_MAGIC;
  if (load<u32>(<usize>(b + Params_size_bytes)) != PARAMS_SIZE) return PARAMS_BAD_SIZE;
  if (crc32(b + PARAMS_BODY_OFFSET, PARAMS_SIZE - PARAMS_BODY_OFFSET) != load<u32>(<usize>(b + Params_crc32))) return PARAMS_BAD_CRC;
  // the last word is a fixed marker, so a truncated block (zero-filled staging area) never passes
  // the CRC; a block with a valid CRC and no marker was built for another layout
  if (load<u32>(<usize>(b + Params_end_marker)) != PARAMS_END_MARKER) return PARAMS_BAD_SIZE;
  if (requireNewer && load<u32>(<usize>(b + Params_version)) <= load<u32>(<usize>(PARAMS_BASE + Params_version))) return PARAMS_OLD_VERSION;
  if (!paramsInRange(b)) return PARAMS_OUT_OF_RANGE;
  return PARAMS_OK;
}

/** Makes the (validated) staged block the block in force. */
export function commitStaged(): void {
  copyWords(PARAMS_BASE, PARAMS_STAGING_BASE, PARAMS_SIZE);
}
