// bms-edge core: the one export surface. Numbers in, numbers out; no imports; fixed memory.
// Memory layout: layout/core-layout.ts (generated into generated/layout.ts and the C header).
//
// Call order: init(chemistry) or init_staged() once; then step(...) per sample or write samples into
// the INPUT region and call step_batch(n); snapshot() then read the SNAPSHOT region; digest() at any time.
import {
  HEADER_BASE, Header_magic, Header_layout_version, Header_core_version, Header_initialised,
  MAGIC_HEADER, LAYOUT_VERSION, CORE_VERSION, GUARD_BASE, LOG_BASE, LOG_SIZE, SAVE_HEADER_BASE, SAVE_HEADER_SIZE,
  INPUT_BASE, INPUT_CAPACITY, InputSample_SIZEOF, InputSample_t_s, InputSample_voltage_V, InputSample_current_A,
  InputSample_temp_degC, PARAMS_BASE, PARAMS_STAGING_BASE, Params_chemistry, Params_version, FLAG_BATCH_TOO_LARGE, FLAG_PARAMS_REJECTED,
  LOGT_INIT, LOGT_PARAMS, LOGT_RESTORE, FLAG_RESTORE_FAILED,
} from './generated/layout';
import { saveState, checkImage, markInitialised, RESTORE_OK, RESTORE_LENGTH, IMAGE_BYTES } from './persist/state';
import { zero, getU32 } from './util/mem';
import { stagePreset, validateStaged, commitStaged, PARAMS_OK } from './params/block';
import { logInit, logAppend, logRecordAddr } from './log/ring';
import { processSample } from './pipeline';
import { writeSnapshot, stateDigest } from './snapshot';
import { socInit, socRescale } from './estimators/soc';
import { capacityInit } from './estimators/capacity';
import { resistanceInit } from './estimators/resistance';
import { thermalInit } from './estimators/thermal';
import { raiseFlag, beginSample } from './flags';
import { guardResumeOffset } from './estimators/guard';

function resetState(): void {
  zero(GUARD_BASE, LOG_BASE + LOG_SIZE - GUARD_BASE);
  zero(SAVE_HEADER_BASE, SAVE_HEADER_SIZE);
  logInit();
  capacityInit();
  socInit();
  resistanceInit();
  thermalInit();
  store<u32>(<usize>(HEADER_BASE + Header_magic), MAGIC_HEADER);
  store<u32>(<usize>(HEADER_BASE + Header_layout_version), LAYOUT_VERSION);
  store<u32>(<usize>(HEADER_BASE + Header_core_version), CORE_VERSION);
  store<u32>(<usize>(HEADER_BASE + Header_initialised), 1);
  logAppend(LOGT_INIT, 0, 0, <f32>getU32(PARAMS_BASE + Params_chemistry), <f32>getU32(PARAMS_BASE + Params_version), <f32>LAYOUT_VERSION);
}

/** Starts afresh with the preset of `chemistry` (0 NASA18650, 1 NMC, 2 LFP). Returns 0 or a reason code. */
export function init(chemistry: i32): i32 {
  const r = stagePreset(chemistry);
  if (r != PARAMS_OK) return r;
  return init_staged();
}

/** Starts afresh with the parameter block the host wrote into PARAMS_STAGING. Returns 0 or a reason code. */
export function init_staged(): i32 {
  const r = validateStaged(false);
  if (r != PARAMS_OK) return r;
  commitStaged();
  resetState();
  return PARAMS_OK;
}

/**
 * Over-the-air update: switches to the staged block if it is valid and newer, keeping all state.
 * Returns 0 or a reason code; a refused block is logged and the block in force stays.
 */
export function params_apply(): i32 {
  beginSample();
  const r = validateStaged(true);
  if (r != PARAMS_OK) return refuseStaged(r);
  commitStaged();
  socRescale();
  logAppend(LOGT_PARAMS, 0, 0, <f32>getU32(PARAMS_BASE + Params_version), 1, 0);
  return PARAMS_OK;
}

