/**
 * Readable text of the gate: per recording, a table of the fields that moved beyond tolerance (how
 * many values, the worst one, golden -> actual, delta absolute and relative, the tolerance applied)
 * with the upstream changes that explain it; and the summary table of a run.
 */
import type { Change, RecordingDiff } from './diff.ts';
import type { Tolerance } from './tolerance.ts';

/** Short number: up to 8 significant digits; full precision when 8 would hide the difference. */
export function num(v: unknown, other?: unknown): string {
  if (typeof v !== 'number') return v === undefined ? '-' : JSON.stringify(v);
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const short = String(Number(v.toPrecision(8)));
  if (typeof other === 'number' && Number.isFinite(other) && String(Number(other.toPrecision(8))) === short) return String(v);
  return short;
}

const signed = (x: number | undefined, digits = 3): string => (x === undefined ? '-' : `${x >= 0 ? '+' : ''}${x.toPrecision(digits)}`);
const pct = (x: number | undefined): string => (x === undefined ? '-' : `${x >= 0 ? '+' : ''}${(100 * x).toPrecision(3)} %`);
const tolText = (t: Tolerance | undefined): string => (t ? `abs ${t.abs} rel ${t.rel}` : '-');

/** Aligned columns; `align` has one letter per column, l(eft) or r(ight). */
function table(rows: string[][], indent: string, align: string): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => indent + r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Severity of a move, to pick the worst of a field: relative when defined, else absolute. */
const size = (c: Change): number => Math.abs(c.rel ?? c.delta ?? Infinity);

/** Row prefix of a path (cycles[12].soh -> cycles[12]) for listing missing or added rows. */
const rowOf = (path: string): string => path.replace(/\.[^.[\]]+$/, '');

export function renderDiff(key: string, d: RecordingDiff): string {
  const out: string[] = [];
  const fields = new Map<string, Change[]>();
  for (const c of d.regressions) fields.set(c.field, [...(fields.get(c.field) ?? []), c]);
  if (d.regressions.length === 0) out.push(`${key}: no value moved beyond tolerance (${d.compared} compared, ${d.within} within tolerance)`);
  else out.push(`${key}: ${d.regressions.length} value(s) moved beyond tolerance in ${fields.size} field(s) (${d.compared} compared, ${d.within} within tolerance)`);
  for (const n of d.notes) out.push(`  why: ${n}`);
  if (d.regressions.length === 0) return out.join('\n');
  const rows: string[][] = [['field', 'moved', 'worst at', 'golden', 'actual', 'delta', 'rel', 'tolerance']];
  const extra: string[] = [];
  for (const [field, changes] of fields) {
    const moved = changes.filter((c) => c.kind === 'moved');
    const total = d.perField[field] ?? changes.length;
    if (moved.length) {
      const worst = moved.reduce((a, b) => (size(b) > size(a) ? b : a));
      rows.push([field, `${moved.length}/${total}`, worst.path, num(worst.golden, worst.actual), num(worst.actual, worst.golden), signed(worst.delta), pct(worst.rel), tolText(worst.tolerance)]);
    }
    for (const kind of ['missing', 'added'] as const) {
      const list = changes.filter((c) => c.kind === kind);
      if (!list.length) continue;
      const rowsOf = [...new Set(list.map((c) => rowOf(c.path)))];
      const shown = rowsOf.slice(0, 8).join(', ') + (rowsOf.length > 8 ? `, ... (${rowsOf.length} in all)` : '');
      extra.push(`  ${field}: ${list.length} value(s) ${kind === 'missing' ? 'in the golden but not in this replay' : 'in this replay but not in the golden'}: ${shown}`);
    }
  }
  if (rows.length > 1) out.push(...table(rows, '  ', 'lrlrrrrl'));
  out.push(...extra);
  return out.join('\n');
}

export interface SummaryRow {
  key: string;
  result: string;
  samples?: number;
  discharges?: number;
  moved?: number;
  worst?: string;
  elapsed_s?: number;
}

export function renderSummary(rows: SummaryRow[]): string {
  const t: string[][] = [['recording', 'result', 'samples', 'discharges', 'moved', 'time', 'worst field']];
  for (const r of rows) {
    t.push([r.key, r.result, r.samples === undefined ? '-' : String(r.samples), r.discharges === undefined ? '-' : String(r.discharges), r.moved === undefined ? '-' : String(r.moved), r.elapsed_s === undefined ? '-' : `${r.elapsed_s.toFixed(2)} s`, r.worst ?? '']);
  }
  return table(t, '', 'llrrrrl').join('\n');
}
