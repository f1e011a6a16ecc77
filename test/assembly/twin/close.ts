import * as assert from 'uvu/assert';

/** Asserts |actual − expected| ≤ rel·|expected| (relative tolerance), with a message naming both. */
export function closeRel(actual: number, expected: number, rel: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= rel, `${what}: got ${actual}, expected ${expected} ± ${(rel * 100).toFixed(2)} % (off by ${(err * 100).toFixed(3)} %)`);
}
