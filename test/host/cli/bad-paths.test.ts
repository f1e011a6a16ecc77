// Every command, every bad path: a directory, a missing file, an empty file and garbage where an input
// is expected; an unwritable path and a missing folder where an output is expected. Each ends with its
// documented exit code (3 unreadable input or unwritable output, 1 a check failed) and one line on
// stderr naming the problem: never exit 70, never a stack trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'bms-badpaths-'));
const P = {
  dir: join(dir, 'a-directory'),
  missing: join(dir, 'no-such-file.bin'),
  empty: join(dir, 'empty.bin'),
  garbage: join(dir, 'garbage.bin'),
  unwritable: join(dir, 'garbage.bin', 'out.bin'), // below a regular file: ENOTDIR even for root
  noFolder: join(dir, 'no-such-folder', 'out.bin'),
  outDir: join(dir, 'a-directory'),
};
mkdirSync(P.dir);
writeFileSync(P.empty, new Uint8Array(0));
writeFileSync(P.garbage, new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) & 0xff)));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KEY = join(dir, 'private.pem');
const PUB = join(dir, 'public.pem');
writeFileSync(KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(PUB, publicKey.export({ type: 'spki', format: 'pem' }));
const CSV = join(dir, 'rec.csv');
writeFileSync(CSV, 't_s,voltage_V,current_A,temp_degC\n' + Array.from({ length: 50 }, (_, i) => `${i * 10},3.9,1,25`).join('\n') + '\n');

type Kind = 'dir' | 'missing' | 'empty' | 'garbage' | 'unwritable' | 'noFolder' | 'outDir';
interface Case { cmd: string; kinds: Partial<Record<Kind, number>>; args: (p: string) => string[]; stdin?: string }

const IN = (empty = 3, garbage = 3): Partial<Record<Kind, number>> => ({ dir: 3, missing: 3, empty, garbage });
const OUT: Partial<Record<Kind, number>> = { unwritable: 3, noFolder: 3, outDir: 3 };

const CASES: Case[] = [
  { cmd: 'decode --dbc', kinds: IN(), args: (p) => ['decode', '--protocol', 'pylon-can', '--dbc', p, '--', '(1.0) can0 351#2C01E803E8030402'] },
  { cmd: 'export <in>', kinds: IN(), args: (p) => ['export', p, '-o', join(dir, 'x.cbor')] },
  { cmd: 'export -o', kinds: OUT, args: (p) => ['export', CSV, '-o', p.replace(/\.bin$/, '.cbor')] },
  { cmd: 'export --key', kinds: IN(), args: (p) => ['export', CSV, '-o', join(dir, 'y.cbor'), '--key', p] },
  { cmd: 'flash-log', kinds: IN(), args: (p) => ['flash-log', p] },
  { cmd: 'grade', kinds: IN(), args: (p) => ['grade', p] },
  { cmd: 'keygen', kinds: { unwritable: 3 }, args: (p) => ['keygen', p] },
  { cmd: 'monitor --replay', kinds: IN(), args: (p) => ['monitor', '--replay', p, '--protocol', 'jbd'] },
  { cmd: 'params build --key', kinds: IN(), args: (p) => ['params', 'build', '--chemistry', 'NMC', '--version', '2', '--key', p, '-o', join(dir, 'b.bin')] },
  { cmd: 'params build -o', kinds: OUT, args: (p) => ['params', 'build', '--chemistry', 'NMC', '--version', '2', '--key', KEY, '-o', p] },
  { cmd: 'params verify <block>', kinds: IN(3, 1), args: (p) => ['params', 'verify', p, '--pub', PUB, '--sig', KEY, '--in-force-version', '1'] },
  { cmd: 'params verify --sig', kinds: IN(3, 1), args: (p) => ['params', 'verify', KEY, '--pub', PUB, '--sig', p, '--in-force-version', '1'] },
  { cmd: 'params verify --pub', kinds: IN(), args: (p) => ['params', 'verify', KEY, '--pub', p, '--sig', KEY, '--in-force-version', '1'] },
  { cmd: 'passport <in>', kinds: IN(), args: (p) => ['passport', p] },
  { cmd: 'passport -o', kinds: OUT, args: (p) => ['passport', CSV, '-o', p.replace(/\.bin$/, '.json')] },
  { cmd: 'replay', kinds: IN(), args: (p) => ['replay', p] },
  { cmd: 'replay --check', kinds: IN(), args: (p) => ['replay', CSV, '--check', p] },
  { cmd: 'replay --write-golden', kinds: { ...OUT, noFolder: 0 /* creates a missing folder */ }, args: (p) => ['replay', CSV, '--write-golden', p] },
  { cmd: 'report <in>', kinds: IN(), args: (p) => ['report', p, '-o', join(dir, 'r.html')] },
  { cmd: 'report -o', kinds: OUT, args: (p) => ['report', CSV, '-o', p.replace(/\.bin$/, '.html')] },
  { cmd: 'simulate --out', kinds: OUT, args: (p) => ['simulate', '--out', p, '--duration-s', '60'] },
  { cmd: 'simulate --drive-file', kinds: IN(), args: (p) => ['simulate', '--out', join(dir, 's.csv'), '--profile', 'drive', '--drive-file', p, '--duration-s', '60'] },
  { cmd: 'twin', kinds: IN(), args: (p) => ['twin', p] },
  { cmd: 'verify', kinds: IN(), args: (p) => ['verify', p] },
  { cmd: 'verify --pub', kinds: IN(), args: (p) => ['verify', CSV, '--pub', p] },
];

interface Result { status: number | null; stdout: string; stderr: string }
function cli(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'host/cli/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs every case, at most `n` processes at a time. */
async function runAll(n: number): Promise<{ label: string; expected: number; r: Result }[]> {
  // each case gets its own missing folder: a command that creates it must not hide it from another
  const pathOf = (k: Kind, i: number): string => (k === 'noFolder' ? join(dir, `no-such-folder-${i}`, 'out.bin') : P[k]);
  const jobs = CASES.flatMap((c, i) => Object.entries(c.kinds).map(([k, expected]) => ({ label: `${c.cmd} <${k}>`, expected: expected!, args: c.args(pathOf(k as Kind, i)) })));
  const out: { label: string; expected: number; r: Result }[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const j = jobs[next++]!;
      out.push({ label: j.label, expected: j.expected, r: await cli(j.args) });
    }
  }));
  return out;
}

test('every command ends a bad input or output path with its documented exit code and one line, no stack trace', async () => {
  const results = await runAll(3);
  const wrong: string[] = [];
  for (const { label, expected, r } of results) {
    // progress lines may share stderr; the error is the one line that starts with the command's name
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('bms-edge'));
    const problems = [
      r.status !== expected ? `exit ${r.status}, expected ${expected}` : '',
      /^\s+at /m.test(r.stderr) ? 'stack trace' : '',
      lines.length !== 1 && expected === 3 ? `${lines.length} lines on stderr` : '',
    ].filter(Boolean);
    if (problems.length) wrong.push(`${label}: ${problems.join(', ')} | ${r.stderr.trim().split('\n')[0]?.slice(0, 160) ?? ''}`);
  }
  assert.equal(wrong, [], `\n${wrong.join('\n')}`);
});

test.run();
