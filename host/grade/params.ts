/**
 * Second-life grading thresholds (algorithms.md §7). Every threshold is a parameter with the source
 * it comes from; callers may override any of them.
 */
export interface Threshold {
  value: number;
  source: string;
}

export interface GradeParams {
  gridSohMin: Threshold;
  gridResistanceRatioMax: Threshold;
  gridProjectionYearsMin: Threshold;
  gridProjectionEfcMin: Threshold;
  lightSohMin: Threshold;
  lightResistanceRatioMax: Threshold;
  lightProjectionYearsMin: Threshold;
  projectionSoh: Threshold;
  deepDischargeEventsMax: Threshold;
  overVoltageEventsMax: Threshold;
  overTemperatureEventsMax: Threshold;
  selfDischargeRatioMax: Threshold;
  moduleSpreadMax: Threshold;
  provisionalSohSigmaMax: Threshold;
  provisionalMinCapacityUpdates: Threshold;
  provisionalMinResistanceUpdates: Threshold;
  provisionalMinHistoryDischarges: Threshold;
  glitchVoltageMin_V: Threshold;
  glitchVoltageMax_V: Threshold;
  overVoltageMslMargin_V: Threshold;
  overTemperatureMslMargin_degC: Threshold;
}

export const DEFAULT_GRADE_PARAMS: Readonly<GradeParams> = {
  gridSohMin: { value: 0.8, source: 'GB/T 34015 (EV end of first life at 80 % of nominal capacity); configurable 0.75-0.85' },
  gridResistanceRatioMax: { value: 1.5, source: 'algorithms.md §7 proposed rule set (R25/R_BOL <= 1.5 for grid storage)' },
  gridProjectionYearsMin: { value: 5, source: 'algorithms.md §7 proposed rule set (twin projection to SOH 0.6 >= 5 years)' },
  gridProjectionEfcMin: { value: 1000, source: 'algorithms.md §7 proposed rule set (twin projection to SOH 0.6 >= 1000 EFC)' },
  lightSohMin: { value: 0.6, source: 'algorithms.md §7 proposed rule set (recycle below SOH 0.60)' },
  lightResistanceRatioMax: { value: 2.0, source: 'algorithms.md §7 proposed rule set (recycle above R25/R_BOL 2.0)' },
  lightProjectionYearsMin: { value: 2, source: 'algorithms.md §7 proposed rule set (light duty needs a projection >= 2 years)' },
  projectionSoh: { value: 0.6, source: 'algorithms.md §7: projections are taken to SOH 0.6, the recycle line' },
  deepDischargeEventsMax: { value: 0, source: 'foxBMS 2 DIAG_ID_DEEP_DISCHARGE_DETECTED: a deep discharge below the safety limit marks the cell faulty' },
  overVoltageEventsMax: { value: 0, source: 'algorithms.md §7 (no MSL-level overcharge events for reuse)' },
  overTemperatureEventsMax: { value: 0, source: 'algorithms.md §7 (no MSL-level over-temperature events for reuse)' },
  selfDischargeRatioMax: { value: 2, source: 'algorithms.md §7 (self-discharge <= 2x the population median)' },
  moduleSpreadMax: { value: 0.1, source: 'algorithms.md §7 (module capacity spread <= 10 %; ReJoule field data shows up to 15 %)' },
  provisionalSohSigmaMax: { value: 0.03, source: 'algorithms.md §7 (provisional when sigma_SOH > 3 %)' },
  provisionalMinCapacityUpdates: { value: 3, source: 'algorithms.md §7 (provisional with fewer than 3 qualified capacity updates)' },
  provisionalMinResistanceUpdates: { value: 3, source: 'bms-edge choice: a resistance ratio from fewer than 3 measurements is thin evidence' },
  provisionalMinHistoryDischarges: {
    value: 10,
    source: 'bms-edge choice: algorithms.md §7 asks for 3 qualified capacity updates; a trend (twin fit, resistance ratio) needs several times that many discharges, and the twin fit itself needs 5 points',
  },
  glitchVoltageMin_V: { value: 0.5, source: 'NASA data README glitch criterion (fixtures/nasa-pcoe-battery/DATA-README.md): a cell voltage below 0.5 V is a sensor glitch, not an event' },
  glitchVoltageMax_V: {
    value: 4.8,
    source:
      'bms-edge choice: no preset chemistry charges above 4.4 V, a reading 0.4 V beyond is a sensor fault (fixtures/nasa-pcoe-battery/DATA-README.md: NASA charge test 84 reads 4.985 V and 8.4 V at about 0 A; its own glitch line is 5 V)',
  },
  overVoltageMslMargin_V: {
    value: 0.1,
    source: 'bms-edge choice after the foxBMS MOL/RSL/MSL tiers: the core counts over-voltage at its operating limit; MSL = that limit + 0.1 V',
  },
  overTemperatureMslMargin_degC: {
    value: 10,
    source: 'bms-edge choice after the foxBMS MOL/RSL/MSL tiers: MSL over-temperature = the core limit + 10 K',
  },
};
