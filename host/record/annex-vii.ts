/**
 * The Annex VII (Regulation (EU) 2023/1542) performance items and where the passport carries each:
 * a Performance and Durability 1.2.1 attribute (per the consortium's mapping, as listed in
 * schemas/passport/README.md) or, where 1.2.1 has no attribute, the passport extension.
 */
export interface AnnexItem {
  /** Annex VII item: Part A (state of health) or B (expected lifetime), point number. */
  item: string;
  /** Dotted path in the passport; extension paths start with the extension's name. */
  attribute: string;
  where: 'schema' | 'extension';
}

export const EXTENSION = 'x-bms-edge-annexVII';

export const ANNEX_VII: readonly AnnexItem[] = [
  { item: 'A(1) remaining capacity', attribute: 'batteryCondition.remainingCapacity', where: 'schema' },
  { item: 'A(2) remaining power capability', attribute: 'batteryCondition.remainingPowerCapability', where: 'schema' },
  { item: 'A(3) remaining round-trip efficiency', attribute: 'batteryCondition.remainingRoundTripEnergyEfficiency', where: 'schema' },
  { item: 'A(4) evolution of self-discharging rates', attribute: 'batteryCondition.evolutionOfSelfDischarge', where: 'schema' },
  { item: 'A(4) evolution of self-discharging rates', attribute: 'batteryCondition.currentSelfDischargingRate', where: 'schema' },
  { item: 'A(4) evolution of self-discharging rates', attribute: 'batteryTechicalProperties.initialSelfDischarge', where: 'schema' },
  { item: 'A(5) ohmic resistance', attribute: 'batteryTechicalProperties.initialInternalResistance', where: 'schema' },
  { item: 'A(5) ohmic resistance', attribute: 'batteryCondition.internalResistanceIncrease', where: 'schema' },
  { item: 'A(5) ohmic resistance', attribute: `${EXTENSION}.currentOhmicResistance`, where: 'extension' },
  { item: 'A (EV) state of certified energy', attribute: 'batteryCondition.stateOfCertifiedEnergy', where: 'schema' },
  { item: 'B(1) date of manufacturing', attribute: `${EXTENSION}.manufacturingDate`, where: 'extension' },
  { item: 'B(1) date of putting into service', attribute: `${EXTENSION}.puttingIntoServiceDate`, where: 'extension' },
  { item: 'B(2) energy throughput', attribute: 'batteryCondition.energyThroughput', where: 'schema' },
  { item: 'B(3) capacity throughput', attribute: 'batteryCondition.capacityThroughput', where: 'schema' },
  { item: 'B(4) time in extreme temperatures', attribute: 'batteryCondition.temperatureInformation', where: 'schema' },
  { item: 'B(4) number of deep discharge events', attribute: `${EXTENSION}.deepDischargeEvents`, where: 'extension' },
  { item: 'B(5) number of full charge-discharge cycles', attribute: 'batteryCondition.numberOfFullCycles', where: 'schema' },
];
