/**
 * Reading and writing the core's linear memory through the layout spec (layout/core-layout.ts).
 * No offset is written here: every address comes from REGION.
 */
import { REGION, type RegionLayout, type Scalar } from '../../layout/core-layout.ts';

export type StructValue = Record<string, number | number[]>;

function regionOf(name: string): RegionLayout {
  const r = REGION[name];
  if (!r) throw new Error(`unknown layout region ${name}`);
  return r;
}

/** One little-endian scalar of a layout type. */
export function readScalar(dv: DataView, at: number, type: Scalar): number {
  switch (type) {
    case 'f64': return dv.getFloat64(at, true);
    case 'f32': return dv.getFloat32(at, true);
    case 'i64': return Number(dv.getBigInt64(at, true));
    case 'u32': return dv.getUint32(at, true);
    case 'i32': return dv.getInt32(at, true);
    case 'u16': return dv.getUint16(at, true);
  }
}

/** Reads record `index` of region `name` as an object keyed by field name (arrays for counted fields). */
export function readStruct(memory: ArrayBuffer, name: string, index = 0): StructValue {
  const r = regionOf(name);
  if (index < 0 || index >= r.spec.count) throw new RangeError(`${name}[${index}] out of range`);
  const dv = new DataView(memory);
  const base = r.base + index * r.layout.size;
  const out: StructValue = {};
  for (const fl of Object.values(r.layout.fields)) {
    const unit = fl.bytes / (fl.count ?? 1);
    if (fl.count) out[fl.name] = Array.from({ length: fl.count }, (_, i) => readScalar(dv, base + fl.offset + i * unit, fl.type));
    else out[fl.name] = readScalar(dv, base + fl.offset, fl.type);
  }
  return out;
}

/** Absolute address of a field (for direct typed-array access). */
export function addressOf(name: string, field: string, index = 0): number {
  const r = regionOf(name);
  const fl = r.layout.fields[field];
  if (!fl) throw new Error(`unknown field ${name}.${field}`);
  return r.base + index * r.layout.size + fl.offset;
}

export function regionBase(name: string): number {
  return regionOf(name).base;
}

export function regionSize(name: string): number {
  return regionOf(name).size;
}

export function structSize(name: string): number {
  return regionOf(name).layout.size;
}
