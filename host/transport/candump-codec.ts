/**
 * candump log lines (`candump -L` / `-l`): `(1700000000.123456) can0 123#DEADBEEF`.
 * 3 hex digits = 11-bit id, 8 = 29-bit; `123#R` / `123#R8` remote (with optional DLC);
 * newer can-utils may append ` R` / ` T` (rx/tx), which is accepted and ignored. CAN-FD
 * (`##`) and error frames (CAN_ERR_FLAG 0x20000000 in the id) are reported as undefined: this
 * transport carries classic data and remote frames only.
 */
import type { CanFrame } from './transport.ts';

const LINE = /^\((\d+(?:\.\d+)?)\)\s+(\S+)\s+([0-9A-Fa-f]{3}|[0-9A-Fa-f]{8})#(R[0-8]?|(?:[0-9A-Fa-f]{2}){0,8})(?:\s+[RT])?\s*$/;

export function parseCandumpLine(line: string): CanFrame | undefined {
  const m = LINE.exec(line.trim());
  if (!m) return undefined;
  const [, ts, iface, idHex, body] = m as unknown as [string, string, string, string, string];
  const id = parseInt(idHex, 16);
  const extended = idHex.length === 8;
  if (extended && id > 0x1fffffff) return undefined;
  const time_ms = Number(ts) * 1000;
  if (body.startsWith('R')) {
    const dlc = body.length > 1 ? Number(body.slice(1)) : 0;
    return { id, extended, rtr: true, dlc, data: new Uint8Array(0), time_ms, iface };
  }
  const data = new Uint8Array(Buffer.from(body, 'hex'));
  return { id, extended, rtr: false, dlc: data.length, data, time_ms, iface };
}

/** Formats a frame as a candump -L line (no newline), timestamp with 6 decimals. */
export function formatCandumpLine(f: CanFrame, iface = f.iface ?? 'can0'): string {
  const ts = (f.time_ms / 1000).toFixed(6);
  const id = f.id.toString(16).toUpperCase().padStart(f.extended ? 8 : 3, '0');
  const body = f.rtr ? `R${f.dlc > 0 ? f.dlc : ''}` : Buffer.from(f.data).toString('hex').toUpperCase();
  return `(${ts}) ${iface} ${id}#${body}`;
}
