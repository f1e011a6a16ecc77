/**
 * Usage scenarios for the twin: a periodic SOC/temperature profile, one full cycle per period,
 * sampled every minute, from which the core extracts BLAST stressors (algorithms.md §6.1).
 * Named scenarios reproduce the §6.6 profiles; a scenario file (JSON) gives the same fields.
 */
import { readFileSync } from 'node:fs';
import { TwinError } from './errors.ts';

export interface Scenario {
  name: string;
  description: string;
  /** Cell temperature [degC], constant. */
  temp_degC: number;
  /** Top and bottom of the SOC window [fraction]; DoD = socHigh − socLow. */
  socHigh: number;
  socLow: number;
  /** Where the cell rests between events: 'low' (charge, rest high, discharge: storage) or 'high' (float: UPS, EV). */
  restAt: 'low' | 'high';
  /** Charge and discharge rates [1/h of nominal capacity]. */
  chargeCrate: number;
  dischargeCrate: number;
  /** Full cycles (one discharge + one charge) per day; < 1 for weekly events. */
  cyclesPerDay: number;
  /** Start of the first event of the period (charge if restAt 'low', else discharge) [h from period start]. */
  firstEventAt_h?: number;
  /** Start of the second event [h from period start]; at the latest possible start it follows the first at once. */
  secondEventAt_h?: number;
}

/** §6.6 storage: rest at 10 % until 08:00, charge to 90 % at 0.5 C, rest until 18:00, discharge to 10 % at 0.5 C. */
const storage = (temp_degC: number): Scenario => ({
  name: `storage-${temp_degC}`,
  description: `stationary storage, 1 cycle/day 10-90 % at 0.5 C, ${temp_degC} degC`,
  temp_degC, socHigh: 0.9, socLow: 0.1, restAt: 'low', chargeCrate: 0.5, dischargeCrate: 0.5, cyclesPerDay: 1,
  firstEventAt_h: 8, secondEventAt_h: 18,
});

/** §6.6 UPS: float at 100 %, one 50 % DoD discharge per week at 1 C, recharge at 0.3 C. */
const ups = (temp_degC: number): Scenario => ({
  name: `ups-${temp_degC}`,
  description: `UPS float at 100 %, weekly 50 % discharge at 1 C, ${temp_degC} degC`,
  temp_degC, socHigh: 1, socLow: 0.5, restAt: 'high', chargeCrate: 0.3, dischargeCrate: 1, cyclesPerDay: 1 / 7,
  firstEventAt_h: 0, secondEventAt_h: 0.5,
});

/**
 * §6.6 EV first life: daily 90 → 60 % in 1 h, recharge over 3 h, rest at 90 %, 25 °C. The section does
 * not say when; we drive at 08:00 and plug in at 18:00, which reproduces its first-life split.
 */
const ev: Scenario = {
  name: 'ev',
  description: 'EV first life, daily 90-60 % in 1 h at 08:00, recharge in 3 h from 18:00, 25 degC',
  temp_degC: 25, socHigh: 0.9, socLow: 0.6, restAt: 'high', chargeCrate: 0.1, dischargeCrate: 0.3, cyclesPerDay: 1,
  firstEventAt_h: 8, secondEventAt_h: 18,
};

export const NAMED_SCENARIOS: Readonly<Record<string, Scenario>> = {
  'storage-25': storage(25),
  'storage-35': storage(35),
  'ups-25': ups(25),
  'ups-35': ups(35),
  ev,
};

const FIELDS: readonly (keyof Scenario)[] = ['temp_degC', 'socHigh', 'socLow', 'chargeCrate', 'dischargeCrate', 'cyclesPerDay'];

