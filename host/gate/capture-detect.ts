/**
 * Recognises monitor captures and candump logs by their first line, without loading the protocol
 * stack (capture.ts, imported only when a file is one of them: it keeps worker start-up short).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CAPTURE_FORMAT } from '../transport/capture-format.ts';

/** Bytes read to find the first line. */
const HEAD_BYTES = 4096;
/**
 * A candump line of any format: the -L log `(1700000000.123456) can0 356#0102...` (`123#R` remote,
 * `123##1...` FD) or the screen format `[(time)]  can0  356   [6]  6C 14 ...` (-ta/-td/-tz/-tA).
 */
const CANDUMP_LINE = /^\s*(\([^)]*\)\s+)?\S+\s+([0-9A-Fa-f]{3}|[0-9A-Fa-f]{8})(##?(R\d?|[0-9A-Fa-f]*)(\s+[RT])?|\s+\[\d+\]\s*(remote request|([0-9A-Fa-f]{2}\s*)*)(ERRORFRAME.*)?)\s*$/i;

/** The first line of a file ('' when unreadable). */
function firstLine(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a file starts with a bms-edge capture header line. */
export function isCaptureFile(path: string): boolean {
  try {
    return (JSON.parse(firstLine(path)) as { capture?: unknown }).capture === CAPTURE_FORMAT;
  } catch {
    return false;
  }
}

/** Whether a file starts with a candump line (any format candump writes). */
export function isCandumpFile(path: string): boolean {
  return CANDUMP_LINE.test(firstLine(path));
}
