/**
 * Splitting a gate run across CI jobs: `--shard k/n` replays the k-th of n parts.
 *
 * Invariants: the parts are disjoint and their union is the whole run, including golden records no
 * recording matches ('missing'): every name (a recording's key or a golden record's key) belongs to
 * exactly one part. The split is stable by name: names sorted (code-unit order), dealt round-robin,
 * so every job that sees the same folder and golden file computes the same parts, and parts differ
 * in size by at most one.
 */
import { GateError } from './errors.ts';

export interface Shard {
  /** 1-based part number. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || !(count >= 1 && index >= 1 && index <= count)) throw new GateError(`--shard must be k/n with 1 <= k <= n (e.g. 2/3), got '${text}'`, 'bad-shard');
  return { index, count };
}

export const shardLabel = (s: Shard): string => `${s.index}/${s.count}`;

/** The names of all `names` (duplicates counted once) that fall in this part. */
export function shardNames(names: Iterable<string>, shard: Shard): Set<string> {
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1));
}
