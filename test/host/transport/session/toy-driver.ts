/**
 * A toy addressed protocol for session tests, independent of the real decoders:
 * request `3C addr type sum`, reply `3E addr type hi lo sum` (sum = 8-bit sum of the bytes
 * before it). Type 1 = pack voltage (u16, 10 mV), type 2 = current (s16, 10 mA, charge positive).
 */
import type { DriverFrame, Framer, PollDriver } from '../../../../host/transport/session/driver.ts';

const sum = (b: number[]): number => b.reduce((a, x) => a + x, 0) & 0xff;

export function toyRequest(addr: number, type: number): Uint8Array {
  const b = [0x3c, addr, type];
  return new Uint8Array([...b, sum(b)]);
}

export function toyReply(addr: number, type: number, value: number, corrupt = false): Uint8Array {
  const v = value & 0xffff;
  const b = [0x3e, addr, type, v >> 8, v & 0xff];
  return new Uint8Array([...b, (sum(b) + (corrupt ? 1 : 0)) & 0xff]);
}

class ToyFramer implements Framer {
  private buf: number[] = [];
  push(bytes: Uint8Array): { frames: DriverFrame[]; checksumErrors: number; skippedBytes: number; undecodable: number } {
    this.buf.push(...bytes);
    const frames: DriverFrame[] = [];
    let checksumErrors = 0;
    let skippedBytes = 0;
    for (;;) {
      while (this.buf.length > 0 && this.buf[0] !== 0x3e) {
        this.buf.shift();
        skippedBytes++;
      }
      if (this.buf.length < 6) break;
      const f = this.buf.slice(0, 6);
      if (sum(f.slice(0, 5)) !== f[5]) {
        checksumErrors++;
        this.buf.shift();
        skippedBytes++;
        continue;
      }
      this.buf.splice(0, 6);
      const raw = ((f[3] as number) << 8) | (f[4] as number);
      const type = f[2] as number;
      const signed = raw >= 0x8000 ? raw - 0x10000 : raw;
      // Wire convention like the real decoders: current_a positive = charging.
      const fields = type === 1 ? { raw, pack_voltage_v: raw / 100 } : { raw, current_a: signed / 100 };
      frames.push({ type, address: f[1] as number, key: `toy:${type}`, frame: { protocol: 'toy', kind: String(type), fields } });
    }
    return { frames, checksumErrors, skippedBytes, undecodable: 0 };
  }
  reset(): void {
    this.buf = [];
  }
}

export const toyDriver: PollDriver = {
  kind: 'poll',
  protocol: 'toy',
  defaultBaud: 9600,
  framer: () => new ToyFramer(),
  cycle: (address) =>
    [1, 2].map((type) => ({
      request: toyRequest(address, type),
      accepts: (f: DriverFrame) => f.address === address && f.type === type,
      complete: (frames: DriverFrame[]) => frames.length >= 1,
    })),
  sampleOptions: () => ({}),
};
