/**
 * One reading of each unit of the Battery Pass Performance and Durability 1.2.1 attributes, and the
 * placeholder a required number carries when its value is not available.
 *
 * Rule for units: the unit of the aspect model (.ttl, samm-c:unit), except where that unit cannot be
 * the unit of the quantity the attribute defines; there the consortium's longlist / DIN DKE SPEC
 * 99100 unit is used. Overridden: powerCapabilityAt (TTL percent, a power: W), remainingCapacity
 * (TTL kWh, a charge: Ah), powerCapabilityRatio (TTL %, a power over an energy: W/Wh),
 * currentSelfDischargingRate (TTL %, a rate: %/month). Kept although the longlist differs:
 * ratedMaximumPower in kW (TTL; the longlist says W, both are powers).
 *
 * Placeholders: every attribute but cRate is required and typed number, and the schema has no
 * "not available" value. A value the device cannot measure and nobody declared is therefore written
 * as a placeholder outside the attribute's possible range, and the passport's extension lists the
 * attribute with the reason (notAvailable). -1 for quantities that cannot be negative; 101 for fade
 * percentages (a fade above 100 % would need a negative power or efficiency); -101 for the evolution
 * of self-discharge (a rate cannot fall by more than 100 %). A consumer must read notAvailable.
 */

export const UNITS: Readonly<Record<string, string>> = {
  'batteryTechicalProperties.originalPowerCapability.atSoC': '%',
  'batteryTechicalProperties.originalPowerCapability.powerCapabilityAt': 'W (longlist/DIN; the TTL declares percent, which cannot be a power)',
  'batteryTechicalProperties.ratedMaximumPower': 'kW (TTL; the longlist says W)',
  'batteryTechicalProperties.powerCapabilityRatio': 'W/Wh (longlist; the TTL declares %)',
  'batteryTechicalProperties.ratedEnergy': 'kWh',
  'batteryTechicalProperties.expectedNumberOfCycles': 'cycles',
  'batteryTechicalProperties.initialSelfDischarge': '%/month',
  'batteryTechicalProperties.roundtripEfficiency': '%',
  'batteryTechicalProperties.ratedCapacity': 'Ah',
  'batteryTechicalProperties.initialInternalResistance.ohmicResistance': 'ohm',
  'batteryTechicalProperties.expectedLifetime': 'years',
  'batteryTechicalProperties.cRate': 'C',
  'batteryTechicalProperties.nominalVoltage': 'V',
  'batteryTechicalProperties.minimumVoltage': 'V',
  'batteryTechicalProperties.maximumVoltage': 'V',
  'batteryTechicalProperties.capacityThresholdForExhaustion': '% of rated capacity',
  'batteryTechicalProperties.cRateLifeCycleTest': 'C',
  'batteryTechicalProperties.temperatureRangeIdleState': 'degC',
  'batteryTechicalProperties.roundTripEfficiencyat50PerCentCycleLife': '%',
  'batteryTechicalProperties.roundTripEfficiencyFade': '%',
  'batteryTechicalProperties.powerFade': '%',
  'batteryCondition.energyThroughput': 'kWh discharged over life',
  'batteryCondition.capacityThroughput': 'Ah discharged over life',
  'batteryCondition.numberOfFullCycles': 'completed equivalent full cycles: floor(Ah discharged / rated Ah)',
  'batteryCondition.stateOfCertifiedEnergy': '%',
  'batteryCondition.capacityFade': '% of rated capacity: (1 - capacity / rated capacity) x 100',
  'batteryCondition.remainingEnergy': 'kWh',
  'batteryCondition.remainingCapacity': 'Ah (longlist/DIN; the TTL declares kWh, which cannot be a charge)',
  'batteryCondition.temperatureInformation': 'minutes',
  'batteryCondition.remainingPowerCapability.powerCapabilityAt': 'W (longlist/DIN; the TTL declares percent)',
  'batteryCondition.evolutionOfSelfDischarge': '%',
  'batteryCondition.currentSelfDischargingRate': '%/month (longlist; the TTL declares %)',
  'batteryCondition.internalResistanceIncrease': '% over the beginning-of-life value: (R / R_BOL - 1) x 100',
  'batteryCondition.remainingRoundTripEnergyEfficiency': '%',
  'batteryCondition.stateOfCharge': '% of remaining capacity',
};

/** Placeholder of a required number with no value (see above); -1 unless listed. */
export const PLACEHOLDER_SIGNED: Readonly<Record<string, number>> = {
  'batteryTechicalProperties.powerFade': 101,
  'batteryTechicalProperties.roundTripEfficiencyFade': 101,
  'batteryCondition.evolutionOfSelfDischarge.evolutionOfSelfDischargeValue': -101,
};

export function placeholderFor(attribute: string): number {
  return PLACEHOLDER_SIGNED[attribute] ?? -1;
}

/** A URI that names no document, for lifetimeReferenceTest when none is declared (format: uri). */
export const PLACEHOLDER_URI = 'urn:x-bms-edge:not-available';
