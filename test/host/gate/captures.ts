/**
 * JBD monitor captures for gate tests ("bms-edge capture v1"), built from the shared vectors' real
 * frames (JBD-SP04S034, 4S): per poll the 0x03 request, the basic-info reply with pack voltage and
 * current patched in (wire: 10 mV, 10 mA, positive = charging; checksum recomputed), the 0x04 request
 * and the cell-voltage reply, 20 ms apart, polls `interval_s` apart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const BASIC = 'dd03001d0618000001f201f400002c7c00000000000080640304030b8b0b8a0b84fa8d77';
const CELLS = 'dd0400080f450f3d0f370f3dfec677';
const REQ_BASIC = 'dda50300fffd77';
const REQ_CELLS = 'dda50400fffc77';

/** The basic-info frame with pack voltage (V) and current (A, positive = DISCHARGE, as the project counts). */
export function jbdBasicInfo(voltage_V: number, current_A: number): string {
  const b = Buffer.from(BASIC, 'hex');
  b.writeUInt16BE(Math.round(voltage_V * 100), 4);
  b.writeInt16BE(Math.round(-current_A * 100), 6); // the wire counts charging positive
  let sum = 0;
  for (let i = 2; i < b.length - 3; i++) sum += b[i]!;
  b.writeUInt16BE((0x10000 - sum) & 0xffff, b.length - 3);
  return b.toString('hex');
}

export interface CaptureShape {
  polls?: number;
  interval_s?: number;
  /** Discharge current for the first `dischargePolls` polls, A. */
  current_A?: number;
  dischargePolls?: number;
  started_ms?: number;
}

/** Writes a capture of a 4S pack discharging at `current_A`, then resting. Returns the path. */
export function writeJbdCapture(path: string, shape: CaptureShape = {}): string {
  const polls = shape.polls ?? 121, interval = (shape.interval_s ?? 60) * 1000, current = shape.current_A ?? 2, dis = shape.dischargePolls ?? 100;
  const t0 = shape.started_ms ?? 1_764_390_000_000;
  const lines = [JSON.stringify({ capture: 'bms-edge capture v1', protocol: 'jbd', transport: 'serial:/dev/ttyTEST@9600', started_ms: t0 })];
  for (let k = 0; k < polls; k++) {
    const t = t0 + k * interval;
    const v = 4 * (4.1 - k * 0.005);
    lines.push(JSON.stringify({ t_ms: t, dir: 'tx', hex: REQ_BASIC }));
    lines.push(JSON.stringify({ t_ms: t + 20, dir: 'rx', hex: jbdBasicInfo(v, k < dis ? current : 0) }));
    lines.push(JSON.stringify({ t_ms: t + 40, dir: 'tx', hex: REQ_CELLS }));
    lines.push(JSON.stringify({ t_ms: t + 60, dir: 'rx', hex: CELLS }));
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** A Pylontech 0x356 frame body: pack voltage 0.01 V, current 0.1 A (wire: positive = charging), temperature 0.1 degC, little-endian. */
export function pylon356(voltage_V: number, current_A: number, temp_degC: number): string {
  const b = Buffer.alloc(6);
  b.writeInt16LE(Math.round(voltage_V * 100), 0);
  b.writeInt16LE(Math.round(-current_A * 10), 2); // current_A counts discharge positive, the wire charging
  b.writeInt16LE(Math.round(temp_degC * 10), 4);
  return b.toString('hex').toUpperCase();
}

/**
 * Writes a candump -L log of a 16-cell LFP pack on a Pylontech CAN bus: per second-spaced tick a 0x355
 * (SOC/SOH) and a 0x356, `interval_s` apart, discharging at `current_A` for `dischargePolls` ticks.
 */
export function writeCandumpLog(path: string, shape: CaptureShape = {}): string {
  const polls = shape.polls ?? 121, interval = shape.interval_s ?? 60, current = shape.current_A ?? 20, dis = shape.dischargePolls ?? 100;
  const t0 = (shape.started_ms ?? 1_764_390_000_000) / 1000;
  const lines: string[] = [];
  for (let k = 0; k < polls; k++) {
    const t = t0 + k * interval;
    lines.push(`(${t.toFixed(6)}) can0 355#5A006400`);
    lines.push(`(${(t + 0.01).toFixed(6)}) can0 356#${pylon356(53.0 - k * 0.01, k < dis ? current : 0, 25)}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
