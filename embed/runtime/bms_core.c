/*
 * bms_core.c: trap-safe wrappers over the wasm2c exports of the bms-edge core (see bms_core.h).
 * Each wrapper arms the trap handler (one setjmp) and forwards to the generated Z_bms_coreZ_*.
 * Firmware that wants to save the setjmp per sample can arm BMS_RT_GUARD once around a loop of
 * direct Z_bms_coreZ_step() calls instead.
 */
#include <string.h>

#include "bms_core.h"

static bms_trap_t trapped(wasm_rt_trap_t code) {
  return (bms_trap_t)code;
}

bms_trap_t bms_core_open(bms_core_t* core) {
  BMS_RT_GUARD(trapped);
  memset(core, 0, sizeof *core);
  wasm_rt_init();
  Z_bms_core_init_module();
  Z_bms_core_instantiate(&core->inst);
  return BMS_OK;
}

void bms_core_close(bms_core_t* core) {
  Z_bms_core_free(&core->inst);
  wasm_rt_free();
}

uint8_t* bms_core_memory(bms_core_t* core) {
  return core->inst.w2c_memory.data;
}

uint32_t bms_core_memory_bytes(bms_core_t* core) {
  return core->inst.w2c_memory.size;
}

bms_trap_t bms_core_init(bms_core_t* core, int32_t chemistry, int32_t* reason) {
  BMS_RT_GUARD(trapped);
  *reason = (int32_t)Z_bms_coreZ_init(&core->inst, (u32)chemistry);
  return BMS_OK;
}

bms_trap_t bms_core_init_staged(bms_core_t* core, int32_t* reason) {
  BMS_RT_GUARD(trapped);
  *reason = (int32_t)Z_bms_coreZ_init_staged(&core->inst);
  return BMS_OK;
}

bms_trap_t bms_core_params_apply(bms_core_t* core, int32_t* reason) {
  BMS_RT_GUARD(trapped);
  *reason = (int32_t)Z_bms_coreZ_params_apply(&core->inst);
  return BMS_OK;
}

bms_trap_t bms_core_params_refuse(bms_core_t* core, int32_t reason, int32_t* result) {
  BMS_RT_GUARD(trapped);
  *result = (int32_t)Z_bms_coreZ_params_refuse(&core->inst, (u32)reason);
  return BMS_OK;
}

bms_trap_t bms_core_time_resume_offset(bms_core_t* core, double now_s, double* offset_s) {
  BMS_RT_GUARD(trapped);
  *offset_s = Z_bms_coreZ_time_resume_offset(&core->inst, now_s);
  return BMS_OK;
}

bms_trap_t bms_core_step(bms_core_t* core, double t_s, double voltage_V, double current_A, double temp_degC, uint32_t* flags) {
  BMS_RT_GUARD(trapped);
  *flags = Z_bms_coreZ_step(&core->inst, t_s, voltage_V, current_A, temp_degC);
  return BMS_OK;
}

bms_trap_t bms_core_step_batch(bms_core_t* core, int32_t n, uint32_t* flags) {
  BMS_RT_GUARD(trapped);
  *flags = Z_bms_coreZ_step_batch(&core->inst, (u32)n);
  return BMS_OK;
}

bms_trap_t bms_core_snapshot(bms_core_t* core) {
  BMS_RT_GUARD(trapped);
  Z_bms_coreZ_snapshot(&core->inst);
  return BMS_OK;
}

bms_trap_t bms_core_digest(bms_core_t* core, uint64_t* digest) {
  BMS_RT_GUARD(trapped);
  *digest = Z_bms_coreZ_digest(&core->inst);
  return BMS_OK;
}

bms_trap_t bms_core_log_record(bms_core_t* core, uint32_t seq, uint32_t* addr) {
  BMS_RT_GUARD(trapped);
  *addr = Z_bms_coreZ_log_record(&core->inst, seq);
  return BMS_OK;
}

bms_trap_t bms_core_state_save(bms_core_t* core, uint32_t* bytes) {
  BMS_RT_GUARD(trapped);
  *bytes = Z_bms_coreZ_state_save(&core->inst);
  return BMS_OK;
}

bms_trap_t bms_core_state_restore(bms_core_t* core, int32_t fallback_chemistry, uint32_t image_bytes, int32_t* reason) {
  BMS_RT_GUARD(trapped);
  *reason = (int32_t)Z_bms_coreZ_state_restore(&core->inst, (u32)fallback_chemistry, image_bytes);
  return BMS_OK;
}

/* Reads outside linear memory return 0 (never touch memory beyond the static array). */
static bool in_memory(bms_core_t* core, uint32_t addr, uint32_t bytes) {
  return (uint64_t)addr + bytes <= core->inst.w2c_memory.size;
}

double bms_core_read_f64(bms_core_t* core, uint32_t addr) {
  double v = 0;
  if (in_memory(core, addr, sizeof v)) memcpy(&v, bms_core_memory(core) + addr, sizeof v); /* wasm is little-endian, as is Cortex-M */
  return v;
}

float bms_core_read_f32(bms_core_t* core, uint32_t addr) {
  float v = 0;
  if (in_memory(core, addr, sizeof v)) memcpy(&v, bms_core_memory(core) + addr, sizeof v);
  return v;
}

uint32_t bms_core_read_u32(bms_core_t* core, uint32_t addr) {
  uint32_t v = 0;
  if (in_memory(core, addr, sizeof v)) memcpy(&v, bms_core_memory(core) + addr, sizeof v);
  return v;
}

const char* bms_trap_name(bms_trap_t trap) {
  return wasm_rt_strerror(trap);
}
