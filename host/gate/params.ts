/** --param name=value overrides of the parameter block, checked against the block's field names. */
import { presetValues } from '../../layout/presets.ts';
import { GateError } from './errors.ts';

/** Body field names a user may override (OCV points as `ocv_V.<i>`). */
export function overridableParams(): string[] {
  return Object.keys(presetValues('NMC')).sort();
}

export function parseParamOverrides(specs: string[]): Record<string, number> {
  const names = new Set(overridableParams());
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const m = /^([A-Za-z0-9_.]+)=(.+)$/.exec(spec.trim());
    if (!m) throw new GateError(`--param ${spec}: expected name=value, e.g. cap_sigma_w_Ah=0.001`, 'bad-param');
    const [, name, raw] = m as unknown as [string, string, string];
    if (!names.has(name)) {
      const near = [...names].filter((n) => n.includes(name) || name.includes(n.split('_')[0]!)).slice(0, 6);
      throw new GateError(`--param ${spec}: no parameter '${name}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`, 'bad-param');
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || raw.trim() === '') throw new GateError(`--param ${spec}: '${raw}' is not a finite number`, 'bad-param');
    out[name] = value;
  }
  return out;
}