/** Throws BAD_SCENARIO unless every field is in range and one cycle fits in its period. */
export function validateScenario(s: Scenario): Scenario {
  for (const f of FIELDS) {
    if (typeof s[f] !== 'number' || !Number.isFinite(s[f])) throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: ${f} must be a finite number`);
  }
  if (s.temp_degC < -40 || s.temp_degC > 80) throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: temp_degC ${s.temp_degC} outside -40..80`);
  if (!(s.socLow >= 0 && s.socHigh <= 1 && s.socHigh > s.socLow)) throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: need 0 <= socLow < socHigh <= 1`);
  if (!(s.chargeCrate > 0 && s.chargeCrate <= 10 && s.dischargeCrate > 0 && s.dischargeCrate <= 10)) {
    throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: C-rates must be in (0, 10]`);
  }
  if (!(s.cyclesPerDay > 0 && s.cyclesPerDay <= 24)) throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: cyclesPerDay must be in (0, 24]`);
  if (s.restAt !== 'low' && s.restAt !== 'high') throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: restAt must be 'low' or 'high'`);
  const dod = s.socHigh - s.socLow;
  if (dod / s.chargeCrate + dod / s.dischargeCrate > 24 / s.cyclesPerDay) {
    throw new TwinError('BAD_SCENARIO', `scenario ${s.name}: one cycle does not fit in its period at these C-rates`);
  }
  return s;
}

/** A named scenario, or a JSON file holding a Scenario (name and description optional). */
export function loadScenario(nameOrFile: string): Scenario {
  const named = NAMED_SCENARIOS[nameOrFile];
  if (named) return named;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(nameOrFile, 'utf8'));
  } catch (err) {
    throw new TwinError('BAD_SCENARIO', `'${nameOrFile}' is neither a scenario name (${Object.keys(NAMED_SCENARIOS).join(', ')}, as-recorded) nor a readable JSON file`, { cause: err });
  }
  const s = { name: nameOrFile, description: `scenario file ${nameOrFile}`, restAt: 'low', ...(raw as object) } as Scenario;
  return validateScenario(s);
}

/** Period of one cycle [days]. */
export function periodDays(s: Scenario): number {
  return 1 / s.cyclesPerDay;
}

/** One period of the profile, 60 s samples, t from 0 to the period inclusive. */
export function scenarioProfile(s: Scenario): { t_s: Float64Array; soc: Float64Array; temp_degC: Float64Array } {
  const period_h = 24 / s.cyclesPerDay;
  const dod = s.socHigh - s.socLow;
  const chg_h = dod / s.chargeCrate;
  const dis_h = dod / s.dischargeCrate;
  // Event start times [h]: given, or by default spread like the §6.6 storage day (08:00 and 18:00 scaled
  // to the period), and always clamped so that both events fit in the period in order.
  const scale = period_h / 24;
  const firstDur_h = s.restAt === 'low' ? chg_h : dis_h;
  const secondDur_h = s.restAt === 'low' ? dis_h : chg_h;
  const first_h = Math.max(0, Math.min(s.firstEventAt_h ?? 8 * scale, period_h - firstDur_h - secondDur_h));
  const second_h = Math.max(first_h + firstDur_h, Math.min(s.secondEventAt_h ?? 18 * scale, period_h - secondDur_h));
  const socAt = (h: number): number => {
    if (s.restAt === 'low') {
      if (h < first_h) return s.socLow;
      if (h < first_h + chg_h) return s.socLow + s.chargeCrate * (h - first_h);
      if (h < second_h) return s.socHigh;
      if (h < second_h + dis_h) return s.socHigh - s.dischargeCrate * (h - second_h);
      return s.socLow;
    }
    if (h < first_h) return s.socHigh;
    if (h < first_h + dis_h) return s.socHigh - s.dischargeCrate * (h - first_h);
    if (h < second_h) return s.socLow;
    if (h < second_h + chg_h) return s.socLow + s.chargeCrate * (h - second_h);
    return s.socHigh;
  };
  const n = Math.round(period_h * 60) + 1;
  const t_s = new Float64Array(n);
  const soc = new Float64Array(n);
  const temp = new Float64Array(n).fill(s.temp_degC);
  for (let i = 0; i < n; i++) {
    t_s[i] = i * 60;
    soc[i] = Math.min(1, Math.max(0, socAt(i / 60)));
  }
  return { t_s, soc, temp_degC: temp };
}
