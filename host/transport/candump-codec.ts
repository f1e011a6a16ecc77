/**
 * candump log lines (`candump -L` / `-l`): `(1700000000.123456) can0 123#DEADBEEF`; 3 hex digits =
 * 11-bit id, 8 = 29-bit, `123#R8` remote with its DLC. Parsing is the protocols'
 * `parseCandumpLine`; `candumpFrameOf` keeps the classic data and remote frames this transport
 * carries (CAN-FD and error frames give undefined).
 */
import { DecodeError, parseCandumpLine } from '../protocols/index.ts';
import type { CanFrame } from './transport.ts';

export function candumpFrameOf(line: string): CanFrame | undefined {
  let f;
  try {
    f = parseCandumpLine(line);
  } catch (err) {
    if (err instanceof DecodeError) return undefined;
    throw err;
  }
  if (f.fd || f.error_frame) return undefined;
  const frame: CanFrame = { id: f.id, extended: f.extended, rtr: f.rtr, dlc: f.dlc, data: f.data, time_ms: (f.timestamp_s ?? 0) * 1000 };
  if (f.iface !== undefined) frame.iface = f.iface;
  return frame;
}


/** Formats a frame as a candump -L line (no newline), timestamp with 6 decimals. */
export function formatCandumpLine(f: CanFrame, iface = f.iface ?? 'can0'): string {
  const ts = (f.time_ms / 1000).toFixed(6);
  const id = f.id.toString(16).toUpperCase().padStart(f.extended ? 8 : 3, '0');
  const body = f.rtr ? `R${f.dlc > 0 ? f.dlc : ''}` : Buffer.from(f.data).toString('hex').toUpperCase();
  return `(${ts}) ${iface} ${id}#${body}`;
}
