/**
 * Dynamic instruction profile of a firmware image under QEMU, by function. Debian's QEMU ships no
 * TCG plugins, so this uses the execution log: `-d in_asm,exec,nochain` prints every translated
 * block's guest instructions once ("IN: <symbol>" + one line per instruction) and then one
 * "Trace" line per block executed (with chaining off, every execution is logged). Instructions of
 * a function = sum over its executed blocks of the block's instruction count.
 * wasm2c names the core's internal functions w2c_f<index>; build/core.wat (written by asc next to
 * the .wasm) gives the AssemblyScript name of each index, so core time maps to source functions
 * (after binaryen's and GCC's inlining: a function's figure includes what was inlined into it).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export type ProfileGroup = 'core' | 'runtime' | 'soft-float (libgcc)' | 'libm' | 'libc' | 'harness';

export interface ProfileEntry {
  symbol: string;
  /** AssemblyScript function for core symbols, else the C symbol. */
  name: string;
  group: ProfileGroup;
  instructions: number;
}

export interface Profile {
  total: number;
  entries: ProfileEntry[];
  byGroup: Record<ProfileGroup, number>;
  /** Per function, with the library code it called (soft-float, libm, libc) charged to it. */
  inclusive: ProfileEntry[];
}

/** AssemblyScript names by wasm function index, from the .wat asc writes (`(func $name` in index order). */
export function watFunctionNames(watPath: string): string[] {
  if (!existsSync(watPath)) return [];
  return [...readFileSync(watPath, 'utf8').matchAll(/^ \(func \$(\S+)/gm)].map((m) => m[1]!);
}

const HARNESS = /^(main|replay|trap_check|persist_check|print_\w+|check|Reset_Handler|Fault_Handler|board_\w+|_?_?v?f?i?printf.*|_printf_\w+|_vfprintf_r|_vfiprintf_r|__sfvwrite_r|__swsetup_r|__smakebuf_r|__swbuf_r|_write\w*|_fflush\w*|__sflush_r|__sfp\w*|_malloc_r|_free_r|_sbrk\w*|__retarget\w*|_swrite|__swrite|initialise_monitor_handles|_init|_fini|__libc_init_array|exit|_exit|__call_exitprocs|_puts_r|puts|putchar|_putc_r|memchr|strlen|__sinit|std|_isatty\w*|_fstat\w*|__ssputs_r|__sprint_r|_printf_common|_vsnprintf_r|__sread|__sseek|__sclose|_lseek\w*|_read\w*|_close\w*|findslot|checkerror|error|_swiwrite|_has_ext_\w+|__mcpy|__errno)$/;

function classify(symbol: string, names: string[]): ProfileEntry {
  const base = symbol.replace(/\..*$/, ''); // GCC clones: w2c_f16.isra.0 -> w2c_f16
  const idx = /^w2c_f(\d+)$/.exec(base);
  if (idx) return { symbol, name: names[Number(idx[1])] ?? base, group: 'core', instructions: 0 };
  // module built with a name section (profiling build): w2c_assembly_<module path>_<function>
  const named = /^w2c_assembly_(estimators_[a-z]+|util_[a-z0-9]+|log_ring|params_block|persist_state|pipeline|flags|snapshot|index)_(.+)$/.exec(base);
  if (named) return { symbol, name: `assembly/${named[1]!.replace('_', '/')}/${named[2]!}`, group: 'core', instructions: 0 };
  if (/^wasm_(quiet|fabs|floor|ceil|trunc|nearbyint|sqrt|copysign|min|max|rint)/.test(base)) return { symbol, name: `${base} (wasm2c helper)`, group: 'core', instructions: 0 };
  if (base.startsWith('w2c__lib_')) return { symbol, name: `~lib/${base.slice(9)}`, group: 'core', instructions: 0 };
  if (base.startsWith('w2c_') || base.startsWith('Z_bms_core') || /^(i32|i64|f32|f64)_(load|store)/.test(base) || base.startsWith('init_') || base === 'quiet_nan') {
    return { symbol, name: base.startsWith('w2c_') ? `export ${base.slice(4)}` : base, group: 'core', instructions: 0 };
  }
  if (base.startsWith('bms_core_') || base.startsWith('wasm_rt_') || base.startsWith('bms_rt_') || base === 'trapped') return { symbol, name: base, group: 'runtime', instructions: 0 };
  if (/^__(aeabi_|arm_|.*(df|sf)\d?$|.*(df|sf)i?\d$|fix|float|unord|.*di$)/.test(base)) return { symbol, name: base, group: 'soft-float (libgcc)', instructions: 0 };
  if (/^(sqrt|sqrtf|__ieee754_sqrt|__ieee754_sqrtf|fabs|floor|floorf|ceil|ceilf|truncf|nearbyintf|rintf|trunc|nearbyint|rint|copysign|fmin|fmax|__fpclassifyd|finite)$/.test(base)) return { symbol, name: base, group: 'libm', instructions: 0 };
  if (HARNESS.test(base)) return { symbol, name: base, group: 'harness', instructions: 0 };
  if (/^(memcpy|memset|memmove|memcmp|setjmp|longjmp)$/.test(base)) return { symbol, name: base, group: 'libc', instructions: 0 };
  return { symbol, name: base, group: 'harness', instructions: 0 };
}

/**
 * Accumulates guest instructions per symbol from QEMU's `-d in_asm,exec,nochain` log, line by line.
 * A block's size is taken from its "IN:" listing, which QEMU prints right before the block's first
 * "Trace" line; later executions are matched by the host address of the translated block.
 */
export class ExecLogCounter {
  readonly perSymbol = new Map<string, number>();
  /**
   * Instructions per owner: library code (soft-float, libm, libc: `isLibrary`) is charged to the
   * last non-library symbol executed before it, i.e. to the function that called it.
   */
  readonly perOwner = new Map<string, number>();
  private owner = '?';
  private readonly blockSize = new Map<string, number>();
  private pending = 0;
  private counting = false;

  constructor(private readonly isLibrary: (symbol: string) => boolean = () => false) {}

  feed(line: string): void {
    if (line.startsWith('IN:')) {
      this.pending = 0;
      this.counting = true;
    } else if (this.counting && line.startsWith('0x')) {
      this.pending++;
    } else if (line.startsWith('Trace ')) {
      // "Trace 0: 0x7f..host [flags/pc/cflags/...] symbol"
      const m = /^Trace \d+: (0x[0-9a-f]+) \[[^\]]*\] ?(\S*)/.exec(line);
      if (!m) return;
      const host = m[1]!;
      if (this.counting) {
        this.blockSize.set(host, this.pending);
        this.counting = false;
      }
      const sym = m[2] || '?';
      const n = this.blockSize.get(host) ?? 0;
      this.perSymbol.set(sym, (this.perSymbol.get(sym) ?? 0) + n);
      if (!this.isLibrary(sym)) this.owner = sym;
      this.perOwner.set(this.owner, (this.perOwner.get(this.owner) ?? 0) + n);
    }
  }
}

