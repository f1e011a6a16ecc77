// Persistence of the complete core state as one contiguous, CRC-protected image:
//   [SAVE_HEADER_BASE, LOG_BASE + LOG_SIZE) = save header, parameter block, every estimator state, log ring.
// state_save() fills the header in place; firmware copies the image to flash. To restore, firmware
// copies the image back to the same address and calls state_restore(), which accepts it only when
// magic, versions, length, CRC and the parameter ranges all hold; otherwise the core starts afresh
// with the fallback preset, flags RESTORE_FAILED and logs why. There is never a half-restored state.
import {
  SAVE_HEADER_BASE, SaveHeader_crc32, SaveHeader_magic, SaveHeader_layout_version, SaveHeader_core_version,
  SaveHeader_bytes, SaveHeader_generation, LOG_BASE, LOG_SIZE, PARAMS_BASE, MAGIC_SAVE, LAYOUT_VERSION, CORE_VERSION,
  HEADER_BASE, Header_initialised,
} from '../generated/layout';
import { crc32 } from '../util/crc32';
import { paramsInRange } from '../params/block';

export const IMAGE_BYTES: u32 = LOG_BASE + LOG_SIZE - SAVE_HEADER_BASE;

export const RESTORE_OK: i32 = 0;
export const RESTORE_BAD_MAGIC: i32 = 1;
export const RESTORE_VERSION: i32 = 2;
export const RESTORE_LENGTH: i32 = 3;
export const RESTORE_CRC: i32 = 4;
export const RESTORE_PARAMS: i32 = 5;

const H = SAVE_HEADER_BASE;

/** Writes the save header (the image is the memory range itself); returns the image length. */
export function saveState(): u32 {
  store<u32>(<usize>(H + SaveHeader_magic), MAGIC_SAVE);
  store<u32>(<usize>(H + SaveHeader_layout_version), LAYOUT_VERSION);
  store<u32>(<usize>(H + SaveHeader_core_version), CORE_VERSION);
  store<u32>(<usize>(H + SaveHeader_bytes), IMAGE_BYTES);
  store<u32>(<usize>(H + SaveHeader_generation), load<u32>(<usize>(H + SaveHeader_generation)) + 1);
  store<u32>(<usize>(H + SaveHeader_crc32), crc32(H + 4, IMAGE_BYTES - 4));
  return IMAGE_BYTES;
}

/** Checks the image in place; RESTORE_OK or a reason code. Changes nothing. */
export function checkImage(): i32 {
  if (load<u32>(<usize>(H + SaveHeader_magic)) != MAGIC_SAVE) return RESTORE_BAD_MAGIC;
  if (load<u32>(<usize>(H + SaveHeader_layout_version)) != LAYOUT_VERSION) return RESTORE_VERSION;
  // same major.minor behaviour: a patch release may restore the state of another patch release
  if ((load<u32>(<usize>(H + SaveHeader_core_version)) >> 8) != (CORE_VERSION >> 8)) return RESTORE_VERSION;
  if (load<u32>(<usize>(H + SaveHeader_bytes)) != IMAGE_BYTES) return RESTORE_LENGTH;
  if (crc32(H + 4, IMAGE_BYTES - 4) != load<u32>(<usize>(H + SaveHeader_crc32))) return RESTORE_CRC;
  if (!paramsInRange(PARAMS_BASE)) return RESTORE_PARAMS;
  return RESTORE_OK;
}

export function markInitialised(): void {
  store<u32>(<usize>(HEADER_BASE + Header_initialised), 1);
}

export function saveGeneration(): u32 {
  return load<u32>(<usize>(H + SaveHeader_generation));
}
