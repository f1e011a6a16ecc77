/**
 * Builds and runs the embedded images (embed/Makefile) and parses what they print. Shared by
 * test/embed/firmware.test.ts and bench/mcu.bench.ts. Every failure is an EmbedRunError carrying
 * the build or run log, so a missing tool or a broken build is reported with its cause.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './embed-slice.ts';

export const EMBED_OUT = join(ROOT, 'build/embed');
/** The copy of build/core.wasm the images were generated from (compare Node on this, not on a newer build). */
export const EMBED_WASM = join(EMBED_OUT, 'gen/core.wasm');
/** Wall-clock bound of one QEMU or host run, s. */
export const RUN_TIMEOUT_S = 60;
/** Wall-clock bound of the whole build, s. */
export const BUILD_TIMEOUT_S = 600;

/** Debian tools the embedded build needs, with the package that provides each. */
export const TOOLS: Record<string, string> = {
  make: 'make',
  gcc: 'gcc',
  wasm2c: 'wabt',
  wast2json: 'wabt',
  'spectest-interp': 'wabt',
  'arm-none-eabi-gcc': 'gcc-arm-none-eabi (+ libnewlib-arm-none-eabi)',
  'arm-none-eabi-size': 'binutils-arm-none-eabi',
  'arm-none-eabi-nm': 'binutils-arm-none-eabi',
  'qemu-system-arm': 'qemu-system-arm',
};

export class EmbedRunError extends Error {
  constructor(message: string, readonly code: 'tool-missing' | 'build-failed' | 'run-failed' | 'bad-output' | 'stale-image', readonly log: string) {
    super(`${message}\n--- log ---\n${log}`);
    this.name = 'EmbedRunError';
  }
}

export interface Image {
  name: 'm4' | 'm3' | 'm7' | 'host' | 'probe-m4' | 'probe-m3';
  target: string;
  /** ELF (or host executable) path. */
  file: string;
  /** Command that runs it. */
  argv: string[];
  arm: boolean;
}

function qemu(board: string, elf: string): string[] {
  return ['qemu-system-arm', '-M', board, '-nographic', '-semihosting', '-icount', 'shift=0', '-kernel', elf];
}

export const IMAGES: Image[] = [
  { name: 'm4', target: 'Cortex-M4F (mps2-an386)', file: join(EMBED_OUT, 'm4/firmware.elf'), argv: qemu('mps2-an386', join(EMBED_OUT, 'm4/firmware.elf')), arm: true },
  { name: 'm3', target: 'Cortex-M3 (mps2-an385)', file: join(EMBED_OUT, 'm3/firmware.elf'), argv: qemu('mps2-an385', join(EMBED_OUT, 'm3/firmware.elf')), arm: true },
  { name: 'm7', target: 'Cortex-M7 double-precision FPU (mps2-an500)', file: join(EMBED_OUT, 'm7/firmware.elf'), argv: qemu('mps2-an500', join(EMBED_OUT, 'm7/firmware.elf')), arm: true },
  { name: 'host', target: 'x86-64 (gcc)', file: join(EMBED_OUT, 'host/firmware'), argv: [join(EMBED_OUT, 'host/firmware')], arm: false },
  { name: 'probe-m4', target: 'Cortex-M4F size probe', file: join(EMBED_OUT, 'm4/probe.elf'), argv: qemu('mps2-an386', join(EMBED_OUT, 'm4/probe.elf')), arm: true },
  { name: 'probe-m3', target: 'Cortex-M3 size probe', file: join(EMBED_OUT, 'm3/probe.elf'), argv: qemu('mps2-an385', join(EMBED_OUT, 'm3/probe.elf')), arm: true },
];

export function image(name: Image['name']): Image {
  const found = IMAGES.find((i) => i.name === name);
  if (!found) throw new Error(`unknown image ${name}`);
  return found;
}

/** Throws (tool-missing) naming every absent tool and its Debian package. */
export function checkTools(): void {
  const missing = Object.entries(TOOLS).filter(([tool]) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0) {
    const list = missing.map(([tool, pkg]) => `${tool} (Debian package ${pkg})`).join(', ');
    throw new EmbedRunError(`missing tools: ${list}; .ci/run installs them`, 'tool-missing', `PATH=${process.env.PATH ?? ''}`);
  }
}

