/**
 * The Ed25519 verifier on the Cortex-M4F: builds build/embed/verify/m4/verify.elf (embed/Makefile,
 * wasm2c of build/verify.wasm + the bare-metal runtime + embed/firmware/verify_bench.c), runs it under
 * QEMU (-icount shift=0) and returns its verdicts and the cost of one verification: flash (.text +
 * .rodata of the verifier and its runtime), RAM (linear memory + runtime state + stack high-water
 * mark) and executed instructions (SysTick ticks x the calibrated instructions per tick).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './embed-slice.ts';

export const VERIFY_ELF = join(ROOT, 'build/embed/verify/m4/verify.elf');

export interface VerifyCost {
  verdicts: { name: string; got: number; want: number }[];
  instructions: number;
  flash_B: number;
  linearMemory_B: number;
  runtimeRam_B: number;
  stack_B: number;
}

function sizeOf(obj: string): { text: number; data: number; bss: number } {
  const out = execFileSync('arm-none-eabi-size', [obj], { encoding: 'utf8' }).trim().split('\n')[1]!.trim().split(/\s+/).map(Number);
  return { text: out[0]!, data: out[1]!, bss: out[2]! };
}

export function measureVerify(): VerifyCost {
  execFileSync('make', ['-C', join(ROOT, 'embed'), '-s', VERIFY_ELF], { stdio: ['ignore', 'ignore', 'inherit'] });
  const r = spawnSync('qemu-system-arm', ['-M', 'mps2-an386', '-nographic', '-semihosting', '-icount', 'shift=0', '-kernel', VERIFY_ELF], { encoding: 'utf8', timeout: 120_000 });
  const lines = `${r.stdout}${r.stderr}`.split(/\r?\n/).map((l) => l.trim().split(/\s+/));
  const word = (key: string, i = 1): number => Number(lines.find((l) => l[0] === key)?.[i]);
  const calib = word('calib', 2) / word('calib', 1); // ticks per instruction
  const overhead = word('tick_overhead') / word('tick_overhead', 2);
  const ticks = Number(lines.find((l) => l[0] === 'call' && l[1] === 'verify')?.[2]);
  const w2c = sizeOf(join(ROOT, 'build/embed/verify/m4/bms_verify_w2c.o'));
  const rt = sizeOf(join(ROOT, 'build/embed/verify/m4/wasm-rt-static.o'));
  const memory = word('memory_bytes');
  return {
    verdicts: lines.filter((l) => l[0] === 'verdict').map((l) => ({ name: l[1]!, got: Number(l[2]), want: Number(l[3]) })),
    instructions: Math.round((ticks - overhead) / calib),
    flash_B: w2c.text + w2c.data + rt.text + rt.data,
    linearMemory_B: memory,
    runtimeRam_B: w2c.bss + rt.bss - memory,
    stack_B: word('stack_used'),
  };
}
