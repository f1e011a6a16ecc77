/**
 * The Battery Pass "Performance and Durability" 1.2.1 passport of a record. Measured values come
 * from the core's counters and log, declared values from the identity; nothing is estimated here
 * beyond unit conversion and the ratios the attribute definitions give. A value neither measured nor
 * declared gets the placeholder of passport-units.ts and an entry with its reason in the extension
 * (EXTENSION), which also carries the Annex VII items 1.2.1 has no attribute for.
 */
import { EventType, LogType } from '../../layout/core-layout.ts';
import { decodeParams } from './device-bytes.ts';
import { utcOf } from './clock.ts';
import { ANNEX_VII, EXTENSION } from './annex-vii.ts';
import { PLACEHOLDER_URI, UNITS, placeholderFor } from './passport-units.ts';
import type { BmsRecord } from './model.ts';

export const PASSPORT_URN = 'urn:samm:io.BatteryPass.Performance:1.2.1#PerformanceAndDurability';

export interface NotAvailable {
  attribute: string;
  placeholder: number | string | null;
  reason: string;
}

const EVENT_NAME = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k])) as Record<number, string>;
const EVENT_UNIT: Record<number, string> = { 0: 'V', 1: 'V', 2: 'V', 3: 'A', 4: 'A', 5: 'degC', 6: 'degC', 7: 'degC', 8: 'degC' };
const EVENT_TEXT: Record<number, string> = {
  0: 'cell over-voltage (overcharge)',
  1: 'cell under-voltage',
  2: 'deep discharge',
  3: 'discharge over-current',
  4: 'charge over-current',
  5: 'over-temperature',
  6: 'under-temperature',
  7: 'over-temperature while charging',
  8: 'under-temperature while charging',
};
const MAX_EVENTS_LISTED = 50;
const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));

