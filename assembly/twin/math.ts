// Numeric helpers shared by the BLAST-Lite models. Pure functions of their arguments.

/** Kelvin offset. */
@inline export const KELVIN: f64 = 273.15;

/**
 * Graphite anode potential vs Li/Li+ [V] from SOC (fraction), Safari & Delacourt, JES 158 (2011) A562,
 * lithiation mapping after Schimpe et al. (algorithms.md §6.1). Test values: SOC 0 → 0.6844 V, 0.5 → 0.1233 V.
 */
export function anodePotential_V(soc: f64): f64 {
  const xa = 0.0085 + soc * (0.78 - 0.0085);
  return (
    0.6379 +
    0.5416 * Math.exp(-305.5309 * xa) +
    0.044 * Math.tanh(-(xa - 0.1958) / 0.1088) -
    0.1978 * Math.tanh((xa - 1.0571) / 0.0854) -
    0.6875 * Math.tanh((xa + 0.0117) / 0.0529) -
    0.0175 * Math.tanh((xa - 0.5692) / 0.0875)
  );
}

/**
 * Complementary error function, Numerical Recipes "erfcc" Chebyshev fit: relative error < 1.2e-7
 * everywhere, enough for the break-in weight of the Sony model (used only through SN below).
 */
export function erfc(x: f64): f64 {
  const z = Math.abs(x);
  const t = 1.0 / (1.0 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2.0 - r;
}

/** Standard normal pdf φ(x). */
export function normPdf(x: f64): f64 {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

/** Standard normal cdf Φ(x) = erfc(−x/√2)/2. */
export function normCdf(x: f64): f64 {
  return 0.5 * erfc(-x * 0.7071067811865476);
}

/** Skew-normal shape SN(x; s, w) = 2·φ((x − 0.5)/w)·Φ(s·(x − 0.5)/w) (algorithms.md §6.4). */
export function skewNorm(x: f64, skew: f64, width: f64): f64 {
  const xp = (x - 0.5) / width;
  return 2.0 * normPdf(xp) * normCdf(skew * xp);
}

/** Sigmoid SIG(x; α, β, γ) = 2α·(1/2 − 1/(1 + exp((βx)^γ))). */
export function sigmoidShape(x: f64, alpha: f64, beta: f64, gamma: f64): f64 {
  return 2.0 * alpha * (0.5 - 1.0 / (1.0 + Math.exp(Math.pow(beta * x, gamma))));
}