/** `make -C embed` (all images and replay.wast); returns the build log. */
export function buildImages(): string {
  checkTools();
  const r = spawnSync('make', ['-C', join(ROOT, 'embed'), '-j2', `OUT=${EMBED_OUT}`, 'all', 'gen'], {
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_S * 1000,
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0) throw new EmbedRunError(`embed build failed (status ${r.status}, ${r.error?.message ?? 'no spawn error'})`, 'build-failed', log);
  return log;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Throws (stale-image) unless `img` was built from the current core: the module copy the images were
 * generated from (EMBED_WASM) equals `wasm` byte for byte (SHA-256), and the image was linked after that
 * copy was written. make decides on timestamps alone; this checks the content.
 */
export function assertFresh(img: Image, wasm = join(ROOT, 'build/core.wasm')): void {
  const want = sha256(wasm), got = sha256(EMBED_WASM);
  if (got !== want) throw new EmbedRunError(`${img.name}: built from a core.wasm with SHA-256 ${got}, the current ${wasm} has ${want}`, 'stale-image', `rebuild with make -C embed OUT=${EMBED_OUT}`);
  if (statSync(img.file).mtimeMs < statSync(EMBED_WASM).mtimeMs) throw new EmbedRunError(`${img.file} is older than ${EMBED_WASM}`, 'stale-image', `rebuild with make -C embed OUT=${EMBED_OUT}`);
}

/**
 * The Cortex-M4F firmware built from the profiling core (scripts/embed-noinline.ts: same code,
 * function boundaries kept) with GCC inlining limited to functions declared inline (the wasm2c load/store helpers), into build/embed/noinline/.
 */
export function buildProfileImage(wasm: string, outDir: string): Image {
  checkTools();
  const r = spawnSync('make', ['-C', join(ROOT, 'embed'), `OUT=${outDir}`, `WASM=${wasm}`, 'W2C_FLAGS=-DNDEBUG -fno-inline-functions -fno-inline-small-functions -fno-inline-functions-called-once', 'FW_FLAGS=-DBMS_PROFILE_BUILD', join(outDir, 'm4/firmware.elf')], {
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_S * 1000,
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0) throw new EmbedRunError(`profiling build failed (status ${r.status})`, 'build-failed', log);
  const file = join(outDir, 'm4/firmware.elf');
  return { name: 'm4', target: 'Cortex-M4F, profiling build (no inlining)', file, argv: qemu('mps2-an386', file), arm: true };
}

export interface RunResult {
  status: number | null;
  /** stdout then stderr of the run. */
  stdout: string;
  /** `key rest...` lines; repeated keys (est, class, call) keep every occurrence. */
  lines: string[][];
}

/** Runs an image with a timeout and returns its output split into lines of words. */
export function runImage(img: Image): RunResult {
  const [cmd, ...args] = img.argv;
  const r = spawnSync(cmd!, args, { encoding: 'utf8', timeout: RUN_TIMEOUT_S * 1000, stdio: ['ignore', 'pipe', 'pipe'] });
  // rdimon's printf writes to the semihosting stdout; the probe's SYS_WRITE0 goes to QEMU's stderr
  const stdout = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0) {
    throw new EmbedRunError(`${img.name}: ${img.argv.join(' ')} exited ${r.status} (${r.error?.message ?? r.signal ?? 'no error'})`, 'run-failed', stdout);
  }
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
  return { status: r.status, stdout, lines };
}

/** The words after `key` on the first line starting with it. */
export function field(run: RunResult, key: string): string[] {
  const line = run.lines.find((l) => l[0] === key);
  if (!line) throw new EmbedRunError(`output has no '${key}' line`, 'bad-output', run.stdout);
  return line.slice(1);
}

/** Every line starting with `key`, without the key. */
export function fields(run: RunResult, key: string): string[][] {
  return run.lines.filter((l) => l[0] === key).map((l) => l.slice(1));
}

export interface SpectestResult {
  passed: number;
  total: number;
  status: number | null;
  log: string;
}

/** wast2json + spectest-interp on a .wast; parses its closing "N/M tests passed." line. */
export function runSpectest(wastPath: string): SpectestResult {
  checkTools();
  const json = wastPath.replace(/\.wast$/, '.json');
  const conv = spawnSync('wast2json', [wastPath, '-o', json], { encoding: 'utf8', timeout: RUN_TIMEOUT_S * 1000 });
  if (conv.status !== 0) throw new EmbedRunError(`wast2json ${wastPath} failed`, 'run-failed', `${conv.stdout}${conv.stderr}`);
  const r = spawnSync('spectest-interp', [json], { encoding: 'utf8', timeout: RUN_TIMEOUT_S * 1000 });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /(\d+)\/(\d+) tests passed\./.exec(log);
  if (!m) throw new EmbedRunError('spectest-interp printed no "N/M tests passed." line', 'bad-output', log);
  return { passed: Number(m[1]), total: Number(m[2]), status: r.status, log };
}
