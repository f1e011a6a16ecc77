/**
 * Fault injection on a schedule: a cell overheating (extra heat in one cell), over-discharge (a
 * soft internal short draining one cell until the under-voltage protection cuts the pack and
 * beyond), and a stuck sensor (a measurement frozen at its last value).
 */
import type { StuckSensor } from './sensor.ts';
import { SimError } from './errors.ts';

export type Fault =
  | { kind: 'overheat'; cell: number; start_s: number; end_s?: number; power_W: number }
  | { kind: 'overdischarge'; cell: number; start_s: number; end_s?: number; leak_A: number }
  | { kind: 'stuck'; sensor: StuckSensor; start_s: number; end_s?: number };

export function activeAt(f: Fault, t_s: number): boolean {
  return t_s >= f.start_s && (f.end_s === undefined || t_s < f.end_s);
}

/**
 * Parses `--fault` specs: `overheat:cell=3,at=3600,W=20[,until=7200]`,
 * `overdischarge:cell=0,at=0,A=0.5`, `stuck:sensor=temperature,at=600`.
 */
export function parseFault(spec: string): Fault {
  const [kind, rest = ''] = spec.split(':', 2);
  const kv: Record<string, string> = {};
  for (const part of rest.split(',').filter(Boolean)) {
    const [k, v] = part.split('=', 2);
    if (!k || v === undefined) throw new SimError(`fault '${spec}': '${part}' is not key=value`, 'bad-config');
    kv[k] = v;
  }
  const num = (k: string, def?: number): number => {
    const v = kv[k];
    if (v === undefined) {
      if (def !== undefined) return def;
      throw new SimError(`fault '${spec}': missing ${k}=`, 'bad-config');
    }
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new SimError(`fault '${spec}': ${k}=${v} is not a non-negative number`, 'bad-config');
    return n;
  };
  const base = { start_s: num('at', 0), ...(kv.until !== undefined ? { end_s: num('until') } : {}) };
  if (kind === 'overheat') return { kind, cell: num('cell', 0), power_W: num('W'), ...base };
  if (kind === 'overdischarge') return { kind, cell: num('cell', 0), leak_A: num('A'), ...base };
  if (kind === 'stuck') {
    const s = kv.sensor ?? 'temperature';
    if (s !== 'voltage' && s !== 'current' && s !== 'temperature') throw new SimError(`fault '${spec}': sensor must be voltage, current or temperature`, 'bad-config');
    return { kind, sensor: s, ...base };
  }
  throw new SimError(`fault '${spec}': kind must be overheat, overdischarge or stuck`, 'bad-config');
}
