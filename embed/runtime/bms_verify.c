/* bms_verify.c: see bms_verify.h. */
#include <string.h>

#include "bms_core_layout.h"
#include "bms_verify.h"

static const char DOMAIN[] = "bms-edge/params/v1"; /* followed by its 0x00 terminator in the message */
#define DOMAIN_BYTES (sizeof DOMAIN) /* 19: the text and the 0x00 */

static bms_trap_t trapped(wasm_rt_trap_t code) { return code; }

bms_trap_t bms_verify_open(bms_verify_t* v) {
  BMS_RT_GUARD(trapped);
  memset(v, 0, sizeof *v);
  wasm_rt_init();
  Z_bms_verify_init_module();
  Z_bms_verify_instantiate(&v->inst);
  return BMS_OK;
}

/* Places key, signature and message (prefix + body) and runs verify(). */
static bms_trap_t run(bms_verify_t* v, const uint8_t key[32], const uint8_t* sig, const uint8_t* prefix, uint32_t prefix_len, const uint8_t* msg, uint32_t msg_len, int32_t* result) {
  BMS_RT_GUARD(trapped);
  uint8_t* mem = v->inst.w2c_memory.data;
  if (prefix_len + msg_len > Z_bms_verifyZ_msg_capacity(&v->inst)) {
    *result = 1;
    return BMS_OK;
  }
  memcpy(mem + Z_bms_verifyZ_key_ptr(&v->inst), key, 32);
  memcpy(mem + Z_bms_verifyZ_sig_ptr(&v->inst), sig, 64);
  uint32_t at = Z_bms_verifyZ_msg_ptr(&v->inst);
  memcpy(mem + at, prefix, prefix_len);
  memcpy(mem + at + prefix_len, msg, msg_len);
  *result = (int32_t)Z_bms_verifyZ_verify(&v->inst, prefix_len + msg_len);
  return BMS_OK;
}

bms_trap_t bms_verify(bms_verify_t* v, const uint8_t key[32], const uint8_t* sig, uint32_t sig_len, const uint8_t* msg, uint32_t msg_len, int32_t* result) {
  if (sig == NULL || sig_len != 64u) {
    *result = 5;
    return BMS_OK;
  }
  return run(v, key, sig, NULL, 0u, msg, msg_len, result);
}

bms_trap_t bms_params_update(bms_core_t* core, bms_verify_t* v, const uint8_t key[32], const uint8_t* block, uint32_t block_len, const uint8_t* sig, uint32_t sig_len, int32_t* reason) {
  if (block_len > BMS_PARAMS_STAGING_SIZE) block_len = BMS_PARAMS_STAGING_SIZE;
  uint8_t* staging = bms_core_memory(core) + BMS_PARAMS_STAGING_BASE;
  memset(staging, 0, BMS_PARAMS_STAGING_SIZE);
  memcpy(staging, block, block_len);
  int32_t verdict = 5;
  bms_trap_t t = BMS_OK;
  if (sig != NULL && sig_len == 64u) t = run(v, key, sig, (const uint8_t*)DOMAIN, DOMAIN_BYTES, block, block_len, &verdict);
  if (t != BMS_OK) return t;
  if (verdict != 0) return bms_core_params_refuse(core, (int32_t)BMS_PARAMS_REASON_BAD_SIGNATURE, reason);
  return bms_core_params_apply(core, reason);
}
