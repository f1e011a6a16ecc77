/**
 * Decode throughput (frames/s) per protocol and the added latency from the last byte of a frame
 * to the decoded sample. Run: npx tsx bench/decode.bench.ts [protocol]
 *
 * Byte protocols: a stream of real vector frames with 3 junk bytes between frames is pushed in
 * 64-byte reads (a typical USB-serial read), in whole-frame reads, and byte by byte (the worst
 * case; no transport should read like this, python-can#2027). Latency: for each frame, the time
 * of the push() that delivers its last byte plus toSample() of what it returned, p50 / p99 / max.
 * CAN: SLCAN line -> CanFrame -> Pylon DBC decode, and candump line -> Pylon DBC decode.
 * Throughput is frames per CPU-second of this process (process.cpuUsage), so figures taken on a
 * machine shared with other jobs stay comparable; latency is wall time.
 */
import { readFileSync } from 'node:fs';
import { createAntStreamDecoder } from '../host/protocols/ant.ts';
import { createDalyStreamDecoder } from '../host/protocols/daly.ts';
import { createJbdStreamDecoder } from '../host/protocols/jbd.ts';
import { createJk300StreamDecoder } from '../host/protocols/jk300.ts';
import { createJkUartStreamDecoder } from '../host/protocols/jk-uart.ts';
import { PylonCanDecoder } from '../host/protocols/pylon-can.ts';
import { toSample, type SampleInputFrame } from '../host/protocols/sample.ts';
import { slcanLineToCanFrame } from '../host/protocols/slcan.ts';
import type { StreamDecoder } from '../host/protocols/types.ts';

const vectors = (JSON.parse(readFileSync(new URL('../test/host/protocols/vectors.json', import.meta.url), 'utf8')) as { vectors: { id: string; hex?: string; line?: string }[] }).vectors;
const hexOf = (id: string): Uint8Array => new Uint8Array(Buffer.from(vectors.find((v) => v.id === id)!.hex!, 'hex'));

interface Case { name: string; make: () => StreamDecoder<SampleInputFrame & { raw: Uint8Array }>; frames: Uint8Array[] }
const cases: Case[] = [
  { name: 'jbd', make: createJbdStreamDecoder, frames: [hexOf('jbd-doc-basic-17s'), hexOf('jbd-doc-cells-17s')] },
  { name: 'daly', make: () => createDalyStreamDecoder(), frames: [hexOf('daly-solarreader-90'), hexOf('daly-solarreader-91'), hexOf('daly-solarreader-92')] },
  { name: 'jk-uart', make: () => createJkUartStreamDecoder(), frames: [hexOf('jk-uart-doc-14s')] },
  { name: 'jk300', make: () => createJk300StreamDecoder(), frames: [hexOf('jk300-v19-32s-discharging'), hexOf('jk300-pb-rs485-status')] },
  { name: 'ant', make: createAntStreamDecoder, frames: [hexOf('ant-new-8s-batmon')] },
];
/** User + system CPU time of this process in seconds. */
const cpuSeconds = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const JUNK = new Uint8Array([0x00, 0x0d, 0x0a]);

function streamOf(frames: Uint8Array[], count: number): { bytes: Uint8Array; ends: number[] } {
  const parts: Uint8Array[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const f = frames[k % frames.length]!;
    parts.push(JUNK, f);
    at += JUNK.length + f.length;
    ends.push(at);
  }
  return { bytes: Buffer.concat(parts), ends };
}

function throughput(c: Case, bytes: Uint8Array, chunk: number | 'frame', ends: number[]): { fps: number; frames: number } {
  const dec = c.make();
  let frames = 0;
  const t0 = cpuSeconds();
  if (chunk === 'frame') {
    let prev = 0;
    for (const e of ends) { frames += dec.push(bytes.subarray(prev, e)).frames.length; prev = e; }
  } else {
    for (let i = 0; i < bytes.length; i += chunk) frames += dec.push(bytes.subarray(i, i + chunk)).frames.length;
  }
  frames += dec.flush().frames.length;
  const s = cpuSeconds() - t0;
  return { fps: frames / s, frames };
}