export function buildPassport(r: BmsRecord): Record<string, unknown> {
  const c = r.counters;
  const id = r.identity;
  const params = decodeParams(r.device.params_block);
  const lastSampleUtc = utcOf(r.provenance.clock_epoch_utc, c.t_s ?? NaN);
  const asOf = lastSampleUtc ?? new Date(Date.parse(r.provenance.exported_at)).toISOString();
  const notAvailable: NotAvailable[] = [];
  const missing = (attribute: string, reason: string, placeholder: number | string | null = placeholderFor(attribute)): number => {
    notAvailable.push({ attribute, placeholder, reason });
    return placeholder as number;
  };
  const NOT_DECLARED = 'not declared: the identity config gives no value and the device cannot measure it';
  const declared = (attribute: string, v: number | undefined, scale = 1): number => (v === undefined ? missing(attribute, NOT_DECLARED) : round(v * scale));
  const T = 'batteryTechicalProperties.';
  const C = 'batteryCondition.';
  const component = id.battery_component ?? 'pack';

  // --- static, declared ---------------------------------------------------------------------
  const rBol = c.resistance_bol_ohm ?? 0;
  const initialR = rBol > 0 ? [{ ohmicResistance: round(rBol), batteryComponent: component }] : [];
  if (!initialR.length) missing(`${T}initialInternalResistance`, 'the device has not yet learned its beginning-of-life resistance (no current step measured)', null);
  missing(`${T}originalPowerCapability`, `${NOT_DECLARED}; written as an empty list`, null);
  const tech: Record<string, unknown> = {
    originalPowerCapability: [],
    ratedMaximumPower: declared(`${T}ratedMaximumPower`, id.rated_max_power_W, 1 / 1000),
    powerCapabilityRatio: id.rated_max_power_W !== undefined && id.rated_energy_Wh ? round(id.rated_max_power_W / id.rated_energy_Wh) : missing(`${T}powerCapabilityRatio`, 'needs the declared rated maximum power and rated energy'),
    ratedEnergy: declared(`${T}ratedEnergy`, id.rated_energy_Wh, 1 / 1000),
    expectedNumberOfCycles: declared(`${T}expectedNumberOfCycles`, id.expected_cycles),
    initialSelfDischarge: declared(`${T}initialSelfDischarge`, id.initial_self_discharge_pct_per_month),
    roundtripEfficiency: declared(`${T}roundtripEfficiency`, id.roundtrip_efficiency_pct),
    ratedCapacity: round(id.rated_capacity_Ah),
    initialInternalResistance: initialR,
    expectedLifetime: declared(`${T}expectedLifetime`, id.expected_lifetime_years),
    nominalVoltage: declared(`${T}nominalVoltage`, id.nominal_voltage_V),
    minimumVoltage: declared(`${T}minimumVoltage`, id.min_voltage_V),
    maximumVoltage: declared(`${T}maximumVoltage`, id.max_voltage_V),
    capacityThresholdForExhaustion: declared(`${T}capacityThresholdForExhaustion`, id.capacity_threshold_exhaustion_pct),
    lifetimeReferenceTest: id.lifetime_reference_test_uri ?? (missing(`${T}lifetimeReferenceTest`, NOT_DECLARED, PLACEHOLDER_URI) as unknown as string),
    cRateLifeCycleTest: declared(`${T}cRateLifeCycleTest`, id.c_rate_life_cycle_test),
    temperatureRangeIdleState:
      params && typeof params.th_extreme_low_degC === 'number' && typeof params.th_extreme_high_degC === 'number'
        ? { minimum: round(params.th_extreme_low_degC), maximum: round(params.th_extreme_high_degC) }
        : { minimum: missing(`${T}temperatureRangeIdleState.minimum`, 'parameter block of another layout'), maximum: missing(`${T}temperatureRangeIdleState.maximum`, 'parameter block of another layout') },
    roundTripEfficiencyat50PerCentCycleLife: missing(`${T}roundTripEfficiencyat50PerCentCycleLife`, 'not measured: the device integrates energy in and out but runs no reference round-trip test'),
    roundTripEfficiencyFade: missing(`${T}roundTripEfficiencyFade`, 'not measured: needs reference round-trip efficiency tests at beginning of life and now'),
    powerFade: missing(`${T}powerFade`, 'not measured: the device measures DC resistance, not power capability (no pulse-power test)'),
  };
  notAvailable.push({ attribute: `${T}cRate`, placeholder: null, reason: `${NOT_DECLARED}; optional, omitted` });

  // --- dynamic, measured ----------------------------------------------------------------------
  const v = (name: string, value: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ [`${name}Value`]: value, lastUpdate: asOf, ...extra });
  const na = (name: string, reason: string): Record<string, unknown> => v(name, missing(`${C}${name}.${name}Value`, reason), { 'x-notAvailable': reason });
  const capacity = c.capacity_Ah ?? 0;
  // A capacity the estimator never updated is its initial value (the rating), not a measurement.
  const capacityKnown = (c.capacity_updates ?? 0) > 0;
  const NO_CAPACITY = 'not measured: the capacity estimate was never updated (0 qualified capacity updates: no full-to-empty span the estimator accepts); the device holds only its initial value, the rated capacity';
  const ratio = c.resistance_ratio ?? 0;
  const events = r.log.records.filter((e) => e.type === 2);
  const negativeEvents = events.slice(-MAX_EVENTS_LISTED).map((e) => ({
    negativeEvent: `${EVENT_TEXT[e.a] ?? `event ${e.a}`}: worst ${round(e.b, 5)} ${EVENT_UNIT[e.a] ?? ''} (${EVENT_NAME[e.a] ?? e.a} number ${e.c}; log seq ${e.seq})`,
    lastUpdate: utcOf(r.provenance.clock_epoch_utc, e.t_s) ?? asOf,
  }));
  const SELF_DISCHARGE = 'not measured: the core has no self-discharge estimator (it needs the SOC at both ends of a long idle period at a reference temperature)';
  const ENERGY = 'not measured: the core estimates charge capacity (Ah), not usable energy (Wh); no certified usable energy is declared';
  const cond: Record<string, unknown> = {
    energyThroughput: v('energyThroughput', round((c.dis_Wh ?? 0) / 1000)),
    capacityThroughput: v('capacityThroughput', round(c.dis_Ah ?? 0)),
    numberOfFullCycles: v('numberOfFullCycles', Math.floor(c.efc ?? 0)),
    stateOfCertifiedEnergy: na('stateOfCertifiedEnergy', ENERGY),
    capacityFade: capacityKnown ? v('capacityFade', round((1 - capacity / id.rated_capacity_Ah) * 100)) : na('capacityFade', NO_CAPACITY),
    remainingEnergy: na('remainingEnergy', ENERGY),
    remainingCapacity: capacityKnown ? v('remainingCapacity', round(capacity)) : na('remainingCapacity', NO_CAPACITY),
    negativeEvents,
    temperatureInformation: {
      timeExtremeHighTemp: round((c.extreme_high_s ?? 0) / 60),
      timeExtremeLowTemp: round((c.extreme_low_s ?? 0) / 60),
      timeExtremeHighTempCharging: round((c.chg_extreme_high_s ?? 0) / 60),
      timeExtremeLowTempCharging: round((c.chg_extreme_low_s ?? 0) / 60),
      lastUpdate: asOf,
    },
    remainingPowerCapability: {
      remainingPowerCapabilityValue: { atSoC: missing(`${C}remainingPowerCapability.remainingPowerCapabilityValue.atSoC`, 'no power capability is measured, so there is no SoC it was measured at'), powerCapabilityAt: missing(`${C}remainingPowerCapability.remainingPowerCapabilityValue.powerCapabilityAt`, 'not measured: the device measures DC resistance, not power capability at 80 % / 20 % SoC (no pulse-power test, no declared power limits)'), rPCLastUpdated: asOf },
      lastUpdate: asOf,
      'x-notAvailable': 'not measured: see the extension',
    },
    evolutionOfSelfDischarge: na('evolutionOfSelfDischarge', SELF_DISCHARGE),
    currentSelfDischargingRate: na('currentSelfDischargingRate', SELF_DISCHARGE),
    internalResistanceIncrease: ratio > 0 ? [{ internalResistanceIncreaseValue: round((ratio - 1) * 100), lastUpdate: asOf, batteryComponent: component }] : [],
    remainingRoundTripEnergyEfficiency: na('remainingRoundTripEnergyEfficiency', 'not measured as a current value: the device integrates energy in and out over life (lifetimeEnergyRatio in the extension) but runs no reference round trip'),
    stateOfCharge: v('stateOfCharge', round((c.soc ?? 0) * 100)),
  };
  if (ratio <= 0) missing(`${C}internalResistanceIncrease`, 'the beginning-of-life resistance is not learned yet', null);
  if (events.length > MAX_EVENTS_LISTED) notAvailable.push({ attribute: `${C}negativeEvents`, placeholder: null, reason: `the ${MAX_EVENTS_LISTED} latest of ${events.length} logged events are listed; counts by type are in the extension` });

  // --- extension: Annex VII items 1.2.1 lacks, and provenance ------------------------------------
  const logComplete = r.log.lost.length === 0;
  const lastOf = (type: number) => [...events].reverse().find((e) => e.a === type);
  const overVoltage = lastOf(EventType.OVER_VOLTAGE);
  const yearMonth = (value: string | undefined, attribute: string): string | null => {
    if (value !== undefined) return value;
    missing(`${EXTENSION}.${attribute}`, NOT_DECLARED, null);
    return null;
  };
  const currentR = (c.resistance_updates ?? 0) > 0 ? [{ ohmicResistance: round(c.resistance_ohm ?? 0), batteryComponent: component, lastUpdate: asOf }] : [];
  if (!currentR.length) missing(`${EXTENSION}.currentOhmicResistance`, 'no current step measured yet', null);
  const ext: Record<string, unknown> = {
    description: `Annex VII items that Battery Pass ${PASSPORT_URN} has no attribute for, the unit read for each attribute, and every attribute whose value is not available (with its placeholder and the reason). Written by ${r.provenance.tool}.`,
    aspect: PASSPORT_URN,
    battery: {
      serialNumber: id.serial_number,
      chemistry: id.chemistry_description ?? id.chemistry,
      ...(id.model ? { model: id.model } : {}),
      ...(id.manufacturer ? { manufacturer: id.manufacturer } : {}),
      ...(id.category ? { category: id.category } : {}),
      ...(id.declared_source ? { declaredValuesSource: id.declared_source } : {}),
    },
    record: {
      digest: r.device.digest,
      exportedAt: r.provenance.exported_at,
      sourceKind: r.provenance.source_kind,
      parameterBlockVersion: r.device.params_version,
      lastSampleDeviceTime_s: c.t_s ?? null,
      clockEpochUtc: r.provenance.clock_epoch_utc,
      clockEpochSource: r.provenance.clock_epoch_source,
      lastUpdateMeaning: lastSampleUtc ? 'UTC time of the last sample the device accepted' : 'export time: the device clock has no known epoch, so the time of the last sample is unknown',
      logComplete,
    },
    manufacturingDate: yearMonth(id.manufacturing_date, 'manufacturingDate'),
    puttingIntoServiceDate: yearMonth(id.putting_into_service_date, 'puttingIntoServiceDate'),
    deepDischargeEvents: {
      value: c.deep_discharge_events ?? 0,
      lastUpdate: asOf,
      definition: params ? `onsets of cell voltage below ${round(params.lim_v_deep_V as number, 4)} V (parameter block version ${r.device.params_version})` : 'onsets of cell voltage below the deep-discharge limit',
    },
    overchargeEvents:
      overVoltage || logComplete
        ? { value: overVoltage ? overVoltage.c : 0, lastUpdate: asOf, definition: params ? `onsets of cell voltage above ${round(params.lim_v_max_V as number, 4)} V (voluntary item, DIN DKE SPEC 99100 6.7.8.3)` : 'onsets of cell over-voltage' }
        : null,
    currentOhmicResistance: currentR,
    resistanceMethod: 'DC resistance from current steps, dV/dI over at most one sample interval, normalised to 25 degC (Arrhenius, 35 kJ/mol), filtered; the initial value is the mean of the first steps',
    measured: {
      equivalentFullCycles: round(c.efc ?? 0),
      chargedEnergy_kWh: round((c.chg_Wh ?? 0) / 1000),
      chargedCapacity_Ah: round(c.chg_Ah ?? 0),
      lifetimeEnergyRatio_pct: (c.chg_Wh ?? 0) > 0 ? round(((c.dis_Wh ?? 0) / (c.chg_Wh ?? 1)) * 100) : null,
      stateOfHealth_pct: capacityKnown ? round((c.soh ?? 0) * 100) : null,
      capacityUpdates: c.capacity_updates ?? 0,
      capacitySigma_Ah: round(c.capacity_sigma_Ah ?? 0),
      temperatureMin_degC: round(c.temp_min_degC ?? 0),
      temperatureMax_degC: round(c.temp_max_degC ?? 0),
      negativeEventsTotal: c.events_total ?? 0,
      // excursions the core did not confirm as events (assembly/estimators/events.ts), from the log
      sensorGlitches: r.log.records.filter((e) => e.type === LogType.GLITCH).length,
      transientExcursions: r.log.records.filter((e) => e.type === LogType.TRANSIENT).length,
      operatingTime_h: round((c.time_s ?? 0) / 3600),
    },
    units: UNITS,
    notAvailable,
    annexVII: ANNEX_VII.map((a) => ({ ...a, available: !notAvailable.some((n) => n.attribute === a.attribute || n.attribute.startsWith(`${a.attribute}.`)) })),
  };
  return { batteryTechicalProperties: tech, batteryCondition: cond, [EXTENSION]: ext };
}
