/**
 * Flattens the gated part of a golden recording into (path, field, value) leaves.
 * `path` locates one value (`cycles[12].capacity_Ah`: discharge number 12; `events[3].value`: the 4th
 * event; `histograms.dod_hist[2][5]`); `field` is the path without indices, the name tolerances use.
 */
import type { GoldenRecording, Scalar } from './golden.ts';

export interface Leaf {
  path: string;
  field: string;
  value: Scalar;
}

/** The gated sections, in report order. Everything else in a GoldenRecording is informational. */
export const GATED_SECTIONS = ['recording', 'chemistry', 'rated_capacity_Ah', 'cycles', 'final', 'events', 'log', 'accuracy', 'histograms'] as const;

function scalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

function walk(value: unknown, path: string, field: string, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, field, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, `${field}.${k}`, out);
  } else {
    out.set(path, { path, field, value: scalar(value) });
  }
}

/** All gated leaves of a recording, keyed by path. Cycle rows are keyed by their discharge number. */
export function flatten(g: GoldenRecording): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const section of GATED_SECTIONS) {
    const v = g[section];
    if (section === 'cycles') {
      const seen = new Map<string, number>();
      for (const row of g.cycles) {
        let key = String(row.cycle);
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        if (n) key = `${key}#${n + 1}`; // a repeated discharge number (never in NASA data) stays distinct
        for (const [k, x] of Object.entries(row)) out.set(`cycles[${key}].${k}`, { path: `cycles[${key}].${k}`, field: `cycles.${k}`, value: scalar(x) });
      }
    } else {
      walk(v, section, section, out);
    }
  }
  return out;
}
