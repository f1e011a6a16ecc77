/** One fitted quantity as cell.json records it: value, 1-sigma uncertainty, evidence count, method. */
export interface Fitted<T extends number | number[] = number> {
  value: T;
  /** 1-sigma uncertainty, same unit as the value (per point for tables). */
  sigma: T;
  /** Independent pieces of evidence used (segments, rest points, steps, discharges; per point for tables). */
  evidence: T;
  /** How it was obtained, in words. */
  method: string;
}

export const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
export const median = (x: number[]): number => {
  const s = [...x].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Sample standard deviation (0 for fewer than 2 values). */
export const stdev = (x: number[]): number => {
  if (x.length < 2) return 0;
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};
/** Robust sigma: 1.4826 x median absolute deviation (equals sigma for normal noise). */
export const madSigma = (x: number[]): number => {
  if (x.length < 2) return 0;
  const m = median(x);
  return 1.4826 * median(x.map((v) => Math.abs(v - m)));
};
/** Sigma of a mean from n values: the spread over sqrt(n), never below a floor (resolution). */
export const sigmaOfMean = (x: number[], floor: number): number => Math.max(floor, stdev(x) / Math.sqrt(Math.max(1, x.length)));
