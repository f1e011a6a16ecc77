/** Minimal CSV line splitting for the numeric files we read (no quoted fields in these formats). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Parses a header line into a column-index map. */
export function headerIndex(line: string): Map<string, number> {
  return new Map(line.split(',').map((name, i) => [name.trim(), i]));
}

/** A numeric cell; NaN for empty or malformed (the caller decides what NaN means). */
export function num(cells: string[], i: number | undefined): number {
  if (i === undefined) return NaN;
  const s = cells[i];
  return s === undefined || s.trim() === '' ? NaN : Number(s);
}