/** Runs the image once under QEMU with the execution log and returns instructions per function. */
export async function profileImage(board: string, elf: string, watPath: string, timeoutS = 180): Promise<Profile> {
  const names = watFunctionNames(watPath);
  const child = spawn('qemu-system-arm', ['-M', board, '-nographic', '-semihosting', '-icount', 'shift=0', '-kernel', elf, '-d', 'in_asm,exec,nochain'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
  const isLibrary = (sym: string): boolean => {
    const g = classify(sym, names).group;
    return g === 'soft-float (libgcc)' || g === 'libm' || g === 'libc';
  };
  const counter = new ExecLogCounter(isLibrary);
  for await (const line of createInterface({ input: child.stderr })) counter.feed(line);
  clearTimeout(timer);
  const byGroup: Record<ProfileGroup, number> = { core: 0, runtime: 0, 'soft-float (libgcc)': 0, libm: 0, libc: 0, harness: 0 };
  const entries: ProfileEntry[] = [];
  let total = 0;
  for (const [symbol, instructions] of counter.perSymbol) {
    const e = classify(symbol, names);
    e.instructions = instructions;
    entries.push(e);
    byGroup[e.group] += instructions;
    total += instructions;
  }
  entries.sort((a, b) => b.instructions - a.instructions);
  const inclusive = [...counter.perOwner].map(([symbol, instructions]) => ({ ...classify(symbol, names), instructions }));
  inclusive.sort((a, b) => b.instructions - a.instructions);
  return { total, entries, byGroup, inclusive };
}
