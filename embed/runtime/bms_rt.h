/*
 * bms_rt.h: the bare-metal wasm2c runtime (wasm-rt-static.c) as seen by the embedder.
 * Declares what the stock wasm-rt-impl.h would (the trap jump buffer) plus the guard macro that
 * arms it. Include after, or instead of, the generated module header.
 */
#ifndef BMS_RT_H
#define BMS_RT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "wasm-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where wasm_rt_trap() jumps; armed by BMS_RT_GUARD. */
extern jmp_buf wasm_rt_jmp_buf;
#if WASM_RT_USE_STACK_DEPTH_COUNT
/** Call depth saved when the guard was armed, restored by a trap. */
extern uint32_t wasm_rt_saved_call_stack_depth;
#define BMS_RT_SAVE_DEPTH() (wasm_rt_saved_call_stack_depth = wasm_rt_call_stack_depth)
#else
#define BMS_RT_SAVE_DEPTH() ((void)0)
#endif

/** Code of the most recent trap (WASM_RT_TRAP_NONE before the first). */
wasm_rt_trap_t bms_rt_last_trap(void);

/** Byte size of the static linear memory (BMS_RT_MEMORY_BYTES at build time). */
uint32_t bms_rt_memory_bytes(void);

/*
 * Arms the trap handler in the calling function: a trap in any wasm call made after it returns
 * from the calling function with `on_trap(code)`. Use it as a statement, `BMS_RT_GUARD(f);`, at the top of a function
 * that returns a trap code; the function must stay active while wasm code runs (setjmp rules).
 */
#define BMS_RT_GUARD(on_trap)                              \
  do {                                                     \
    BMS_RT_SAVE_DEPTH();                                   \
    wasm_rt_set_unwind_target(&wasm_rt_jmp_buf);           \
  } while (0);                                             \
  if (setjmp(wasm_rt_jmp_buf) != 0) return on_trap(bms_rt_last_trap())

#ifdef __cplusplus
}
#endif

#endif /* BMS_RT_H */
