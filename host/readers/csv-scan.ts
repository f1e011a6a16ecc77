/**
 * A byte scanner over a CSV buffer (the gunzipped file as it is, never decoded to one big string):
 * lines by the native indexOf of '\n', fields by ',' bytes, numbers parsed from the bytes.
 *
 * Invariant: every value equals what the string readers computed with `line.split(',')` and
 * `s.trim() === '' ? NaN : Number(s)` on the UTF-8 text (test/host/readers/scan-equality.test.ts):
 * - lines split at '\n' with one '\r' before it dropped (as /\r?\n/ does);
 * - a ',' byte never occurs inside a multi-byte UTF-8 sequence, so field boundaries are the same;
 * - numbers: plain decimals ([sign] digits [. digits] [e [sign] digits], ASCII blanks around) whose
 *   significand fits 2^53 and whose power of ten is within 10^±22 are computed as one correctly
 *   rounded multiplication or division of two exact doubles (Clinger's fast path), which is the
 *   value Number() returns; anything else (more digits, larger exponents, hex, Infinity, non-ASCII)
 *   goes to Number() on the decoded field itself.
 */

import { gunzipSync } from 'node:zlib';

const COMMA = 44, LF = 10, CR = 13, DOT = 46, MINUS = 45, PLUS = 43, ZERO = 48, NINE = 57;
/** Exact powers of ten (10^0..10^22 are exactly representable doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const TWO_53 = 2 ** 53;

function isAsciiBlank(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

export class CsvScanner {
  /** 1-based number of the current line (as the string readers numbered lines). */
  lineNo = 0;
  /** Fields of the current line (the count `line.split(',')` gives). */
  fieldCount = 0;
  private pos = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);

  constructor(private readonly buf: Uint8Array) {}

  /** Number of lines `text.split(/\r?\n/)` gives: one more than the '\n' bytes. */
  lineCount(): number {
    let n = 1;
    for (let i = this.buf.indexOf(LF, 0); i >= 0; i = this.buf.indexOf(LF, i + 1)) n++;
    return n;
  }

  /** Moves to the next line; false after the last one. Fields are not split until fields() is called. */
  next(): boolean {
    if (this.pos > this.buf.length) return false;
    const nl = this.buf.indexOf(LF, this.pos);
    const end = nl < 0 ? this.buf.length : nl;
    this.lineStart = this.pos;
    this.lineEnd = nl >= 0 && end > this.pos && this.buf[end - 1] === CR ? end - 1 : end;
    this.pos = end + 1;
    this.lineNo++;
    return true;
  }

  /** The current line as text (for headers and comment lines). */
  lineText(): string {
    return bufText(this.buf, this.lineStart, this.lineEnd);
  }

  /** First byte of the current line (-1 when empty), e.g. to spot '#' comment lines. */
  firstByte(): number {
    return this.lineEnd > this.lineStart ? this.buf[this.lineStart]! : -1;
  }

  /** Whether the current line is empty or only whitespace (`!line.trim()`). */
  blank(): boolean {
    let high = false;
    for (let i = this.lineStart; i < this.lineEnd; i++) {
      const b = this.buf[i]!;
      if (b >= 0x80) high = true;
      else if (!isAsciiBlank(b)) return false;
    }
    return !high || this.lineText().trim() === '';
  }

  /** Splits the current line at ',' bytes; returns the field count. */
  fields(): number {
    const buf = this.buf, end = this.lineEnd;
    let n = 0;
    let s = this.lineStart;
    for (let i = s; i <= end; i++) {
      if (i < end && buf[i] !== COMMA) continue;
      if (n === this.starts.length) this.grow();
      this.starts[n] = s;
      this.ends[n] = i;
      n++;
      s = i + 1;
    }
    this.fieldCount = n;
    return n;
  }

  /** Field j as a number: NaN when absent, empty or blank, else the value Number() gives. */
  num(j: number | undefined): number {
    if (j === undefined || j >= this.fieldCount) return NaN;
    return parseNumber(this.buf, this.starts[j]!, this.ends[j]!);
  }

  /** Whether field j is exactly this one ASCII character (e.g. the NASA kind 'D'). */
  isChar(j: number, code: number): boolean {
    return j < this.fieldCount && this.ends[j]! - this.starts[j]! === 1 && this.buf[this.starts[j]!] === code;
  }

  private grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    const e = new Int32Array(this.ends.length * 2);
    s.set(this.starts);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }
}

function bufText(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
}

/** Number of bytes [s, e) as `str.trim() === '' ? NaN : Number(str)` of its UTF-8 text. */
export function parseNumber(buf: Uint8Array, s: number, e: number): number {
  // the recordings' own shape first: [-] digits [. digits], at most 15 digits (< 2^53, 10^k exact)
  let i = s, neg = false;
  if (i < e && buf[i] === MINUS) {
    neg = true;
    i++;
  }
  let m = 0, digits = 0, dot = -1;
  for (; i < e; i++) {
    const c = buf[i]!;
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (c === DOT && dot < 0) dot = i;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15) {
    const k = dot < 0 ? 0 : e - dot - 1;
    const v = k === 0 ? m : m / POW10[k]!;
    return neg ? -v : v;
  }
  return parseGeneral(buf, s, e);
}

/** parseNumber for every other shape: blanks, '+', exponents, long significands, or Number(). */
function parseGeneral(buf: Uint8Array, s: number, e: number): number {
  let i = s, end = e;
  while (i < end && isAsciiBlank(buf[i]!)) i++;
  while (end > i && isAsciiBlank(buf[end - 1]!)) end--;
  if (i === end) return NaN;
  let neg = false;
  if (buf[i] === MINUS || buf[i] === PLUS) neg = buf[i++] === MINUS;
  let m = 0, digits = 0, exp10 = 0;
  while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE) {
    m = m * 10 + (buf[i++]! - ZERO);
    digits++;
  }
  if (i < end && buf[i] === DOT) {
    i++;
    while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE) {
      m = m * 10 + (buf[i++]! - ZERO);
      digits++;
      exp10--;
    }
  }
  if (digits > 0 && i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (i < end && (buf[i] === MINUS || buf[i] === PLUS)) eneg = buf[i++] === MINUS;
    let x = 0, xdigits = 0;
    while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE && x < 1e6) {
      x = x * 10 + (buf[i++]! - ZERO);
      xdigits++;
    }
    if (xdigits === 0) i = -1; // '1e' or '1e+': not a plain decimal
    exp10 += eneg ? -x : x;
  }
  if (i === end && digits > 0 && m < TWO_53 && exp10 >= -22 && exp10 <= 22) {
    const v = exp10 < 0 ? m / POW10[-exp10]! : m * POW10[exp10]!;
    return neg ? -v : v;
  }
  const str = bufText(buf, s, e);
  return str.trim() === '' ? NaN : Number(str);
}

/**
 * gunzipSync into one output chunk sized from the gzip trailer (ISIZE: the uncompressed length mod
 * 2^32), which spares zlib's chunk list and the final copy; a wrong or wrapped ISIZE (multi-member
 * files, > 4 GiB) only means more chunks, never a different result.
 */
export function gunzipWhole(gz: Buffer): Buffer {
  const isize = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return gunzipSync(gz, { chunkSize: Math.min(Math.max(64 * 1024, isize + 1), 1 << 30) });
}
