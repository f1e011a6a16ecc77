/**
 * Stable JSON for golden files: object keys sorted at every depth, two-space indent, a final newline,
 * so the same values always give the same bytes and a review diff shows only what moved.
 * JSON has no NaN or infinities: they are written as the strings "NaN", "Infinity", "-Infinity" and
 * read back as numbers by `decodeNonFinite` (a golden value is never legitimately one of these strings).
 */

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function encode(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = encode(v);
    }
    return out;
  }
  return value;
}

/** Sorted, indented JSON text ending with a newline. Undefined members are dropped. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(encode(value), null, 2) + '\n';
}

/** Turns the strings stableStringify wrote for non-finite numbers back into numbers, at every depth. */
export function decodeNonFinite(value: unknown): unknown {
  if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map(decodeNonFinite);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeNonFinite(v);
    return out;
  }
  return value;
}
