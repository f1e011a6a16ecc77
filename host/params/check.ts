/**
 * Host-side check of a parameter block in the core's order (assembly/params/block.ts
 * validateStaged): magic, size, CRC, version newer than the block in force (when known), value
 * ranges. `reason` is the core's reason code for the first failing check (0 = the core would apply
 * it). The host is stricter on one point: the file must be exactly PARAMS_SIZE bytes (the core pads
 * a short block with zeros, which then fails its CRC).
 */
import { MAGIC_PARAMS, PARAMS_BODY_OFFSET, PARAMS_END_MARKER, PARAMS_SIZE, Params, layoutStruct, Chemistry } from '../../layout/core-layout.ts';
import { crc32 } from '../../layout/crc32.ts';
import { rangeViolations } from './ranges.ts';
import { ParamsReason } from '../../layout/param-ranges.ts';

const F = layoutStruct(Params).fields;
const CHEMISTRY_NAME = Object.fromEntries(Object.entries(Chemistry).map(([k, v]) => [v, k])) as Record<number, string>;

export interface CheckItem {
  name: 'magic' | 'size' | 'crc' | 'end marker' | 'version' | 'ranges';
  ok: boolean;
  detail: string;
}

export interface ParamsCheck {
  /** Core reason code of the first failing check: 0 ok, 1 magic, 2 size, 3 CRC, 4 not newer, 5 out of range. */
  reason: number;
  checks: CheckItem[];
  version?: number;
  chemistry?: string;
}

export function checkParamsBlock(block: Uint8Array, opts: { inForceVersion?: number } = {}): ParamsCheck {
  const checks: CheckItem[] = [];
  const done = (reason: number, extra: Partial<ParamsCheck> = {}): ParamsCheck => ({ reason, checks, ...extra });
  const dv = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const magic = block.length >= 8 ? dv.getUint32(F.magic!.offset, true) : undefined;
  checks.push({ name: 'magic', ok: magic === MAGIC_PARAMS, detail: magic === undefined ? 'block shorter than its header' : `0x${magic.toString(16).padStart(8, '0')}` });
  if (magic !== MAGIC_PARAMS) return done(ParamsReason.BAD_MAGIC);
  const sizeField = block.length >= F.size_bytes!.offset + 4 ? dv.getUint32(F.size_bytes!.offset, true) : -1;
  const sizeOk = block.length === PARAMS_SIZE && sizeField === PARAMS_SIZE;
  checks.push({ name: 'size', ok: sizeOk, detail: `${block.length} B, size_bytes ${sizeField}, core expects ${PARAMS_SIZE}` });
  if (!sizeOk) return done(ParamsReason.BAD_SIZE);
  const stored = dv.getUint32(F.crc32!.offset, true);
  const computed = crc32(block, PARAMS_BODY_OFFSET, PARAMS_SIZE);
  checks.push({ name: 'crc', ok: stored === computed, detail: `stored 0x${stored.toString(16).padStart(8, '0')}, computed 0x${computed.toString(16).padStart(8, '0')}` });
  if (stored !== computed) return done(ParamsReason.BAD_CRC);
  const marker = dv.getUint32(F.end_marker!.offset, true);
  checks.push({ name: 'end marker', ok: marker === PARAMS_END_MARKER, detail: `0x${marker.toString(16).padStart(8, '0')}` });
  if (marker !== PARAMS_END_MARKER) return done(ParamsReason.BAD_SIZE);
  const version = dv.getUint32(F.version!.offset, true);
  const chemId = dv.getUint32(F.chemistry!.offset, true);
  const meta = { version, chemistry: CHEMISTRY_NAME[chemId] ?? `unknown (${chemId})` };
  if (opts.inForceVersion !== undefined) {
    const newer = version > opts.inForceVersion;
    checks.push({ name: 'version', ok: newer, detail: `${version} vs ${opts.inForceVersion} in force` });
    if (!newer) return done(ParamsReason.OLD_VERSION, meta);
  }
  const violations = rangeViolations(block);
  checks.push({ name: 'ranges', ok: violations.length === 0, detail: violations.length ? violations.join('; ') : 'every value in range' });
  return done(violations.length ? ParamsReason.OUT_OF_RANGE : ParamsReason.OK, meta);
}