function latency(c: Case, bytes: Uint8Array, ends: number[]): { p50: number; p99: number; max: number } {
  const dec = c.make();
  const us: number[] = [];
  let prev = 0;
  for (const e of ends) {
    // the frame's bytes arrive in 64-byte reads; time only the read carrying its last byte
    let i = prev;
    for (; e - i > 64; i += 64) dec.push(bytes.subarray(i, i + 64));
    const t0 = performance.now();
    const r = dec.push(bytes.subarray(i, e));
    toSample(r.frames);
    us.push((performance.now() - t0) * 1000);
    if (r.frames.length === 0) throw new Error(`${c.name}: frame ending at ${e} not delivered by the read carrying its last byte`);
    prev = e;
  }
  us.sort((a, b) => a - b);
  return { p50: us[Math.floor(us.length / 2)]!, p99: us[Math.floor(us.length * 0.99)]!, max: us[us.length - 1]! };
}

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0)).padStart(9);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}; frames per CPU-second (higher is better), latency in µs from the read carrying the last byte to the sample`);
console.log('protocol   frame B  64-B reads  frame reads  byte-by-byte   latency p50    p99    max');
const only = process.argv[2]; // optional: one protocol name
for (const c of cases.filter((x) => only === undefined || x.name === only)) {
  const n = c.name === 'jk300' || c.name === 'jk-uart' ? 20_000 : 60_000;
  const { bytes, ends } = streamOf(c.frames, n);
  throughput(c, bytes, 64, ends); // warm-up: one whole pass, so the figures are the optimised code's
  const r64 = throughput(c, bytes, 64, ends);
  const rf = throughput(c, bytes, 'frame', ends);
  const small = streamOf(c.frames, Math.floor(n / 20));
  const r1 = throughput(c, small.bytes, 1, small.ends);
  if (r64.frames !== n || rf.frames !== n || r1.frames !== small.ends.length) throw new Error(`${c.name}: lost frames (${r64.frames}, ${rf.frames}, ${r1.frames})`);
  const lat = latency(c, bytes.subarray(0, ends[4999]!), ends.slice(0, 5000));
  const avgLen = Math.round(c.frames.reduce((s, f) => s + f.length, 0) / c.frames.length);
  console.log(`${c.name.padEnd(9)} ${String(avgLen).padStart(7)} ${fmt(r64.fps)}   ${fmt(rf.fps)}    ${fmt(r1.fps)}     ${lat.p50.toFixed(1).padStart(8)} ${lat.p99.toFixed(1).padStart(6)} ${lat.max.toFixed(0).padStart(6)}`);
}

const pylon = PylonCanDecoder.load();
const slcanLines = ['t3518' + '2802F4012003E001', 't3554' + '3C006400', 't3566' + '6C140400DC00', 't3597' + '0000000001504E', 't35C2C000'];
const candumpLines = vectors.filter((v) => v.id.startsWith('pylon-')).map((v) => v.line!);
for (const [name, lines, parse] of [
  ['slcan+pylon', slcanLines, (l: string) => pylon.decode(slcanLineToCanFrame(l))],
  ['candump+pylon', candumpLines, (l: string) => pylon.decodeStrict(l)],
] as const) {
  const N = 200_000;
  for (let i = 0; i < 20_000; i++) parse(lines[i % lines.length]!);
  const t0 = cpuSeconds();
  for (let i = 0; i < N; i++) parse(lines[i % lines.length]!);
  const s = cpuSeconds() - t0;
  console.log(`${name.padEnd(14)} ${fmt(N / s)} frames/s (${(s / N * 1e6).toFixed(2)} µs per line incl. DBC decode)`);
}
