/*
 * Cortex-M3/M4 startup for the QEMU MPS2 boards: vector table, reset (copy .data, zero .bss,
 * enable the FPU when compiled for one, paint the stack), then main() and exit() through
 * semihosting (QEMU quits with main's return value).
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern uint32_t __stack_top[], __stack_limit[];

int main(void);
void exit(int code) __attribute__((noreturn));

void Reset_Handler(void) __attribute__((noreturn));
static void Fault_Handler(void);

/* Word the stack is painted with; the lowest word that differs is the high-water mark. */
#define STACK_PAINT 0xC0FFEE5Au

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
  (void (*)(void))__stack_top, /* initial SP */
  Reset_Handler,
  Fault_Handler, /* NMI */
  Fault_Handler, /* HardFault */
  Fault_Handler, /* MemManage */
  Fault_Handler, /* BusFault */
  Fault_Handler, /* UsageFault */
};

void Reset_Handler(void) {
  for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;) *d++ = *s++;
  for (uint32_t* d = __bss_start; d < __bss_end;) *d++ = 0;
#if defined(__ARM_FP)
  /* CP10 and CP11 full access, then let the pipeline see it */
  *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
  __asm volatile("dsb\n isb");
#endif
  uint32_t sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t* p = __stack_limit; p < (uint32_t*)(sp - 64u); ++p) *p = STACK_PAINT;
  exit(main());
}

uint32_t board_stack_used(void) {
  const uint32_t* p = __stack_limit;
  while (p < __stack_top && *p == STACK_PAINT) ++p;
  return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)p);
}

static void Fault_Handler(void) {
  board_fault("hard fault");
}

/* -nostartfiles: newlib's __libc_init_array calls these around the init arrays. */
void _init(void) {}
void _fini(void) {}
