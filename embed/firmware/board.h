/*
 * What the example needs from the board: an instruction-proportional tick counter, the stack
 * high-water mark and a fatal-error exit. Cortex-M (QEMU MPS2): SysTick on the core clock; under
 * `qemu-system-arm -icount shift=0` one instruction takes 1 ns of virtual time and the MPS2 core
 * clock is 25 MHz, so one tick = 40 instructions (main.c calibrates this). Host build: no ticks.
 */
#ifndef BMS_BOARD_H
#define BMS_BOARD_H

#include <stdint.h>

#if defined(__arm__)
#include <stdio.h>
#include "semihost.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define BOARD_TICK_MASK 0x00FFFFFFu /* SysTick is a 24-bit down counter */
#define BOARD_HAS_TICKS 1

static inline void board_ticks_start(void) {
  SYST_RVR = BOARD_TICK_MASK;
  SYST_CVR = 0u;
  SYST_CSR = 5u; /* enable, processor clock, no interrupt */
}

static inline uint32_t board_ticks(void) {
  return SYST_CVR;
}

/** Ticks from `before` to `after` (down counter, one wrap at most: < 0.67 s at 25 MHz). */
static inline uint32_t board_ticks_between(uint32_t before, uint32_t after) {
  return (before - after) & BOARD_TICK_MASK;
}

/** 2 * n instructions (subs + bne per turn): the calibration load. */
static inline void board_spin(uint32_t n) {
  __asm__ volatile("1: subs %0, %0, #1\n bne 1b" : "+r"(n) : : "cc");
}

/** Bytes of stack ever used since reset (painted stack, see startup.c). */
uint32_t board_stack_used(void);

/**
 * Prints the lines the host reads to turn ticks into instructions: `calib 2000000 <ticks>` (the spin
 * load of 2,000,000 instructions) and `tick_overhead <ticks> 1000` (two tick reads, 1000 times).
 */
static inline void board_print_calibration(void) {
  uint32_t t0 = board_ticks();
  board_spin(1000000u);
  printf("calib 2000000 %lu\n", (unsigned long)board_ticks_between(t0, board_ticks()));
  uint32_t overhead = 0;
  for (int k = 0; k < 1000; ++k) {
    uint32_t a = board_ticks();
    uint32_t b = board_ticks();
    overhead += board_ticks_between(a, b);
  }
  printf("tick_overhead %lu 1000\n", (unsigned long)overhead);
}

static inline __attribute__((noreturn)) void board_fault(const char* what) {
  sh_write0("FATAL ");
  sh_write0(what);
  sh_write0("\n");
  sh_exit(3);
}
#else
#include <stdio.h>
#include <stdlib.h>
#define BOARD_HAS_TICKS 0
static inline void board_ticks_start(void) {}
static inline uint32_t board_ticks(void) { return 0u; }
static inline uint32_t board_ticks_between(uint32_t before, uint32_t after) { return before - after; }
static inline void board_spin(uint32_t n) { (void)n; }
static inline uint32_t board_stack_used(void) { return 0u; }
static inline __attribute__((noreturn)) void board_fault(const char* what) {
  printf("FATAL %s\n", what);
  exit(3);
}
#endif

#endif /* BMS_BOARD_H */
