// The parameter block: loading a preset, validating a staged block, switching atomically.
// A block is accepted only when magic, size, CRC and every value range hold; otherwise the block
// in force is untouched and the reason code is returned.
import {
  PARAMS_BASE, PARAMS_STAGING_BASE, PARAMS_SIZE, PARAMS_BODY_OFFSET, MAGIC_PARAMS, OCV_POINTS,
  Params_crc32, Params_magic, Params_size_bytes, Params_version, Params_series_cells, Params_rated_capacity_Ah,
  Params_charge_efficiency, Params_ocv_V, Params_r_lambda, Params_r_bol_events, Params_rf_hysteresis,
  Params_cap_dz_min, Params_max_gap_s, Params_log_summary_interval_s, Params_end_marker, PARAMS_END_MARKER,
} from '../generated/layout';
import { PRESETS, PRESET_COUNT } from '../generated/presets';
import { copyWords } from '../util/mem';
import { crc32 } from '../util/crc32';
import { finite } from '../util/num';

/** Reason codes of a refused block (0 = accepted). */
export const PARAMS_OK: i32 = 0;
export const PARAMS_BAD_MAGIC: i32 = 1;
export const PARAMS_BAD_SIZE: i32 = 2;
export const PARAMS_BAD_CRC: i32 = 3;
export const PARAMS_OLD_VERSION: i32 = 4;
export const PARAMS_OUT_OF_RANGE: i32 = 5;
export const PARAMS_BAD_CHEMISTRY: i32 = 6;

/** Copies preset `chem` into the staging area; returns PARAMS_BAD_CHEMISTRY for an unknown id. */
export function stagePreset(chem: i32): i32 {
  if (chem < 0 || <u32>chem >= PRESET_COUNT) return PARAMS_BAD_CHEMISTRY;
  copyWords(PARAMS_STAGING_BASE, <u32>PRESETS + <u32>chem * PARAMS_SIZE, PARAMS_SIZE);
  return PARAMS_OK;
}

@inline function f(base: u32, off: u32): f64 { return <f64>load<f32>(<usize>(base + off)); }

/** Range checks on a staged block: every f32 finite, and the fields the estimators divide by sane. */
export function paramsInRange(b: u32): bool {
  // every f32/u32 body word must at least be a finite float when read as f32 (u32 fields are small ints,
  // which read as finite denormals) - catches NaN/inf anywhere
  for (let off: u32 = PARAMS_BODY_OFFSET; off < Params_end_marker; off += 4) {
    if (!finite(<f64>load<f32>(<usize>(b + off)))) return false;
  }
  const series = load<u32>(<usize>(b + Params_series_cells));
  if (series < 1 || series > 1024) return false;
  const rated = f(b, Params_rated_capacity_Ah);
  if (!(rated > 0.001 && rated < 100000)) return false;
  const eta = f(b, Params_charge_efficiency);
  if (!(eta > 0.5 && eta <= 1)) return false;
  for (let i: u32 = 1; i < OCV_POINTS; i++) {
    if (f(b, Params_ocv_V + (i << 2)) < f(b, Params_ocv_V + ((i - 1) << 2))) return false;
  }
  const lambda = f(b, Params_r_lambda);
  if (!(lambda > 0.5 && lambda <= 1)) return false;
  const bolEvents = load<u32>(<usize>(b + Params_r_bol_events));
  if (bolEvents < 1 || bolEvents > 1000) return false;
  if (!(f(b, Params_rf_hysteresis) > 0 && f(b, Params_rf_hysteresis) < 0.5)) return false;
  if (!(f(b, Params_cap_dz_min) > 0 && f(b, Params_cap_dz_min) <= 1)) return false;
  if (!(f(b, Params_max_gap_s) > 0)) return false;
  if (!(f(b, Params_log_summary_interval_s) > 0)) return false;
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
