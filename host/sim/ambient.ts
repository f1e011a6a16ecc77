/** Ambient temperature: mean + seasonal sine (coldest at t = 0, i.e. the run starts in winter when
 * seasonalAmp > 0) + daily sine (warmest at 15:00), degC. */
export interface AmbientSpec {
  mean_degC: number;
  dailyAmp_degC: number;
  seasonalAmp_degC: number;
}

const YEAR_S = 365.25 * 86400;

export function ambientAt(a: AmbientSpec, t_s: number): number {
  return a.mean_degC - a.seasonalAmp_degC * Math.cos((2 * Math.PI * t_s) / YEAR_S)
    + a.dailyAmp_degC * Math.sin((2 * Math.PI * (t_s / 86400 - 0.375)));
}
