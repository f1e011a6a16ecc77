/**
 * MCU bench: builds the embedded images (embed/Makefile), runs them under QEMU and prints, per image,
 * flash (.text + .rodata), RAM (.data + .bss, which holds the core's truncated linear memory) and
 * instructions per sample of the full pipeline; then the budget figures (size probe = core +
 * runtime + startup, no printf) with a breakdown by contributor, and where the instructions go.
 *
 * Instructions: QEMU runs with `-icount shift=0` (1 instruction = 1 ns virtual) and the firmware
 * reads SysTick (25 MHz core clock) around every step() call; it calibrates ticks against a loop of
 * 2,000,000 known instructions (expect 40 instructions per tick) and measures the cost of the two
 * reads. These are executed-instruction counts, not cycles (no FPU latency, soft-float call or
 * wait-state timing). Per estimator: the ABI has no switch to turn estimators off, so the breakdown
 * is by sample class: rest, charge, discharge (no log record written) and samples that wrote a log
 * record (events, anchors, capacity/resistance updates, gaps, summaries).
 * The Cortex-M7 image (double-precision FPU) runs the same C: M4F minus M7 is the soft-f64 share.
 *
 * Where the instructions go: a dynamic profile of the M4F image by function (QEMU execution log,
 * scripts/embed-profile.ts), core functions named after their AssemblyScript source; skipped with --quick.
 *
 * Usage: tsx bench/mcu.bench.ts [--json] [--quick]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { USED_END, USED_LIMIT } from '../layout/core-layout.ts';
import { buildImages, buildProfileImage, EMBED_OUT, EMBED_WASM, field, fields, image, runImage, type Image } from '../scripts/embed-images.ts';
import { buildNoInlineWasm, NOINLINE_DIR } from '../scripts/embed-noinline.ts';
import { reference, sliceSamples } from '../scripts/embed-slice.ts';
import { callSites, mapBreakdown, sectionSizes, type Contributor } from '../scripts/embed-size.ts';
import { profileImage, watFunctionNames, type Profile } from '../scripts/embed-profile.ts';
import { measureVerify } from '../scripts/embed-verify.ts';

const BUDGET_M4_INSTR_PER_SAMPLE = 3000;
const BUDGET_M4_FLASH_BYTES = 48 * 1024;
const BUDGET_CORE_RAM_BYTES = 24 * 1024;

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });

interface ClassCost {
  samples: number;
  instrPerSample: number;
  maxInstr: number;
}

interface Timing {
  instrPerTick: number;
  fullPipeline: ClassCost;
  classes: Record<string, ClassCost>;
  calls: Record<string, number>;
  stackBytes: number;
}

function timing(img: Image): Timing {
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

function memoryBytes(): { memory: number; dataEnd: number } {
  const h = readFileSync(join(EMBED_OUT, 'gen/bms_core_memory.h'), 'utf8');
  return { memory: Number(/BMS_RT_MEMORY_BYTES (\d+)u/.exec(h)?.[1]), dataEnd: Number(/BMS_MODULE_DATA_END (\d+)u/.exec(h)?.[1]) };
}

const kib = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;
const verdict = (ok: boolean): string => (ok ? 'within budget' : 'OVER BUDGET');

buildImages();
const mem = memoryBytes();
const report: Record<string, unknown> = { linearMemoryBytes: mem.memory, stateEndBytes: USED_END, dataEndBytes: mem.dataEnd };

// 1. Per image: sections and (on Cortex-M) instructions per sample.
const perImage: Record<string, unknown> = {};
const timings: Record<string, Timing> = {};
for (const name of ['m4', 'm3', 'm7', 'host', 'probe-m4', 'probe-m3'] as const) {
  const img = image(name);
  const s = sectionSizes(img.file, img.arm);
  const entry: Record<string, unknown> = { target: img.target, flashBytes: s.text + s.rodata, ramBytes: s.data + s.bss, sections: s };
  if (img.arm && !name.startsWith('probe')) {
    timings[name] = timing(img);
    entry.timing = timings[name];
  }
  perImage[name] = entry;
}
report.images = perImage;

// 2. Budget figures from the size probe and the map files.
const probe = mapBreakdown(join(EMBED_OUT, 'm4/probe.map'));
const by = probe.byContributor;
const coreRuntime = (['core', 'runtime', 'libgcc', 'libm', 'libc'] as Contributor[]).reduce((a, k) => ({ flash: a.flash + by[k].flash, ram: a.ram + by[k].ram }), { flash: 0, ram: 0 });
const probeSections = sectionSizes(image('probe-m4').file, true);
const m4 = timings.m4!, m7 = timings.m7!;
const softShare = m4.fullPipeline.instrPerSample - m7.fullPipeline.instrPerSample;
const sites = callSites(join(EMBED_OUT, 'm4/bms_core_w2c.o'));
report.budgets = {
  m4InstrPerSample: { value: m4.fullPipeline.instrPerSample, budget: BUDGET_M4_INSTR_PER_SAMPLE },
  m4FlashBytes: { value: probeSections.text + probeSections.rodata, coreRuntimeLibs: coreRuntime.flash, budget: BUDGET_M4_FLASH_BYTES },
  coreRamBytes: { value: coreRuntime.ram, linearMemory: mem.memory, budget: BUDGET_CORE_RAM_BYTES },
};
report.probeBreakdown = by;
report.libgccMembers = probe.libgccMembers;
report.softFloatCallSites = sites;
report.softF64InstrPerSampleM4 = softShare;
let profile: Profile | undefined;
let perModule: { digestMatchesNode: boolean; digestEqualsRelease: boolean; samples: number; modules: [string, number][] } | undefined;
if (!values.quick) {
  profile = await profileImage('mps2-an386', image('m4').file, join(EMBED_OUT, 'gen/core.wat'));
  report.profileM4 = profile;
  // per estimator: the profiling build keeps function boundaries; library calls are charged to their caller
  const wasm = buildNoInlineWasm();
  const img = buildProfileImage(wasm, NOINLINE_DIR);
  const run = runImage(img);
  const samples = sliceSamples();
  const digest = field(run, 'digest')[0];
  const p = await profileImage('mps2-an386', img.file, join(NOINLINE_DIR, 'gen/core.wat'));
  const mods = new Map<string, number>();
  for (const e of p.inclusive) {
    // the profiling firmware skips the trap and persistence checks; the one digest() at the end is left out
    if (e.group === 'harness' || /(fnv1a64|stateDigest|index\/digest)$/.test(e.name) || e.name === 'Z_bms_coreZ_digest') continue;
    const mod = /^assembly\/((?:estimators|util|log|params|persist)\/[a-z0-9]+|[a-z]+)\//.exec(e.name)?.[1]
      ?? (e.group === 'runtime' ? 'runtime (C wrappers)' : e.name.startsWith('~lib/') ? 'AssemblyScript stdlib (Mathf)' : e.name.includes('wasm2c helper') ? 'wasm2c helpers (fabs, floor, NaN)' : 'exports and instantiation');
    mods.set(mod, (mods.get(mod) ?? 0) + e.instructions);
  }
  perModule = {
    digestMatchesNode: digest === reference(samples, wasm).digest,
    digestEqualsRelease: digest === reference(samples, EMBED_WASM).digest,
    samples: samples.length / 4,
    modules: [...mods].sort((a, b) => b[1] - a[1]),
  };
  report.perModuleM4 = perModule;
}

// one Ed25519 verification of a signed parameter block (build/verify.wasm, assembly/verify/) on the M4F
const verifyCost = measureVerify();
(report as Record<string, unknown>).verifyM4 = verifyCost;

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`linear memory: ${mem.memory} B static array (state ends at ${USED_END} B, preset data at ${mem.dataEnd} B; layout limit ${USED_LIMIT} B)\n`);
  console.log('image       flash(.text+.rodata)  RAM(.data+.bss)  instr/sample  max/sample  stack');
  for (const [name, e] of Object.entries(perImage) as [string, { flashBytes: number; ramBytes: number; timing?: Timing }][]) {
    const t = e.timing;
    console.log(`${name.padEnd(10)}  ${String(e.flashBytes).padStart(10)} B ${kib(e.flashBytes).padStart(9)}  ${String(e.ramBytes).padStart(8)} B  ${t ? t.fullPipeline.instrPerSample.toFixed(0).padStart(12) : '           -'}  ${t ? t.fullPipeline.maxInstr.toFixed(0).padStart(10) : '         -'}  ${t ? `${t.stackBytes} B` : '-'}`);
  }
  console.log('(firmware images hold the 4096-sample array, 128 KiB of .rodata, and newlib printf; probes are core + runtime + startup only)\n');
  for (const [name, t] of Object.entries(timings)) {
    console.log(`${image(name as Image['name']).target}: ${t.instrPerTick.toFixed(2)} instructions/tick (calibrated), full pipeline ${t.fullPipeline.instrPerSample.toFixed(0)} instructions/sample over ${t.fullPipeline.samples} samples`);
    for (const [c, v] of Object.entries(t.classes)) console.log(`  ${c.padEnd(10)} ${String(v.samples).padStart(5)} samples  ${v.instrPerSample.toFixed(0).padStart(6)} instr/sample  max ${v.maxInstr.toFixed(0)}`);
    console.log(`  calls: ${Object.entries(t.calls).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} instructions`);
  }
  console.log('\nbudgets (Cortex-M4F):');
  console.log(`  full pipeline       ${m4.fullPipeline.instrPerSample.toFixed(0)} instructions/sample  (budget ${BUDGET_M4_INSTR_PER_SAMPLE}): ${verdict(m4.fullPipeline.instrPerSample <= BUDGET_M4_INSTR_PER_SAMPLE)}`);
  console.log(`    of which soft-f64 ~${softShare.toFixed(0)} (M4F ${m4.fullPipeline.instrPerSample.toFixed(0)} minus M7 with f64 in hardware ${m7.fullPipeline.instrPerSample.toFixed(0)})`);
  console.log(`  flash, size probe   ${probeSections.text + probeSections.rodata} B = ${kib(probeSections.text + probeSections.rodata)} (budget 48 KiB): ${verdict(probeSections.text + probeSections.rodata <= BUDGET_M4_FLASH_BYTES)}`);
  console.log(`    core ${by.core.flash} B, runtime ${by.runtime.flash} B, libgcc ${by.libgcc.flash} B, libm ${by.libm.flash} B, libc ${by.libc.flash} B, startup+probe ${by.harness.flash} B`);
  console.log(`  RAM of core+runtime ${coreRuntime.ram} B = ${kib(coreRuntime.ram)} (budget 24 KiB): ${verdict(coreRuntime.ram <= BUDGET_CORE_RAM_BYTES)}; linear memory ${mem.memory} B, the rest runtime/libc statics; stack ${m4.stackBytes} B (main firmware, high-water)`);
  console.log('\nsoft-float in the M4F core object (static call sites, by libgcc routine):');
  console.log(`  ${Object.entries(sites.byCallee).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const names = watFunctionNames(join(EMBED_OUT, 'gen/core.wat'));
  const callerName = (sym: string): string => {
    const idx = /^w2c_f(\d+)/.exec(sym);
    return idx ? names[Number(idx[1])] ?? sym : sym;
  };
  const callers = Object.entries(sites.byCaller).map(([c, row]) => [c, row, Object.values(row).reduce((a, b) => a + b, 0)] as const).sort((a, b) => b[2] - a[2]);
  console.log('  by calling function (after inlining):');
  for (const [c, row, total] of callers.slice(0, 12)) {
    console.log(`    ${String(total).padStart(4)}  ${callerName(c)}: ${Object.entries(row).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.replace('__aeabi_', '')} ${v}`).join(', ')}`);
  }
  console.log(`  libgcc members linked (flash B): ${Object.entries(probe.libgccMembers).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (profile) {
    const n = m4.fullPipeline.samples;
    const p = profile;
    const g = p.byGroup;
    const work = p.total - g.harness;
    console.log(`\ndynamic profile, Cortex-M4F image, whole run (${n} samples + init, snapshot, 3 digests, state_save/restore): ${work} instructions outside the harness`);
    console.log(`  core ${(100 * g.core / work).toFixed(1)} %, soft-float ${(100 * g['soft-float (libgcc)'] / work).toFixed(1)} %, runtime ${(100 * g.runtime / work).toFixed(1)} %, libm ${(100 * g.libm / work).toFixed(1)} %, libc ${(100 * g.libc / work).toFixed(1)} %`);
    console.log('  top functions (instructions per replayed sample; GCC/binaryen inlining folds callees into callers):');
    const oneOff = /^Z_bms_coreZ_(digest|state_save|state_restore)$/;
    for (const e of p.entries.filter((x) => x.group !== 'harness' && !oneOff.test(x.name)).slice(0, 24)) {
      console.log(`    ${(e.instructions / n).toFixed(0).padStart(6)}  ${e.group.padEnd(20)} ${e.name}`);
    }
    const bySource = new Map<string, number>();
    for (const e of p.entries.filter((x) => x.group === 'core' && !oneOff.test(x.name))) {
      const src = /^assembly\/(.+)\/[^/]+$/.exec(e.name)?.[1] ?? 'exports';
      bySource.set(src, (bySource.get(src) ?? 0) + e.instructions);
    }
    console.log('  core by AssemblyScript source file (per replayed sample, soft-float excluded, inlined code counted in its caller):');
    console.log(`    ${[...bySource].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / n).toFixed(0)}`).join(', ')}`);
    const once = p.entries.filter((x) => oneOff.test(x.name));
    console.log(`  one-off exports left out above (whole run, not per sample): ${once.map((e) => `${e.name.replace('Z_bms_coreZ_', '')} ${e.instructions}`).join(', ')}`);
  }
  if (perModule) {
    console.log(`\nper estimator, Cortex-M4F profiling build (binaryen and GCC inlining off, so slower than release; digest ${perModule.digestMatchesNode ? 'equals' : 'DIFFERS FROM'} Node's for that build, ${perModule.digestEqualsRelease ? 'equals' : 'differs from'} the release build's):`);
    console.log('  instructions per replayed sample, each module with the soft-float/libm/libc code it called; the pipeline keeps what AssemblyScript @inline helpers put in it:');
    for (const [mod, v] of perModule.modules.filter(([, v]) => v / perModule!.samples >= 0.5)) console.log(`    ${(v / perModule.samples).toFixed(0).padStart(6)}  ${mod}`);
  }
  const v = verifyCost;
  console.log(`\nEd25519 verification (build/verify.wasm via wasm2c, Cortex-M4F under QEMU, verdicts ${v.verdicts.every((x) => x.got === x.want) ? 'as expected' : 'WRONG'}):`);
  console.log(`  one verification: ${(v.instructions / 1e6).toFixed(1)} M instructions (${(v.instructions / 168e6).toFixed(2)} s at 168 MHz, 1 instruction per cycle); flash ${v.flash_B} B (verifier + runtime); RAM ${v.linearMemory_B} B linear memory (1 KiB message buffer included) + ${v.runtimeRam_B} B runtime + ${v.stack_B} B stack`);
}