function refuseStaged(reason: i32): i32 {
  raiseFlag(FLAG_PARAMS_REJECTED);
  logAppend(LOGT_PARAMS, FLAG_PARAMS_REJECTED, 0, <f32>load<u32>(<usize>(PARAMS_STAGING_BASE + Params_version)), 0, <f32>reason);
  return reason;
}

/**
 * The firmware refuses the staged block before params_apply(): its Ed25519 signature did not verify
 * (build/verify.wasm, reason 7 = PARAMS_REASON_BAD_SIGNATURE). Logs the refusal like any other (PARAMS
 * record, reason code) and raises PARAMS_REJECTED; the block in force stays. Returns `reason`.
 */
export function params_refuse(reason: i32): i32 {
  beginSample();
  return refuseStaged(reason);
}

/** One sample: time s, pack voltage V, current A (positive = discharge), temperature degC. Returns Flag bits. */
export function step(t_s: f64, voltage_V: f64, current_A: f64, temp_degC: f64): u32 {
  return processSample(t_s, voltage_V, current_A, temp_degC);
}

/** Processes n samples from the INPUT region; returns the OR of their Flag bits. */
export function step_batch(n: i32): u32 {
  if (n < 0 || <u32>n > INPUT_CAPACITY) return FLAG_BATCH_TOO_LARGE;
  let flags: u32 = 0;
  for (let i: u32 = 0; i < <u32>n; i++) {
    const s = <usize>(INPUT_BASE + i * InputSample_SIZEOF);
    flags |= processSample(load<f64>(s + InputSample_t_s), load<f64>(s + InputSample_voltage_V),
      load<f64>(s + InputSample_current_A), load<f64>(s + InputSample_temp_degC));
  }
  return flags;
}

/** Writes every estimate and counter into the SNAPSHOT region. */
export function snapshot(): void { writeSnapshot(); }

/** 64-bit FNV-1a hash of the complete state and log: equal on every engine for the same input. */
export function digest(): u64 { return stateDigest(); }

/** Address of log record `seq` in the ring, or 0 when it is not held (not yet written, or overwritten). */
export function log_record(seq: u32): u32 { return logRecordAddr(seq); }

/**
 * Persistence: makes [SAVE_HEADER_BASE, LOG end) a self-checking image of the complete state and
 * returns its length in bytes. Copy that range to non-volatile memory.
 */
export function state_save(): u32 { return saveState(); }

/**
 * After the image was copied back to SAVE_HEADER_BASE (`image_bytes` = how many bytes were copied):
 * accepts it (returns 0) when it is complete, intact and of this core's version; otherwise starts
 * afresh with preset `fallback_chemistry`, raises RESTORE_FAILED, logs the reason and returns it
 * (1 magic, 2 version, 3 length, 4 CRC, 5 parameters out of range, 6 a state value non-finite or
 * outside its domain: layout/param-ranges.ts RestoreReason).
 */
export function state_restore(fallback_chemistry: i32, image_bytes: u32): i32 {
  beginSample();
  const r = image_bytes != IMAGE_BYTES ? RESTORE_LENGTH : checkImage();
  if (r == RESTORE_OK) {
    // no log record on success: a restored core must be indistinguishable from one that never rebooted
    markInitialised();
    return RESTORE_OK;
  }
  if (init(fallback_chemistry) != PARAMS_OK) init(0);
  raiseFlag(FLAG_RESTORE_FAILED);
  logAppend(LOGT_RESTORE, FLAG_RESTORE_FAILED, 0, 0, <f32>r, 0);
  return r;
}

/**
 * Time base across a reboot. Call after state_restore() with the firmware clock's reading now (an
 * uptime counter that restarted at 0, say) and add the result to every later time stamp: time then
 * continues after the restored state's last sample, with the off-time as a gap longer than max_gap_s
 * (at rest on both sides: a rest gap, the capacity pair survives; under load: not integrated), never as
 * CLOCK_BACKWARDS. Returns 0 before any sample was accepted. A real-time clock needs no offset.
 */
export function time_resume_offset(now_s: f64): f64 { return guardResumeOffset(now_s); }
