/**
 * What the grade is decided on. Null = not known from this recording (the rule is reported as not
 * assessed, never silently passed).
 */
export interface Evidence {
  /** State of health = capacity / rated at the last capacity measurement or estimate. */
  soh: number | null;
  soh_source: 'measured' | 'estimated' | 'none';
  /** 1-σ uncertainty of soh [fraction]. */
  soh_sigma: number | null;
  capacityUpdates: number;
  /** Discharges in the history the grade rests on (null when the input has no discharge count). */
  historyDischarges: number | null;
  /** Sensor glitches: the core's GLITCH records (one or two samples at rest) and implausible voltage events; never events. */
  sensorGlitches: number | null;
  /** Discharge at which the capacity used was measured or estimated. */
  capacityCycle: number | null;
  /** R / R_BOL (last resistance over the first of this history). */
  resistanceRatio: number | null;
  resistanceUpdates: number;
  deepDischargeEvents: number | null;
  overVoltageEvents: number | null;
  overTemperatureEvents: number | null;
  selfDischargeRatio: number | null;
  moduleSpread: number | null;
  /** Twin projections from today to the projection SOH: grid scenario and light-duty scenario. */
  gridProjection: { scenario: string; years: number | null; efc: number | null } | null;
  lightProjection: { scenario: string; years: number | null; efc: number | null } | null;
}
