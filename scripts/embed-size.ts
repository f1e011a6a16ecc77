/**
 * Flash and RAM accounting of the embedded images: section sizes from `size -A`, and a
 * breakdown by contributor (core, runtime, harness, libgcc, libm, libc, rdimon) from the GNU ld
 * map file, so the budget figure "core + runtime" is measured, not estimated.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

export class SizeError extends Error {
  constructor(message: string, readonly code: 'size-failed' | 'bad-map') {
    super(message);
    this.name = 'SizeError';
  }
}

export interface Sections {
  text: number;
  rodata: number;
  data: number;
  bss: number;
}

/** Section sizes of an ELF (`arm-none-eabi-size -A`, or GNU `size -A` for the host image). */
export function sectionSizes(elf: string, arm: boolean): Sections {
  const r = spawnSync(arm ? 'arm-none-eabi-size' : 'size', ['-A', elf], { encoding: 'utf8' });
  if (r.status !== 0) throw new SizeError(`size -A ${elf}: ${r.stderr}`, 'size-failed');
  const out: Sections = { text: 0, rodata: 0, data: 0, bss: 0 };
  for (const line of r.stdout.split('\n')) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line.trim());
    if (!m) continue;
    const [, name, size] = m;
    const n = Number(size);
    if (name === '.text' || name === '.init' || name === '.fini' || name === '.plt' || name === '.plt.got') out.text += n;
    else if (name === '.rodata' || name === '.ARM.exidx' || name === '.eh_frame' || name === '.eh_frame_hdr') out.rodata += n;
    else if (name === '.data' || name === '.init_array' || name === '.fini_array' || name === '.data.rel.ro' || name === '.got') out.data += n;
    else if (name === '.bss') out.bss += n;
  }
  return out;
}

export type Contributor = 'core' | 'runtime' | 'harness' | 'libgcc' | 'libm' | 'libc' | 'rdimon' | 'other';

export interface Contribution {
  flash: number;
  ram: number;
}

export interface MapBreakdown {
  byContributor: Record<Contributor, Contribution>;
  /** Flash bytes per libgcc archive member (the soft-float routines live there). */
  libgccMembers: Record<string, number>;
}

function contributorOf(file: string): Contributor {
  const b = basename(file);
  if (b === 'bms_core_w2c.o') return 'core';
  if (b === 'wasm-rt-static.o' || b === 'bms_core.o') return 'runtime';
  if (['startup.o', 'main.o', 'probe.o', 'samples.o'].includes(b)) return 'harness';
  if (b.startsWith('libgcc.a(')) return 'libgcc';
  if (b.startsWith('libm.a(')) return 'libm';
  if (b.startsWith('libc_nano.a(') || b.startsWith('libc.a(') || b.startsWith('libg_nano.a(')) return 'libc';
  if (b.startsWith('librdimon')) return 'rdimon';
  return 'other';
}

const FLASH_OUT = new Set(['.text', '.rodata', '.ARM.exidx', '.ARM.extab', '.init_array']);
const RAM_OUT = new Set(['.bss']);

/** Parses the "Linker script and memory map" part of a GNU ld -Map file. `.data` counts as both. */
export function mapBreakdown(mapPath: string): MapBreakdown {
  const text = readFileSync(mapPath, 'utf8');
  const start = text.indexOf('Linker script and memory map');
  if (start < 0) throw new SizeError(`${mapPath}: not a GNU ld map file`, 'bad-map');
  const by = Object.fromEntries(['core', 'runtime', 'harness', 'libgcc', 'libm', 'libc', 'rdimon', 'other'].map((k) => [k, { flash: 0, ram: 0 }])) as Record<Contributor, Contribution>;
  const libgccMembers: Record<string, number> = {};
  let out = '';
  let pending: string | null = null;
  for (const line of text.slice(start).split('\n')) {
    const outSec = /^(\.[\w.]+)\s/.exec(line) ?? /^(\.[\w.]+)$/.exec(line);
    if (outSec) {
      out = outSec[1]!;
      pending = null;
      continue;
    }
    const nameOnly = /^ (\.\S+|COMMON)$/.exec(line);
    if (nameOnly) {
      pending = nameOnly[1]!;
      continue;
    }
    const full = /^ (\.\S+|COMMON)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    const cont = /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    if (!full && !(cont && pending)) continue;
    const size = full ? parseInt(full[3]!, 16) : parseInt(cont![2]!, 16);
    const file = full ? full[4]! : cont![3]!;
    pending = null;
    if (size === 0) continue;
    const who = contributorOf(file);
    if (FLASH_OUT.has(out) || out === '.data') by[who].flash += size;
    if (RAM_OUT.has(out) || out === '.data') by[who].ram += size;
    if (who === 'libgcc' && FLASH_OUT.has(out)) {
      const member = /\(([^)]+)\)/.exec(file)?.[1] ?? file;
      libgccMembers[member] = (libgccMembers[member] ?? 0) + size;
    }
  }
  return { byContributor: by, libgccMembers };
}

export interface CallSites {
  /** Call sites per callee. */
  byCallee: Record<string, number>;
  /** Call sites per calling function (symbol of the object), then per callee. */
  byCaller: Record<string, Record<string, number>>;
}

/** Static call sites in an object (relocations of bl/b.w) to callees starting with `prefix`: where the soft-float calls are. */
export function callSites(object: string, prefix = '__aeabi_'): CallSites {
  const r = spawnSync('arm-none-eabi-objdump', ['-dr', object], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new SizeError(`objdump ${object}: ${r.stderr}`, 'size-failed');
  const out: CallSites = { byCallee: {}, byCaller: {} };
  let caller = '?';
  for (const line of r.stdout.split('\n')) {
    const fn = /^[0-9a-f]+ <([^>]+)>:$/.exec(line);
    if (fn) {
      caller = fn[1]!;
      continue;
    }
    const m = /R_ARM_THM_(?:CALL|JUMP24)\s+(\S+)/.exec(line);
    if (!m || !m[1]!.startsWith(prefix)) continue;
    const callee = m[1]!;
    out.byCallee[callee] = (out.byCallee[callee] ?? 0) + 1;
    const row = (out.byCaller[caller] ??= {});
    row[callee] = (row[callee] ?? 0) + 1;
  }
  return out;
}
