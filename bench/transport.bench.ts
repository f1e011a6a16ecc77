/**
 * Transport latency: the time from the moment the last byte of a frame is written on one end of a
 * pty pair until the decoded sample exists on the other end (serial read, framing, decode,
 * toSample), over a few hundred frames, one frame at a time (each waits for the previous sample).
 * The clock starts at the far end's write call. Prints median, p99 and max in milliseconds per protocol, and the number of reads each frame took
 * (1 = the whole frame came in one read: no byte-at-a-time reads).
 * Run: npx tsx bench/transport.bench.ts [frames]   (needs socat)
 */
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { SerialTransport } from '../host/transport/serial.ts';
import { SlcanTransport } from '../host/transport/slcan.ts';
import type { ByteTransport } from '../host/transport/transport.ts';
import { dalyDriver, jbdDriver, jk300Driver, jkUartDriver } from '../host/transport/session/byte-drivers.ts';
import { pylonDriver } from '../host/transport/session/can-drivers.ts';
import type { Framer } from '../host/transport/session/driver.ts';
import { UnitState } from '../host/transport/session/unit-state.ts';
import { openPtyPair } from '../test/helpers/pty.ts';

const N = Number(process.argv[2] ?? 300);
const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

// Frames from the shared protocol vectors (jbd-doc-basic-17s, jbd-doc-cells-17s, daly-solarreader-90,
// jk-uart-doc-14s, jk300-pb-rs485-status), read from the e2e fixture copy.
const VECTORS = (JSON.parse(readFileSync(new URL('../test/host/transport/fixtures/bms-vectors.json', import.meta.url), 'utf8')) as { vectors: { id: string; hex?: string }[] }).vectors;
const vec = (id: string): Uint8Array => hex(VECTORS.find((v) => v.id === id)?.hex ?? '');
const JBD_BASIC = vec('jbd-doc-basic-17s');
const JBD_CELLS = vec('jbd-doc-cells-17s');
const DALY_90 = vec('daly-solarreader-90');

function stats(label: string, lat_ms: number[], reads: number[]): void {
  const s = [...lat_ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
  const r = [...reads].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(30)} n=${s.length}  median ${q(0.5).toFixed(3)} ms  p99 ${q(0.99).toFixed(3)} ms  max ${(s.at(-1) ?? NaN).toFixed(3)} ms  reads/frame median ${r[Math.floor(r.length / 2)]} max ${r.at(-1)}`,
  );
}

async function farEnd(path: string): Promise<SerialPort> {
  const p = new SerialPort({ path, baudRate: 115200, autoOpen: false, lock: false });
  await new Promise<void>((res, rej) => p.open((e) => (e ? rej(e) : res())));
  return p;
}

async function byteLatency(label: string, framer: Framer, frame: Uint8Array, prime: Uint8Array[]): Promise<void> {
  const pty = await openPtyPair();
  const t: ByteTransport = new SerialTransport({ path: pty.a, baud: 115200 });
  const far = await farEnd(pty.b);
  try {
    await t.open();
    const unit = new UnitState(0);
    for (const p of prime) for (const f of framer.push(p).frames) unit.merge(f);
    const lat: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < N; i++) {
      // Clock starts at the write call (the whole frame in one write), so the figure includes the
      // sender's write path too: an upper bound of the receiver's added latency.
      const t0 = performance.now();
      far.write(Buffer.from(frame));
      let n = 0;
      for (;;) {
        const chunk = await t.read({ timeout_ms: 2000 });
        n++;
        const out = framer.push(chunk.bytes);
        for (const f of out.frames) unit.merge(f);
        if (out.frames.length > 0 && unit.sample(chunk.time_ms)) break;
      }
      lat.push(performance.now() - t0);
      reads.push(n);
    }
    stats(label, lat, reads);
  } finally {
    far.close();
    await t.close();
    await pty.close();
  }
}

async function slcanLatency(): Promise<void> {
  const driver = pylonDriver();
  if (driver.kind !== 'listen') throw new Error('pylon driver must listen');
  const unit = new UnitState(0);
  const pty = await openPtyPair();
  const far = await farEnd(pty.b);
  far.on('data', (d: Buffer) => {
    for (const c of d.toString('latin1')) if (c === '\r') far.write('\r');
  });
  const can = new SlcanTransport(new SerialTransport({ path: pty.a, baud: 115200 }), { ack_ms: 50 });
  try {
    await can.open();
    const lat: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      far.write('t35666C140400DC00\r');
      let n = 0;
      for (;;) {
        const frames = await can.read({ timeout_ms: 2000 });
        n++;
        let done = false;
        for (const f of frames) {
          const d = driver.decode(f);
          if (d === undefined || d === 'unknown-id') continue;
          unit.merge(d);
          if (d.type === driver.sampleOn && unit.sample(f.time_ms)) done = true;
        }
        if (done) break;
      }
      lat.push(performance.now() - t0);
      reads.push(n);
    }
    stats('SLCAN 0x356 line -> sample', lat, reads);
  } finally {
    far.close();
    await can.close();
    await pty.close();
  }
}

console.log(`transport latency over a socat pty pair, ${N} frames each (write of the last byte -> decoded sample)`);
await byteLatency('JBD 0x03 (36 B) -> sample', jbdDriver.framer(), JBD_BASIC, [JBD_CELLS]);
await byteLatency('Daly 0x90 (13 B) -> sample', dalyDriver.framer(), DALY_90, []);
await byteLatency('JK 4E57 (285 B) -> sample', jkUartDriver.framer(), vec('jk-uart-doc-14s'), []);
await byteLatency('JK 55AAEB90 (300 B) -> sample', jk300Driver.framer(), vec('jk300-pb-rs485-status'), []);
await slcanLatency();
