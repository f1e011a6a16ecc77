/**
 * candump lines, every format candump writes (-L log, the screen format plain or with -ta / -td /
 * -tz / -tA times): parsing is the protocols' `parseCandumpLine`; `candumpFrameOf` keeps the data
 * and remote frames, classic and CAN FD, this transport carries (error frames and junk give
 * undefined). `time_ms` is the line's time column as written (0 without one): the file reader
 * turns -td deltas into times.
 */
import { DecodeError, parseCandumpLine } from '../protocols/index.ts';
import type { CanFrame } from './transport.ts';

/** The time column of any parseable candump line (error frames too), ms; undefined for junk. */
export function candumpTimeOf(line: string): number | undefined {
  try {
    return (parseCandumpLine(line).timestamp_s ?? 0) * 1000;
  } catch (err) {
    if (err instanceof DecodeError) return undefined;
    throw err;
  }
}

export function candumpFrameOf(line: string): CanFrame | undefined {
  let f;
  try {
    f = parseCandumpLine(line);
  } catch (err) {
    if (err instanceof DecodeError) return undefined;
    throw err;
  }
  if (f.error_frame) return undefined;
  const frame: CanFrame = { id: f.id, extended: f.extended, rtr: f.rtr, dlc: f.dlc, data: f.data, time_ms: (f.timestamp_s ?? 0) * 1000 };
  if (f.fd) frame.fd = true;
  if (f.iface !== undefined) frame.iface = f.iface;
  return frame;
}


/** Formats a frame as a candump -L line (no newline), timestamp with 6 decimals. */
export function formatCandumpLine(f: CanFrame, iface = f.iface ?? 'can0'): string {
  const ts = (f.time_ms / 1000).toFixed(6);
  const id = f.id.toString(16).toUpperCase().padStart(f.extended ? 8 : 3, '0');
  const hex = Buffer.from(f.data).toString('hex').toUpperCase();
  if (f.fd) return `(${ts}) ${iface} ${id}##0${hex}`;
  const body = f.rtr ? `R${f.dlc > 0 ? f.dlc : ''}` : hex;
  return `(${ts}) ${iface} ${id}#${body}`;
}
