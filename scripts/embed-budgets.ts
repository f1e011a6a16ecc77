/**
 * The Cortex-M budgets (README, developers' guide) and the measurements they are judged on, shared by
 * bench/mcu.bench.ts (prints the figures) and test/embed/budgets.test.ts (asserts them).
 *
 * Instructions per sample: the firmware reads SysTick around every step() call under QEMU `-icount
 * shift=0`, calibrates ticks against a loop of known length and measures the cost of the two reads
 * (embed/firmware/main.c); these are executed-instruction counts, not cycles.
 * Flash and RAM: the M4F size probe (core + runtime + startup, no printf) and its map file.
 */
import { join } from 'node:path';
import { EMBED_OUT, field, fields, image, runImage, type Image } from './embed-images.ts';
import { mapBreakdown, sectionSizes, type Contributor, type MapBreakdown } from './embed-size.ts';

/** Cortex-M4F, full pipeline, mean executed instructions per sample. */
export const BUDGET_M4_INSTR_PER_SAMPLE = 3000;
/** Size probe flash (.text + .rodata), bytes. */
export const BUDGET_M4_FLASH_BYTES = 48 * 1024;
/** RAM (.data + .bss) of the core, runtime and the libraries they pull in, bytes. */
export const BUDGET_CORE_RAM_BYTES = 24 * 1024;

export interface ClassCost {
  samples: number;
  instrPerSample: number;
  maxInstr: number;
}

export interface Timing {
  instrPerTick: number;
  fullPipeline: ClassCost;
  classes: Record<string, ClassCost>;
  calls: Record<string, number>;
  stackBytes: number;
}

/** Runs a firmware image under QEMU and converts its SysTick figures to instructions. */
export function timing(img: Image): Timing {
  const run = runImage(img);
  const [calibInstr, calibTicks] = field(run, 'calib').map(Number) as [number, number];
  const instrPerTick = calibInstr / calibTicks;
  const [ovTicks, ovN] = field(run, 'tick_overhead').map(Number) as [number, number];
  const overheadTicks = ovTicks / ovN;
  const classes: Record<string, ClassCost> = {};
  let totalSamples = 0, totalTicks = 0, maxTicks = 0;
  for (const [name, n, ticks, max] of fields(run, 'class')) {
    const samples = Number(n), t = Number(ticks) - Number(n) * overheadTicks;
    classes[name!] = { samples, instrPerSample: samples ? (t / samples) * instrPerTick : 0, maxInstr: Number(max) * instrPerTick };
    totalSamples += samples;
    totalTicks += t;
    maxTicks = Math.max(maxTicks, Number(max));
  }
  const calls = Object.fromEntries(fields(run, 'call').map(([name, t]) => [name!, Number(t) * instrPerTick]));
  return {
    instrPerTick,
    fullPipeline: { samples: totalSamples, instrPerSample: (totalTicks / totalSamples) * instrPerTick, maxInstr: maxTicks * instrPerTick },
    classes,
    calls,
    stackBytes: Number(field(run, 'stack_used')[0]),
  };
}

export interface ProbeFootprint {
  /** Size probe .text + .rodata, bytes. */
  flashBytes: number;
  /** Core + runtime + libgcc/libm/libc share of the probe (from its map file), bytes. */
  coreRuntime: { flash: number; ram: number };
  breakdown: MapBreakdown;
}

/** Flash and RAM of the M4F size probe. */
export function probeFootprint(): ProbeFootprint {
  const breakdown = mapBreakdown(join(EMBED_OUT, 'm4/probe.map'));
  const by = breakdown.byContributor;
  const coreRuntime = (['core', 'runtime', 'libgcc', 'libm', 'libc'] as Contributor[]).reduce((a, k) => ({ flash: a.flash + by[k].flash, ram: a.ram + by[k].ram }), { flash: 0, ram: 0 });
  const s = sectionSizes(image('probe-m4').file, true);
  return { flashBytes: s.text + s.rodata, coreRuntime, breakdown };
}
