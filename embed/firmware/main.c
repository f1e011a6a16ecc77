/*
 * Example firmware: embeds the bms-edge core (wasm2c output + embed/runtime) and replays a slice
 * of a real recording (gen/samples.c, from fixtures/B0005) through the per-sample step() export.
 * Prints, one `key value...` line each (parsed by test/embed/firmware.test.ts and bench/mcu.bench.ts):
 *   target, memory_bytes, init_reason, samples, flags_fnv (FNV-1a 32 of every step's flags),
 *   digest (16 hex digits), est <name> <f64 bits> <decimal>, trap_check, persist_check
 *   <image bytes> <restore reason> digest-equal, and on Cortex-M the
 *   instruction measurement: calib, tick_overhead, class <name> <samples> <ticks> <max ticks>,
 *   call <export> <ticks>, stack_used. Ends with `done`; exit status 0 only when nothing failed.
 * newlib-nano printf has no %llx and no %f: 64-bit values print as two %08lx halves, decimals by hand.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "bms_core.h"
#include "bms_core_layout.h"
#include "samples.h"

#ifndef BMS_TARGET
#define BMS_TARGET "host"
#endif

#if defined(__arm__)
extern void initialise_monitor_handles(void);
#endif

static bms_core_t core;

/* Sample classes for the per-sample cost breakdown. */
enum { CLASS_REST, CLASS_CHARGE, CLASS_DISCHARGE, CLASS_LOGGED, CLASS_COUNT };
static const char* const class_name[CLASS_COUNT] = {"rest", "charge", "discharge", "logged"};
static uint32_t class_samples[CLASS_COUNT], class_max[CLASS_COUNT];
static uint32_t class_ticks[CLASS_COUNT]; /* < 2^32 ticks = 171e9 instructions */

static void print_hex64(const char* key, uint64_t v) {
  printf("%s %08lx%08lx\n", key, (unsigned long)(v >> 32), (unsigned long)(v & 0xFFFFFFFFu));
}

/* value with 6 decimals, without %f */
static void print_estimate(const char* name, uint32_t field) {
  double v = bms_core_read_f64(&core, BMS_SNAPSHOT_BASE + field);
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  double a = fabs(v);
  unsigned long whole = (unsigned long)a;
  unsigned long frac = (unsigned long)((a - (double)whole) * 1e6 + 0.5);
  if (frac >= 1000000ul) {
    whole += 1;
    frac -= 1000000ul;
  }
  printf("est %s %08lx%08lx %s%lu.%06lu\n", name, (unsigned long)(bits >> 32), (unsigned long)(bits & 0xFFFFFFFFu),
         v < 0 ? "-" : "", whole, frac);
}

static uint32_t fnv1a32_word(uint32_t h, uint32_t w) {
  for (int k = 0; k < 4; ++k) {
    h ^= (w >> (8 * k)) & 0xFFu;
    h *= 0x01000193u;
  }
  return h;
}

static void check(bms_trap_t trap, const char* what) {
  if (trap != BMS_OK) {
    printf("trap in %s: %s\n", what, bms_trap_name(trap));
    board_fault("wasm trap");
  }
}

/* Replays every sample through step(), timing each call; returns the FNV-1a of the flags. */
static uint32_t replay(void) {
  const double rest_A = bms_core_read_f32(&core, BMS_PARAMS_BASE + BMS_Params_rest_current_A);
  uint32_t fnv = 0x811C9DC5u;
  for (uint32_t i = 0; i < BMS_SAMPLE_COUNT; ++i) {
    const double* s = bms_samples[i];
    uint32_t flags = 0;
    uint32_t seq0 = bms_core_read_u32(&core, BMS_LOG_STATE_BASE + BMS_LogState_next_seq);
    uint32_t t0 = board_ticks();
    bms_trap_t trap = bms_core_step(&core, s[0], s[1], s[2], s[3], &flags);
    uint32_t t1 = board_ticks();
    check(trap, "step");
    uint32_t seq1 = bms_core_read_u32(&core, BMS_LOG_STATE_BASE + BMS_LogState_next_seq);
    int c = seq1 != seq0 ? CLASS_LOGGED : s[2] > rest_A ? CLASS_DISCHARGE : s[2] < -rest_A ? CLASS_CHARGE : CLASS_REST;
    uint32_t d = board_ticks_between(t0, t1);
    class_samples[c]++;
    class_ticks[c] += d;
    if (d > class_max[c]) class_max[c] = d;
    fnv = fnv1a32_word(fnv, flags);
  }
  return fnv;
}

/* Reboot with persisted state: state_save(), copy the image to "non-volatile" memory (a static
 * buffer here; flash or FRAM on a board), drop the instance, start a fresh one, copy the image back
 * to BMS_SAVE_HEADER_BASE and state_restore(): the digest must equal the one before the reboot. */
static uint8_t nv_image[BMS_USED_END - BMS_SAVE_HEADER_BASE];
static uint32_t t_state_save, t_state_restore; /* ticks of the two calls (persistence cost) */

