/**
 * The identity config: a small JSON file with the battery's serial number and the values its
 * manufacturer declares (record/identity.example.json). Unknown names are refused (a misspelt
 * declaration must not vanish silently); absent values stay absent and are reported as not declared.
 */
import { readFileSync } from 'node:fs';
import { IDENTITY } from './keys.ts';
import { RecordError } from './errors.ts';
import type { Identity } from './model.ts';
import { isRfc3339Utc } from './codec.ts';

export interface IdentityConfig {
  identity: Partial<Identity> & { serial_number: string };
  /** UTC instant of device t_s = 0, when the config states it. */
  clock_epoch_utc?: string;
}

const MAX_CONFIG_BYTES = 64 * 1024;

export function parseIdentityConfig(text: string, where = 'identity config'): IdentityConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new RecordError(`${where}: larger than ${MAX_CONFIG_BYTES} bytes`, 'identity');
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new RecordError(`${where}: not JSON: ${(err as Error).message}`, 'identity', { cause: err });
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new RecordError(`${where}: expected a JSON object`, 'identity');
  const out: Record<string, unknown> = {};
  let clock: string | undefined;
  for (const [k, v] of Object.entries(j)) {
    if (k === '$comment') continue;
    if (k === 'clock_epoch_utc') {
      if (typeof v !== 'string' || !isRfc3339Utc(v)) throw new RecordError(`${where}: clock_epoch_utc must be RFC 3339 UTC (e.g. 2024-05-01T00:00:00Z)`, 'identity');
      clock = v;
      continue;
    }
    const f = IDENTITY.find((x) => x.name === k);
    if (!f) throw new RecordError(`${where}: unknown field '${k}' (known: ${IDENTITY.map((x) => x.name).join(', ')}, clock_epoch_utc)`, 'identity');
    const ok =
      f.type === 'number' ? typeof v === 'number' && Number.isFinite(v)
      : f.type === 'uint' ? Number.isSafeInteger(v) && (v as number) >= 0
      : f.type === 'year-month' ? typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v)
      : f.type === 'component' ? v === 'cell' || v === 'module' || v === 'pack'
      : f.type === 'uri' ? typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v)
      : typeof v === 'string' && v.length > 0 && v.length <= 256;
    if (!ok) throw new RecordError(`${where}: ${k} must be ${f.type === 'year-month' ? 'YYYY-MM' : f.type}, got ${JSON.stringify(v)}`, 'identity');
    out[k] = v;
  }
  if (typeof out.serial_number !== 'string') throw new RecordError(`${where}: serial_number is required`, 'identity');
  return clock ? { identity: out as IdentityConfig['identity'], clock_epoch_utc: clock } : { identity: out as IdentityConfig['identity'] };
}

export function readIdentityConfig(path: string): IdentityConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RecordError(`${path}: cannot read the identity config`, 'io', { cause: err });
  }
  return parseIdentityConfig(text, path);
}
