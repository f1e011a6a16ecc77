/*
 * verify_bench.c: the Ed25519 verifier (build/verify.wasm through wasm2c) on the target, alone:
 * checks RFC 8032 section 7.1 TEST 1 (valid), the same signature with a bit of R flipped, with
 * S + L (non-canonical S) and under another key (all refused), and measures one verification in
 * SysTick ticks (main.c's calibration: 40 instructions per tick under -icount shift=0).
 * Output lines: verdict <case> <result> <expected>, calib, tick_overhead, call verify <ticks>,
 * stack_used, memory_bytes, done. Exit status 0 only when every verdict is the expected one.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bms_verify_w2c.h"
#include "bms_rt.h"
#include "board.h"

/* RFC 8032 7.1 TEST 1: public key, and the signature of the empty message */
static const uint8_t KEY[32] = {
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
static const uint8_t OTHER_KEY[32] = { /* RFC 8032 7.1 TEST 2's key */
  0x3d, 0x40, 0x17, 0xc3, 0xe8, 0x43, 0x89, 0x5a, 0x92, 0xb7, 0x0a, 0xa7, 0x4d, 0x1b, 0x7e, 0xbc,
  0x9c, 0x98, 0x2c, 0xcf, 0x2e, 0xc4, 0x96, 0x8c, 0xc0, 0xcd, 0x55, 0xf1, 0x2a, 0xf4, 0x66, 0x0c};
static const uint8_t SIG[64] = {
  0xe5, 0x56, 0x43, 0x00, 0xc3, 0x60, 0xac, 0x72, 0x90, 0x86, 0xe2, 0xcc, 0x80, 0x6e, 0x82, 0x8a,
  0x84, 0x87, 0x7f, 0x1e, 0xb8, 0xe5, 0xd9, 0x74, 0xd8, 0x73, 0xe0, 0x65, 0x22, 0x49, 0x01, 0x55,
  0x5f, 0xb8, 0x82, 0x15, 0x90, 0xa3, 0x3b, 0xac, 0xc6, 0x1e, 0x39, 0x70, 0x1c, 0xf9, 0xb4, 0x6b,
  0xd2, 0x5b, 0xf5, 0xf0, 0x59, 0x5b, 0xbe, 0x24, 0x65, 0x51, 0x41, 0x43, 0x8e, 0x7a, 0x10, 0x0b};
/* group order L, little-endian: S + L is the same point with a non-canonical S */
static const uint8_t L_BYTES[32] = {
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};

static Z_bms_verify_instance_t inst;

#if defined(__arm__)
extern void initialise_monitor_handles(void);
#endif

static int32_t trapped(wasm_rt_trap_t t) { return -100 - (int32_t)t; }

static int32_t open_verifier(void) {
  BMS_RT_GUARD(trapped);
  wasm_rt_init();
  Z_bms_verify_init_module();
  Z_bms_verify_instantiate(&inst);
  return 0;
}

/** verify() of `sig` over the empty message with `key`: the module's result, or -100 - trap code. */
static int32_t verify(const uint8_t* key, const uint8_t* sig, uint32_t* ticks) {
  BMS_RT_GUARD(trapped);
  uint8_t* mem = inst.w2c_memory.data;
  memcpy(mem + Z_bms_verifyZ_key_ptr(&inst), key, 32);
  memcpy(mem + Z_bms_verifyZ_sig_ptr(&inst), sig, 64);
  uint32_t t0 = board_ticks();
  int32_t r = (int32_t)Z_bms_verifyZ_verify(&inst, 0);
  *ticks = board_ticks_between(t0, board_ticks());
  return r;
}

static int failures;

static void expect(const char* what, int32_t got, int32_t want) {
  printf("verdict %s %ld %ld\n", what, (long)got, (long)want);
  if (got != want) failures++;
}

int main(void) {
#if defined(__arm__)
  initialise_monitor_handles();
#endif
  board_ticks_start();
  if (open_verifier() != 0) board_fault("instantiate");
  printf("memory_bytes %lu\n", (unsigned long)inst.w2c_memory.size);
  uint32_t ticks = 0, t_valid = 0;
  uint8_t sig[64];

  expect("rfc8032-test1", verify(KEY, SIG, &t_valid), 0);
  memcpy(sig, SIG, 64);
  sig[3] ^= 0x10;
  expect("bit-flip-in-R", verify(KEY, sig, &ticks), 4);
  memcpy(sig, SIG, 64);
  unsigned carry = 0;
  for (int i = 0; i < 32; ++i) { /* S + L */
    unsigned v = (unsigned)sig[32 + i] + L_BYTES[i] + carry;
    sig[32 + i] = (uint8_t)v;
    carry = v >> 8;
  }
  expect("s-plus-L", verify(KEY, sig, &ticks), 2);
  expect("wrong-key", verify(OTHER_KEY, SIG, &ticks), 4);

#if BOARD_HAS_TICKS
  board_print_calibration();
  printf("call verify %lu\n", (unsigned long)t_valid);
  printf("stack_used %lu\n", (unsigned long)board_stack_used());
#else
  (void)t_valid;
#endif
  printf("done\n");
  return failures ? 1 : 0;
}
