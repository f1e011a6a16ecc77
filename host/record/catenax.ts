/**
 * The same content as the Catena-X BatteryPass 6.1.0 `performance` section
 * (urn:samm:io.catenax.battery.battery_pass:6.1.0#performance), validated against
 * `#/properties/performance` of schemas/passport/catenax-BatteryPass-6.1.0.schema.json.
 * Units are Catena-X's own (W, Ah, kWh, Ohm, %, degC); the placeholder rule is the one of
 * passport-units.ts (-1 where a quantity cannot be negative, 101 for fades, -101 for an increase
 * that cannot fall below -100 %), each placeholder listed with its reason in the extension.
 */
import { buildPassport, type NotAvailable } from './passport.ts';
import { EXTENSION } from './annex-vii.ts';
import { decodeParams } from './device-bytes.ts';
import { utcOf } from './clock.ts';
import type { BmsRecord } from './model.ts';

export const CATENAX_URN = 'urn:samm:io.catenax.battery.battery_pass:6.1.0#performance';

const round = (x: number): number => Number(x.toPrecision(6));

export function buildCatenaxPerformance(r: BmsRecord): Record<string, unknown> {
  const c = r.counters;
  const id = r.identity;
  const params = decodeParams(r.device.params_block);
  const time = utcOf(r.provenance.clock_epoch_utc, c.t_s ?? NaN) ?? new Date(Date.parse(r.provenance.exported_at)).toISOString();
  const notAvailable: NotAvailable[] = [];
  const NOT_DECLARED = 'not declared: the identity config gives no value and the device cannot measure it';
  const missing = (path: string, reason: string, placeholder = -1): number => {
    notAvailable.push({ attribute: path, placeholder, reason });
    return placeholder;
  };
  const declared = (path: string, v: number | undefined, scale = 1): number => (v === undefined ? missing(path, NOT_DECLARED) : round(v * scale));
  const component = id.battery_component ?? 'pack';
  const rec = (value: number) => ({ value, time });
  const perComponent = (path: string, value: number | null, placeholder: number, reason: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const k of ['cell', 'pack'] as const) {
      if (k === component && value !== null) out[k] = path.includes('dynamic') ? rec(value) : value;
      else {
        const why = k === component ? reason : `the device measures the ${component}, not the ${k}`;
        const v = missing(`${path}.${k}${path.includes('dynamic') ? '.value' : ''}`, why, placeholder);
        out[k] = path.includes('dynamic') ? rec(v) : v;
      }
    }
    return out;
  };
  const rBol = (c.resistance_bol_ohm ?? 0) > 0 ? round(c.resistance_bol_ohm!) : null;
  const rNow = (c.resistance_updates ?? 0) > 0 ? round(c.resistance_ohm ?? 0) : null;
  const ratio = c.resistance_ratio ?? 0;
  const NO_POWER = 'not measured: the device measures DC resistance, not power capability (no pulse-power test)';
  const NO_ENERGY = 'not measured: the core estimates charge capacity (Ah), not usable energy (Wh)';
  const NO_RTE = 'not measured: no reference round-trip efficiency test';
  const NO_SELF = 'not measured: the core has no self-discharge estimator';
  const rated: Record<string, unknown> = {
    voltage: { min: declared('rated.voltage.min', id.min_voltage_V), max: declared('rated.voltage.max', id.max_voltage_V), nominal: declared('rated.voltage.nominal', id.nominal_voltage_V) },
    roundTripEfficiency: { depthOfDischarge: missing('rated.roundTripEfficiency.depthOfDischarge', NOT_DECLARED), initial: declared('rated.roundTripEfficiency.initial', id.roundtrip_efficiency_pct), '50PercentLife': missing('rated.roundTripEfficiency.50PercentLife', NO_RTE) },
    resistance: perComponent('rated.resistance', rBol, -1, 'the beginning-of-life resistance is not learned yet'),
    power: { value: declared('rated.power.value', id.rated_max_power_W), at20SoC: missing('rated.power.at20SoC', NO_POWER), at80SoC: missing('rated.power.at80SoC', NO_POWER) },
    capacity: { value: round(id.rated_capacity_Ah), thresholdExhaustion: declared('rated.capacity.thresholdExhaustion', id.capacity_threshold_exhaustion_pct) },
    temperature: params ? { lower: round(params.th_extreme_low_degC as number), upper: round(params.th_extreme_high_degC as number) } : { lower: missing('rated.temperature.lower', 'parameter block of another layout'), upper: missing('rated.temperature.upper', 'parameter block of another layout') },
    selfDischargingRate: declared('rated.selfDischargingRate', id.initial_self_discharge_pct_per_month),
    lifetime: {
      expectedYears: declared('rated.lifetime.expectedYears', id.expected_lifetime_years),
      report: id.lifetime_reference_test_uri ? [{ contentType: 'URL', header: 'Life-cycle reference test', content: id.lifetime_reference_test_uri }] : [],
      cycleLifeTesting: {
        temperature: missing('rated.lifetime.cycleLifeTesting.temperature', NOT_DECLARED, -300),
        cycles: declared('rated.lifetime.cycleLifeTesting.cycles', id.expected_cycles),
        depthOfDischarge: missing('rated.lifetime.cycleLifeTesting.depthOfDischarge', NOT_DECLARED),
        appliedChargeRate: missing('rated.lifetime.cycleLifeTesting.appliedChargeRate', NOT_DECLARED),
        appliedDischargeRate: declared('rated.lifetime.cycleLifeTesting.appliedDischargeRate', id.c_rate_life_cycle_test),
      },
    },
  };
  if (id.rated_energy_Wh !== undefined) rated.energy = { value: round(id.rated_energy_Wh / 1000) };
  else notAvailable.push({ attribute: 'rated.energy', placeholder: null, reason: `${NOT_DECLARED}; optional, omitted` });
  const events = r.log.records.filter((e) => e.type === 2);
  const dynamic: Record<string, unknown> = {
    stateOfCharge: rec(round((c.soc ?? 0) * 100)),
    fullCycles: rec(Math.floor(c.efc ?? 0)),
    selfDischargingRate: missing('dynamic.selfDischargingRate', NO_SELF),
    power: { fade: rec(missing('dynamic.power.fade.value', NO_POWER, 101)), remaining: rec(missing('dynamic.power.remaining.value', NO_POWER)) },
    capacity: { fade: rec(round((1 - (c.capacity_Ah ?? 0) / id.rated_capacity_Ah) * 100)), throughput: rec(round(c.dis_Ah ?? 0)), capacity: rec(round(c.capacity_Ah ?? 0)) },
    roundTripEfficiency: { fade: rec(missing('dynamic.roundTripEfficiency.fade.value', NO_RTE, 101)), remaining: rec(missing('dynamic.roundTripEfficiency.remaining.value', NO_RTE)) },
    resistance: {
      increase: perComponent('dynamic.resistance.increase', ratio > 0 ? round((ratio - 1) * 100) : null, -101, 'the beginning-of-life resistance is not learned yet'),
      remaining: perComponent('dynamic.resistance.remaining', rNow, -1, 'no current step measured yet'),
    },
    energy: { soce: rec(missing('dynamic.energy.soce.value', NO_ENERGY)), remaining: rec(missing('dynamic.energy.remaining.value', NO_ENERGY)), throughput: rec(round((c.dis_Wh ?? 0) / 1000)) },
    negativeEvents: events.slice(-50).map((e) => ({ contentType: 'text/plain', header: `log seq ${e.seq}`, content: `event type ${e.a}, worst value ${round(e.b)}, number ${e.c}, at ${utcOf(r.provenance.clock_epoch_utc, e.t_s) ?? `device time ${e.t_s} s`}` })),
  };
  const bp = buildPassport(r)[EXTENSION] as Record<string, unknown>;
  const ext = {
    description: `Items ${CATENAX_URN} has no attribute for (time in extreme temperatures, deep-discharge events, dates), and every attribute whose value is not available, with its placeholder and the reason. Units are those of the Catena-X model.`,
    aspect: CATENAX_URN,
    battery: bp.battery,
    record: bp.record,
    manufacturingDate: bp.manufacturingDate,
    puttingIntoServiceDate: bp.puttingIntoServiceDate,
    deepDischargeEvents: bp.deepDischargeEvents,
    timeExtremeTemperature_min: { high: round((c.extreme_high_s ?? 0) / 60), low: round((c.extreme_low_s ?? 0) / 60), highCharging: round((c.chg_extreme_high_s ?? 0) / 60), lowCharging: round((c.chg_extreme_low_s ?? 0) / 60), time },
    measured: bp.measured,
    notAvailable,
  };
  return { rated, dynamic, [EXTENSION]: ext };
}
