// Persistence of the complete core state as one contiguous, CRC-protected image:
//   [SAVE_HEADER_BASE, LOG_BASE + LOG_SIZE) = save header, parameter block, every estimator state, log ring.
// state_save() fills the header in place; firmware copies the image to flash. To restore, firmware
// copies the image back to the same address and calls state_restore(), which accepts it only when
// magic, versions, length, CRC, the parameter ranges and the state itself (every float finite, the
// values estimators index or divide by inside their domain) all hold; otherwise the core starts
// afresh with the fallback preset, flags RESTORE_FAILED and logs why. There is never a half-restored state.
import {
  SAVE_HEADER_BASE, SaveHeader_crc32, SaveHeader_magic, SaveHeader_layout_version, SaveHeader_core_version,
  SaveHeader_bytes, SaveHeader_generation, LOG_BASE, LOG_SIZE, PARAMS_BASE, MAGIC_SAVE, LAYOUT_VERSION, CORE_VERSION,
  HEADER_BASE, Header_initialised,
  RESTORE_REASON_OK, RESTORE_REASON_BAD_MAGIC, RESTORE_REASON_VERSION, RESTORE_REASON_LENGTH, RESTORE_REASON_CRC,
  RESTORE_REASON_PARAMS, RESTORE_REASON_STATE,
  CAPACITY_BASE, Capacity_q_Ah, Capacity_p_Ah2, Capacity_pair_sigma2, Params_rated_capacity_Ah, Params_cap_max_frac,
  SOC_BASE, Soc_z, Soc_anchor_z, Soc_anchor_sigma2, Soc_z_per_q20, RESISTANCE_BASE, Resistance_r25_ohm, Resistance_p,
  RAINFLOW_BASE, Rainflow_depth, RAINFLOW_STACK, LOG_STATE_BASE, LogState_next_seq, LogState_count, LOG_CAPACITY,
} from '../generated/layout';
import { STATE_FLOATS, STATE_FLOAT_RUNS } from '../generated/state-table';
import { finite } from '../util/num';
import { crc32 } from '../util/crc32';
import { paramsInRange } from '../params/block';

export const IMAGE_BYTES: u32 = LOG_BASE + LOG_SIZE - SAVE_HEADER_BASE;

/** Reason codes (layout/param-ranges.ts RestoreReason). */
export const RESTORE_OK: i32 = RESTORE_REASON_OK;
export const RESTORE_BAD_MAGIC: i32 = RESTORE_REASON_BAD_MAGIC;
export const RESTORE_VERSION: i32 = RESTORE_REASON_VERSION;
export const RESTORE_LENGTH: i32 = RESTORE_REASON_LENGTH;
export const RESTORE_CRC: i32 = RESTORE_REASON_CRC;
export const RESTORE_PARAMS: i32 = RESTORE_REASON_PARAMS;
export const RESTORE_STATE: i32 = RESTORE_REASON_STATE;

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
  if (!stateInDomain()) return RESTORE_STATE;
  return RESTORE_OK;
}

@inline function f64At(a: u32): f64 { return load<f64>(<usize>a); }
@inline function f32At(a: u32): f64 { return <f64>load<f32>(<usize>a); }

/**
 * The state an image carries is one this core could have reached: every float finite (generated
 * table of every f32/f64 of the estimator regions), and the values estimators divide by or index
 * with inside their domain. A CRC only proves the image is what was saved, not that it is sane.
 */
function stateInDomain(): bool {
  for (let i: u32 = 0; i < STATE_FLOAT_RUNS; i++) {
    const addr = load<u32>(STATE_FLOATS + (i << 3));
    const word = load<u32>(STATE_FLOATS + (i << 3) + 4);
    const n = word >> 1;
    for (let k: u32 = 0; k < n; k++) {
      if (!finite((word & 1) != 0 ? f64At(addr + (k << 3)) : f32At(addr + (k << 2)))) return false;
    }
  }
  const rated = f32At(PARAMS_BASE + Params_rated_capacity_Ah);
  const q = f64At(CAPACITY_BASE + Capacity_q_Ah);
  // the filter clamps q to [0.1, cap_max_frac] x rated; f32 rounding of the bounds is allowed for
  if (!(q >= 0.0999 * rated && q <= 1.0001 * f32At(PARAMS_BASE + Params_cap_max_frac) * rated)) return false;
  if (!(f64At(CAPACITY_BASE + Capacity_p_Ah2) >= 0 && f64At(CAPACITY_BASE + Capacity_pair_sigma2) >= 0)) return false;
  // SOC may leave 0..1 slightly between anchors; far outside it the state is not this core's
  if (!(Math.abs(f32At(SOC_BASE + Soc_z) - 0.5) <= 10 && Math.abs(f32At(SOC_BASE + Soc_anchor_z) - 0.5) <= 10)) return false;
  if (!(f32At(SOC_BASE + Soc_anchor_sigma2) >= 0 && f32At(SOC_BASE + Soc_z_per_q20) > 0)) return false;
  if (!(f64At(RESISTANCE_BASE + Resistance_r25_ohm) >= 0 && f64At(RESISTANCE_BASE + Resistance_p) >= 0)) return false;
  if (load<u32>(<usize>(RAINFLOW_BASE + Rainflow_depth)) > RAINFLOW_STACK) return false; // an index into the stack
  const next = load<u32>(<usize>(LOG_STATE_BASE + LogState_next_seq));
  const count = load<u32>(<usize>(LOG_STATE_BASE + LogState_count));
  if (next == 0 || count > LOG_CAPACITY || count >= next) return false;
  return true;
}

export function markInitialised(): void {
  store<u32>(<usize>(HEADER_BASE + Header_initialised), 1);
}

export function saveGeneration(): u32 {
  return load<u32>(<usize>(H + SaveHeader_generation));
}