static void persist_check(uint64_t digest_before) {
  uint32_t bytes = 0;
  uint32_t t0 = board_ticks();
  check(bms_core_state_save(&core, &bytes), "state_save");
  t_state_save = board_ticks_between(t0, board_ticks());
  if (bytes > sizeof nv_image) board_fault("state image larger than the buffer");
  memcpy(nv_image, bms_core_memory(&core) + BMS_SAVE_HEADER_BASE, bytes);
  bms_core_close(&core);

  check(bms_core_open(&core), "instantiate after reboot");
  memcpy(bms_core_memory(&core) + BMS_SAVE_HEADER_BASE, nv_image, bytes);
  int32_t reason = -1;
  t0 = board_ticks();
  check(bms_core_state_restore(&core, (int32_t)BMS_CHEM_NASA18650, bytes, &reason), "state_restore");
  t_state_restore = board_ticks_between(t0, board_ticks());
  uint64_t after = 0;
  check(bms_core_digest(&core, &after), "digest");
  printf("persist_check %lu %ld %s\n", (unsigned long)bytes, (long)reason, after == digest_before ? "digest-equal" : "DIGEST-DIFFERS");
}

/* A trap is reported and the core stays usable: shrink the memory the module sees below the INPUT
 * region, call step_batch(1) (its first load traps OOB before any state is written), restore. */
static void trap_check(uint64_t digest_before) {
  uint32_t size = core.inst.w2c_memory.size;
  uint32_t flags = 0;
  core.inst.w2c_memory.size = BMS_INPUT_BASE;
  bms_trap_t trap = bms_core_step_batch(&core, 1, &flags);
  core.inst.w2c_memory.size = size;
  uint64_t after = 0;
  check(bms_core_digest(&core, &after), "digest");
  printf("trap_check %s %s\n", trap == WASM_RT_TRAP_OOB ? "oob-reported" : "NOT-REPORTED",
         after == digest_before ? "state-unchanged" : "STATE-CHANGED");
}

int main(void) {
#if defined(__arm__)
  initialise_monitor_handles();
#endif
  board_ticks_start();
  printf("target %s\n", BMS_TARGET);
  check(bms_core_open(&core), "instantiate");
  printf("memory_bytes %lu\n", (unsigned long)bms_core_memory_bytes(&core));

  int32_t reason = -1;
  uint32_t t0 = board_ticks();
  check(bms_core_init(&core, (int32_t)BMS_CHEM_NASA18650, &reason), "init");
  uint32_t t_init = board_ticks_between(t0, board_ticks());
  printf("init_reason %ld\n", (long)reason);

  uint32_t fnv = replay();
  printf("samples %lu\n", (unsigned long)BMS_SAMPLE_COUNT);
  printf("flags_fnv %08lx\n", (unsigned long)fnv);

  t0 = board_ticks();
  check(bms_core_snapshot(&core), "snapshot");
  uint32_t t_snapshot = board_ticks_between(t0, board_ticks());
  uint64_t digest = 0;
  t0 = board_ticks();
  check(bms_core_digest(&core, &digest), "digest");
  uint32_t t_digest = board_ticks_between(t0, board_ticks());
  print_hex64("digest", digest);

  print_estimate("soc", BMS_Snapshot_soc);
  print_estimate("soc_sigma", BMS_Snapshot_soc_sigma);
  print_estimate("capacity_Ah", BMS_Snapshot_capacity_Ah);
  print_estimate("soh", BMS_Snapshot_soh);
  print_estimate("resistance_ohm", BMS_Snapshot_resistance_ohm);
  print_estimate("dis_Ah", BMS_Snapshot_dis_Ah);
  print_estimate("chg_Wh", BMS_Snapshot_chg_Wh);
  print_estimate("efc", BMS_Snapshot_efc);
  print_estimate("full_cycles", BMS_Snapshot_full_cycles);
  print_estimate("eq_time_25C_s", BMS_Snapshot_eq_time_25C_s);

#ifndef BMS_PROFILE_BUILD /* the per-estimator profile leaves out these one-off checks */
  trap_check(digest);
  persist_check(digest);
#endif

#if BOARD_HAS_TICKS
  /* calibration: 2,000,000 instructions; and the cost of the two tick reads around a call */
  board_print_calibration();
  for (int c = 0; c < CLASS_COUNT; ++c) {
    printf("class %s %lu %lu %lu\n", class_name[c], (unsigned long)class_samples[c], (unsigned long)class_ticks[c],
           (unsigned long)class_max[c]);
  }
  printf("call init %lu\n", (unsigned long)t_init);
  printf("call snapshot %lu\n", (unsigned long)t_snapshot);
  printf("call digest %lu\n", (unsigned long)t_digest);
#ifndef BMS_PROFILE_BUILD
  printf("call state_save %lu\n", (unsigned long)t_state_save);
  printf("call state_restore %lu\n", (unsigned long)t_state_restore);
#endif
  printf("stack_used %lu\n", (unsigned long)board_stack_used());
#else
  (void)t_init;
  (void)t_snapshot;
  (void)t_digest;
  (void)t_state_save;
  (void)t_state_restore;
#endif
  bms_core_close(&core);
  printf("done\n");
  return 0;
}
