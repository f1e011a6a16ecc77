// State-update laws of BLAST-Lite (algorithms.md §6.2): each returns the increment dy of a loss
// state y over an increment dx of its driver (days or EFC), BLAST's explicit "equivalent-x" Euler
// step. Invariants: dx <= 0 or a non-positive rate gives dy = 0; dy is never NaN for finite inputs
// (a degenerate state returns 0 instead of propagating NaN).

/** power law y = k·x^p. */
export function dPower(y: f64, dx: f64, k: f64, p: f64): f64 {
  if (!(dx > 0) || !(k > 0)) return 0;
  if (y <= 0) return k * Math.pow(dx, p);
  const d = k * p * Math.pow(y / k, (p - 1.0) / p) * dx;
  return isFinite(d) ? d : 0;
}

/** power law B y = (k·x)^p. */
export function dPowerB(y: f64, dx: f64, k: f64, p: f64): f64 {
  if (!(dx > 0) || !(k > 0)) return 0;
  if (y <= 0) return Math.pow(k * dx, p);
  const z = Math.pow(y, 1.0 / p) / k;
  const d = ((p * Math.pow(k * z, p)) / z) * dx;
  return isFinite(d) ? d : 0;
}

/** sigmoid y = 2·y∞·(1/2 − 1/(1 + exp((k·x)^p))). */
export function dSigmoid(y: f64, dx: f64, yInf: f64, k: f64, p: f64): f64 {
  if (!(dx > 0) || !(k > 0) || !(yInf > 0)) return 0;
  if (y <= 0) return 2.0 * yInf * (0.5 - 1.0 / (1.0 + Math.exp(Math.pow(k * dx, p))));
  if (y >= yInf) return 0;
  const xInv = (1.0 / k) * Math.pow(Math.log(-(2.0 * yInf) / (y - yInf) - 1.0), 1.0 / p);
  const z = Math.pow(k * xInv, p);
  const ez = Math.exp(z);
  const d = ((2.0 * yInf * p * ez * z) / (xInv * (ez + 1.0) * (ez + 1.0))) * dx;
  return isFinite(d) ? d : 0;
}
