/**
 * The value ranges the core enforces on a parameter block (assembly/params/block.ts paramsInRange),
 * restated on the host so `bms-edge params build|verify` refuse what the core would refuse.
 * test/host/params/ranges.test.ts holds the two to the same verdict on random blocks: change both
 * together. Values are read as the core reads them: f32 (or u32) little-endian, compared in f64.
 */
import { Params, PARAMS_BODY_OFFSET, PARAMS_SIZE, OCV_POINTS, layoutStruct } from '../../layout/core-layout.ts';

const F = layoutStruct(Params).fields;
const at = (name: string): number => {
  const fl = F[name];
  if (!fl) throw new Error(`Params has no field ${name}`);
  return fl.offset;
};

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
  const f = (name: string, i = 0): number => dv.getFloat32(at(name) + 4 * i, true);
  const u = (name: string): number => dv.getUint32(at(name), true);
  const out: string[] = [];
  // every word after the CRC, read as f32, must be finite (u32 fields are small ints: finite denormals)
  for (let off = PARAMS_BODY_OFFSET; off < PARAMS_SIZE; off += 4) {
    if (!Number.isFinite(dv.getFloat32(off, true))) out.push(`${wordName(off)}: not a finite number when read as f32`);
  }
  const series = u('series_cells');
  if (series < 1 || series > 1024) out.push(`series_cells = ${series}: must be 1..1024`);
  const rated = f('rated_capacity_Ah');
  if (!(rated > 0.001 && rated < 100000)) out.push(`rated_capacity_Ah = ${rated}: must be in (0.001, 100000)`);
  const eta = f('charge_efficiency');
  if (!(eta > 0.5 && eta <= 1)) out.push(`charge_efficiency = ${eta}: must be in (0.5, 1]`);
  for (let i = 1; i < OCV_POINTS; i++) {
    if (f('ocv_V', i) < f('ocv_V', i - 1)) out.push(`ocv_V.${i} = ${f('ocv_V', i)} < ocv_V.${i - 1} = ${f('ocv_V', i - 1)}: the OCV table must not decrease`);
  }
  const lambda = f('r_lambda');
  if (!(lambda > 0.5 && lambda <= 1)) out.push(`r_lambda = ${lambda}: must be in (0.5, 1]`);
  const bolEvents = u('r_bol_events');
  if (bolEvents < 1 || bolEvents > 1000) out.push(`r_bol_events = ${bolEvents}: must be 1..1000`);
  const rf = f('rf_hysteresis');
  if (!(rf > 0 && rf < 0.5)) out.push(`rf_hysteresis = ${rf}: must be in (0, 0.5)`);
  const dz = f('cap_dz_min');
  if (!(dz > 0 && dz <= 1)) out.push(`cap_dz_min = ${dz}: must be in (0, 1]`);
  if (!(f('max_gap_s') > 0)) out.push(`max_gap_s = ${f('max_gap_s')}: must be > 0`);
  if (!(f('log_summary_interval_s') > 0)) out.push(`log_summary_interval_s = ${f('log_summary_interval_s')}: must be > 0`);
  return out;
}
