/**
 * The value ranges the core enforces on a parameter block, read from their one source
 * (layout/param-ranges.ts, which the generator also turns into the core's table), so that
 * `bms-edge params build|verify` refuse exactly what the core would refuse.
 * Values are compared as the core compares them: f32 (u32 fields as unsigned integers) against f32 bounds.
 */
import { Params, PARAMS_SIZE, layoutStruct } from '../../layout/core-layout.ts';
import { rangeTable, RANGE_U32, RANGE_MIN_OPEN, RANGE_MAX_OPEN, RANGE_NON_DECREASING, RANGE_SKIP } from '../../layout/param-ranges.ts';

const F = layoutStruct(Params).fields;
const TABLE = rangeTable();

/** Offset-to-field-name map of the block's 4-byte words (counted fields as name.i). */
export function wordName(offset: number): string {
  for (const fl of Object.values(F)) {
    if (offset >= fl.offset && offset < fl.offset + fl.bytes) return fl.count ? `${fl.name}.${(offset - fl.offset) / 4}` : fl.name;
  }
  return `@${offset}`;
}

/** Every range the block violates, as readable strings; empty when the core would accept its values. Needs PARAMS_SIZE bytes. */
export function rangeViolations(block: Uint8Array): string[] {
  if (block.length < PARAMS_SIZE) throw new RangeError(`parameter block of ${block.length} B: need ${PARAMS_SIZE} B`);
  const dv = new DataView(block.buffer, block.byteOffset, PARAMS_SIZE);
  const out: string[] = [];
  let prev = 0;
  for (const w of TABLE) {
    if (w.flags & RANGE_SKIP) continue;
    const v = w.flags & RANGE_U32 ? Math.fround(dv.getUint32(w.offset, true)) : dv.getFloat32(w.offset, true);
    const lo = Math.fround(w.min);
    const hi = Math.fround(w.max);
    const loOk = w.flags & RANGE_MIN_OPEN ? v > lo : v >= lo;
    const hiOk = w.flags & RANGE_MAX_OPEN ? v < hi : v <= hi;
    if (!loOk || !hiOk) out.push(`${w.name} = ${v}: must be in ${w.flags & RANGE_MIN_OPEN ? '(' : '['}${w.min}, ${w.max}${w.flags & RANGE_MAX_OPEN ? ')' : ']'}`);
    if (w.flags & RANGE_NON_DECREASING && v < prev) out.push(`${w.name} = ${v} < ${prev} before it: the table must not decrease`);
    prev = v;
  }
  return out;
}
