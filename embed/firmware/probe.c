/*
 * Size probe: the smallest useful firmware around the core, for the flash/RAM budget. No printf,
 * no newlib stdio, no heap (the link has no malloc/sbrk: the test checks the symbol table).
 * Runs init + step over the first BMS_PROBE_SAMPLES samples of the slice, then writes
 * `digest <16 hex digits>` through a raw semihosting call and exits 0 (3 on a trap).
 */
#include <stdint.h>

#include "board.h"
#include "bms_core.h"
#include "bms_core_layout.h"
#include "probe_samples.h"

void exit(int code) __attribute__((noreturn));
void exit(int code) {
  sh_exit(code);
}

static bms_core_t core;

static void put_hex64(char* out, uint64_t v) {
  for (int i = 15; i >= 0; --i) {
    out[i] = "0123456789abcdef"[v & 0xFu];
    v >>= 4;
  }
}

int main(void) {
  int32_t reason = -1;
  uint32_t flags = 0;
  uint64_t digest = 0;
  if (bms_core_open(&core) != BMS_OK) board_fault("instantiate");
  if (bms_core_init(&core, (int32_t)BMS_CHEM_NASA18650, &reason) != BMS_OK || reason != 0) board_fault("init");
  for (uint32_t i = 0; i < BMS_PROBE_SAMPLES; ++i) {
    const double* s = bms_probe_samples[i];
    if (bms_core_step(&core, s[0], s[1], s[2], s[3], &flags) != BMS_OK) board_fault("step");
  }
  if (bms_core_digest(&core, &digest) != BMS_OK) board_fault("digest");
  char line[] = "digest 0000000000000000\n";
  put_hex64(line + 7, digest);
  sh_write0(line);
  return 0;
}
