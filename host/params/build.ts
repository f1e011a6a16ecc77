/**
 * Building a parameter block for an over-the-air update: a chemistry preset scaled to the pack,
 * named values overridden, version set; refused when the core would refuse it.
 */
import { Params, PARAMS_BODY_OFFSET, layoutStruct } from '../../layout/core-layout.ts';
import { buildParams, type ChemistryName, type ParamValues } from '../../layout/presets.ts';
import { crc32 } from '../../layout/crc32.ts';
import { checkParamsBlock } from './check.ts';
import { ParamsError } from './errors.ts';

const FIELDS = layoutStruct(Params).fields;
const HEADER_FIELDS = new Set(['crc32', 'magic', 'version', 'chemistry', 'size_bytes']);

/** Names that --set accepts: every body field, counted ones as name.i (e.g. ocv_V.3). */
export const SETTABLE_FIELDS: string[] = Object.values(FIELDS)
  .filter((fl) => !HEADER_FIELDS.has(fl.name))
  .flatMap((fl) => (fl.count ? Array.from({ length: fl.count }, (_, i) => `${fl.name}.${i}`) : [fl.name]));

export interface BuildRequest {
  chemistry: ChemistryName;
  version: number;
  ratedCapacity_Ah?: number;
  seriesCells?: number;
  set?: ParamValues;
}

export function buildUpdateBlock(req: BuildRequest): Uint8Array {
  if (!Number.isInteger(req.version) || req.version < 1 || req.version > 0xffffffff) throw new ParamsError(`version ${req.version}: must be an integer in 1..4294967295`, 'bad-value');
  for (const [name, value] of Object.entries(req.set ?? {})) {
    if (!SETTABLE_FIELDS.includes(name)) throw new ParamsError(`unknown parameter '${name}'`, 'unknown-field');
    if (!Number.isFinite(value)) throw new ParamsError(`${name} = ${value}: not a finite number`, 'bad-value');
    if (FIELDS[name.split('.')[0]!]!.type === 'u32' && !(Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) throw new ParamsError(`${name} = ${value}: must be an unsigned integer`, 'bad-value');
  }
  const opts: Parameters<typeof buildParams>[1] = { version: req.version };
  if (req.ratedCapacity_Ah !== undefined) opts.ratedCapacity_Ah = req.ratedCapacity_Ah;
  if (req.seriesCells !== undefined) opts.seriesCells = req.seriesCells;
  const block = buildParams(req.chemistry, opts);
  // --set values are written last, into the bytes (the preset builder would re-apply its OCV table)
  const dv = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (const [name, value] of Object.entries(req.set ?? {})) {
    const [field, index] = name.split('.');
    const fl = FIELDS[field!]!;
    const off = fl.offset + 4 * Number(index ?? 0);
    if (fl.type === 'u32') dv.setUint32(off, value, true);
    else dv.setFloat32(off, value, true);
  }
  dv.setUint32(FIELDS.crc32!.offset, crc32(block, PARAMS_BODY_OFFSET), true);
  const check = checkParamsBlock(block);
  if (check.reason !== 0) {
    const failed = check.checks.filter((c) => !c.ok).map((c) => c.detail);
    throw new ParamsError(`the core would refuse this block: ${failed.join('; ')}`, 'bad-value');
  }
  return block;
}
