/*
 * ARM semihosting calls (bkpt 0xAB), enough for an image without newlib stdio: write a string to
 * the host console, exit with a status. QEMU needs -semihosting.
 */
#ifndef BMS_SEMIHOST_H
#define BMS_SEMIHOST_H

#include <stdint.h>

#define SH_SYS_WRITE0 0x04u
#define SH_SYS_EXIT_EXTENDED 0x20u
#define SH_ADP_STOPPED_APPLICATION_EXIT 0x20026u

static inline uint32_t sh_call(uint32_t op, const void* arg) {
  register uint32_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

/** Writes a NUL-terminated string to the QEMU console. */
static inline void sh_write0(const char* s) {
  sh_call(SH_SYS_WRITE0, s);
}

/** Ends the emulation; QEMU exits with `code`. */
static inline __attribute__((noreturn)) void sh_exit(int code) {
  const uint32_t block[2] = {SH_ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
  sh_call(SH_SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}

#endif /* BMS_SEMIHOST_H */
