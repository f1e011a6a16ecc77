/*
 * update_demo.c: the example firmware's signed parameter update and reboot, on the device.
 * 1. Signed updates through bms_params_update() with the public key built into the image: a newer
 *    correctly signed block is applied; a tampered block (CRC recomputed), a block signed with another
 *    key, a truncated signature and an older signed block are refused, and each refusal is in the
 *    core's log (PARAMS record: a = version, b = 0 refused, c = reason).
 * 2. A reboot with an uptime clock: state saved, restored, the clock restarts at 0; with the offset
 *    from bms_core_time_resume_offset() the first sample is a gap, not CLOCK_BACKWARDS.
 * Output lines: update <case> <reason> <expected>, in_force <version>, logged <version> <applied>
 * <reason>, resume_flags <flags> naive_flags <flags>, done. Exit 0 only when all is as expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bms_core.h"
#include "bms_core_layout.h"
#include "bms_verify.h"
#include "board.h"
#include "update_vectors.h"

#if defined(__arm__)
extern void initialise_monitor_handles(void);
#endif

static bms_core_t core;
static bms_verify_t verifier;
static uint8_t flash_image[BMS_LOG_BASE + BMS_LOG_SIZE - BMS_SAVE_HEADER_BASE]; /* the state image "in flash" */
static int failures;

static void check(bms_trap_t t, const char* what) {
  if (t != BMS_OK) board_fault(what);
}

static uint32_t step(double t_s, double v, double i, double temp) {
  uint32_t flags = 0;
  check(bms_core_step(&core, t_s, v, i, temp, &flags), "step");
  return flags;
}

static void restore_image(void) {
  int32_t reason = -1;
  memcpy(bms_core_memory(&core) + BMS_SAVE_HEADER_BASE, flash_image, sizeof flash_image);
  check(bms_core_state_restore(&core, (int32_t)BMS_CHEM_NMC, (uint32_t)sizeof flash_image, &reason), "restore");
  if (reason != 0) failures++;
}

int main(void) {
#if defined(__arm__)
  initialise_monitor_handles();
#endif
  int32_t reason = -1;
  check(bms_core_open(&core), "core");
  check(bms_verify_open(&verifier), "verifier");
  check(bms_core_init(&core, (int32_t)BMS_CHEM_NMC, &reason), "init");

  for (int c = 0; c < UPDATE_CASES; ++c) {
    const update_case_t* u = &update_cases[c];
    check(bms_params_update(&core, &verifier, DEVICE_PUBLIC_KEY, u->block, u->block_len, u->sig, u->sig_len, &reason), "update");
    printf("update %s %ld %ld\n", u->name, (long)reason, (long)u->expect);
    if (reason != u->expect) failures++;
  }
  printf("in_force %lu\n", (unsigned long)bms_core_read_u32(&core, BMS_PARAMS_BASE + BMS_Params_version));
  uint32_t next = bms_core_read_u32(&core, BMS_LOG_STATE_BASE + BMS_LogState_next_seq);
  for (uint32_t seq = 1; seq < next; ++seq) {
    uint32_t addr = 0;
    check(bms_core_log_record(&core, seq, &addr), "log_record");
    if (addr == 0 || bms_core_read_u32(&core, addr + BMS_LogRecord_type) % 65536u != BMS_LOGT_PARAMS) continue;
    printf("logged %ld %ld %ld\n", (long)bms_core_read_f32(&core, addr + BMS_LogRecord_a), (long)bms_core_read_f32(&core, addr + BMS_LogRecord_b),
           (long)bms_core_read_f32(&core, addr + BMS_LogRecord_c));
  }

  /* uptime clock: a rest at 3.6 V for 10 minutes, then the image goes to flash and the device reboots */
  double t = 0;
  for (int k = 0; k < 60; ++k, t += 10) step(t, 3.6, 0, 25);
  uint32_t bytes = 0;
  check(bms_core_state_save(&core, &bytes), "save");
  memcpy(flash_image, bms_core_memory(&core) + BMS_SAVE_HEADER_BASE, bytes);
  restore_image(); /* after the reboot the uptime clock reads 5 s */
  double offset = 0;
  check(bms_core_time_resume_offset(&core, 5.0, &offset), "time_resume_offset");
  uint32_t resumed = step(5.0 + offset, 3.6, 0, 25);
  restore_image();
  uint32_t naive = step(5.0, 3.6, 0, 25);
  printf("resume_flags %lu naive_flags %lu\n", (unsigned long)resumed, (unsigned long)naive);
  if ((resumed & BMS_FLAG_CLOCK_BACKWARDS) != 0 || (resumed & BMS_FLAG_GAP) == 0 || (naive & BMS_FLAG_CLOCK_BACKWARDS) == 0) failures++;
  printf("done\n");
  return failures ? 1 : 0;
}
