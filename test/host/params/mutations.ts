/**
 * Mutated parameter blocks for the refusal tests, from a seeded PRNG. Each mutation names the
 * core reason code it must be refused with (assembly/params/block.ts order: magic, size, CRC,
 * version, ranges), or 'any' for truncations (the core pads them with zeros, so which check trips
 * first depends on where the cut falls).
 */
import { Params, PARAMS_SIZE, layoutStruct } from '../../../layout/core-layout.ts';

/** End of the value words: the end marker follows. */
const VALUES_END = layoutStruct(Params).fields.end_marker!.offset;
import { crc32 } from '../../../layout/presets.ts';
import { Seeded } from '../storage/helpers.ts';

const F = layoutStruct(Params).fields;
const off = (name: string, i = 0): number => F[name]!.offset + 4 * i;

export type Kind = 'bit-flip' | 'truncation' | 'out-of-range' | 'older' | 'bad-magic' | 'bad-size';
export interface Mutation {
  kind: Kind;
  block: Uint8Array;
  expect: number | 'any';
  what: string;
}

export function recrc(b: Uint8Array): Uint8Array {
  new DataView(b.buffer, b.byteOffset).setUint32(0, crc32(b.subarray(4, PARAMS_SIZE)), true);
  return b;
}

const setF = (b: Uint8Array, at: number, v: number): void => new DataView(b.buffer, b.byteOffset).setFloat32(at, v, true);
const setU = (b: Uint8Array, at: number, v: number): void => new DataView(b.buffer, b.byteOffset).setUint32(at, v >>> 0, true);

/** Out-of-range edits, each violating one rule of paramsInRange. */
const RANGE_EDITS: { what: string; apply: (b: Uint8Array, rng: Seeded) => void }[] = [
  // value words run up to the end marker (the last word), which is a format check, not a range
  { what: 'NaN in a random body word', apply: (b, rng) => setU(b, 20 + 4 * rng.below((VALUES_END - 20) / 4), 0x7fc00000 | rng.below(0x3fffff)) },
  { what: '+inf in a random body word', apply: (b, rng) => setU(b, 20 + 4 * rng.below((VALUES_END - 20) / 4), 0x7f800000) },
  { what: '-inf in a random f32 field', apply: (b, rng) => setU(b, 24 + 4 * rng.below((VALUES_END - 24) / 4), 0xff800000) },
  { what: 'series_cells 0', apply: (b) => setU(b, off('series_cells'), 0) },
  { what: 'series_cells > 1024', apply: (b, rng) => setU(b, off('series_cells'), 1025 + rng.below(100000)) },
  { what: 'rated capacity <= 0.001 Ah', apply: (b, rng) => setF(b, off('rated_capacity_Ah'), [0.0009, 0, -1, -rng.below(1000)][rng.below(4)]!) },
  { what: 'rated capacity >= 100000 Ah', apply: (b, rng) => setF(b, off('rated_capacity_Ah'), 100000 + rng.below(1e6)) },
  { what: 'charge efficiency outside (0.5, 1]', apply: (b, rng) => setF(b, off('charge_efficiency'), [0.5, 0, 1.0001, 2, -0.9][rng.below(5)]!) },
  { what: 'OCV table decreasing', apply: (b, rng) => { const i = 1 + rng.below(20); setF(b, off('ocv_V', i), new DataView(b.buffer, b.byteOffset).getFloat32(off('ocv_V', i - 1), true) - 0.001 - rng.below(1000) / 1000); } },
  { what: 'r_lambda outside (0.5, 1]', apply: (b, rng) => setF(b, off('r_lambda'), [0.5, 0.1, 1.01, -1][rng.below(4)]!) },
  { what: 'r_bol_events 0 or > 1000', apply: (b, rng) => setU(b, off('r_bol_events'), rng.below(2) ? 0 : 1001 + rng.below(100)) },
  { what: 'rf_hysteresis outside (0, 0.5)', apply: (b, rng) => setF(b, off('rf_hysteresis'), [0, 0.5, -0.1, 3][rng.below(4)]!) },
  { what: 'cap_dz_min outside (0, 1]', apply: (b, rng) => setF(b, off('cap_dz_min'), [0, -0.3, 1.5][rng.below(3)]!) },
  { what: 'max_gap_s <= 0', apply: (b, rng) => setF(b, off('max_gap_s'), -rng.below(1000)) },
  { what: 'log_summary_interval_s <= 0', apply: (b, rng) => setF(b, off('log_summary_interval_s'), -rng.below(1000)) },
];

export const KINDS: Kind[] = ['bit-flip', 'truncation', 'out-of-range', 'older', 'bad-magic', 'bad-size'];

/** One mutation of `base` (a valid block newer than `inForce`). */
export function mutate(base: Uint8Array, inForce: number, kind: Kind, rng: Seeded): Mutation {
  const b = base.slice();
  switch (kind) {
    case 'bit-flip': {
      const n = 1 + rng.below(3); // CRC-32 detects every error of up to 3 bits in a block this size
      const bits = new Set<number>();
      while (bits.size < n) bits.add(rng.below(PARAMS_SIZE * 8));
      for (const bit of bits) b[bit >> 3]! ^= 1 << (bit & 7);
      const inMagic = [...bits].some((bit) => bit >> 3 >= off('magic') && bit >> 3 < off('magic') + 4);
      const inSize = [...bits].some((bit) => bit >> 3 >= off('size_bytes') && bit >> 3 < off('size_bytes') + 4);
      return { kind, block: b, expect: inMagic ? 1 : inSize ? 2 : 3, what: `bits ${[...bits].join(',')}` };
    }
    case 'truncation': {
      const len = rng.below(PARAMS_SIZE);
      return { kind, block: b.slice(0, len), expect: 'any', what: `${len} of ${PARAMS_SIZE} B` };
    }
    case 'out-of-range': {
      const edit = RANGE_EDITS[rng.below(RANGE_EDITS.length)]!;
      edit.apply(b, rng);
      return { kind, block: recrc(b), expect: 5, what: edit.what };
    }
    case 'older': {
      const v = rng.below(inForce + 1); // 0..inForce: older, or a replay of the block in force
      setU(b, off('version'), v);
      return { kind, block: recrc(b), expect: 4, what: `version ${v} vs ${inForce} in force` };
    }
    case 'bad-magic': {
      const m = rng.u32();
      setU(b, off('magic'), m === 0x50534d42 ? 0 : m);
      return { kind, block: recrc(b), expect: 1, what: 'magic replaced, CRC recomputed' };
    }
    case 'bad-size': {
      let s = rng.below(4096);
      if (s === PARAMS_SIZE) s++;
      setU(b, off('size_bytes'), s);
      return { kind, block: recrc(b), expect: 2, what: `size_bytes ${s}, CRC recomputed` };
    }
  }
}
