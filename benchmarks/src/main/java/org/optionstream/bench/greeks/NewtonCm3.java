package org.optionstream.bench.greeks;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The textbook approach, kept as the baseline: Newton-Raphson on the Black-Scholes price of the
 * spot-equivalent S = F·e^(−rT) (identical to Black-76), from σ₀ = 0.3, with commons-math3's
 * {@link NormalDistribution} for Φ and φ, stopping at |price error| &lt; 1e-8 or after 100 steps; then
 * the five Greeks with the same distribution object.
 */
final class NewtonCm3 {

  private static final NormalDistribution N = new NormalDistribution(0, 1);

  private NewtonCm3() {
  }

  /** Fills out[0..5] with iv, delta, gamma, theta/day, vega/point, rho/percent; returns iv. */
  static double solve(double forward, double strike, double t, double r, double price, boolean call, double[] out) {
    double df = Math.exp(-r * t);
    double spot = forward * df;
    double rootT = Math.sqrt(t);
    double sigma = 0.3;
    for (int i = 0; i < 100; i++) {
      double d1 = (Math.log(spot / strike) + (r + 0.5 * sigma * sigma) * t) / (sigma * rootT);
      double d2 = d1 - sigma * rootT;
      double model = call
          ? spot * N.cumulativeProbability(d1) - strike * df * N.cumulativeProbability(d2)
          : strike * df * N.cumulativeProbability(-d2) - spot * N.cumulativeProbability(-d1);
      double vega = spot * N.density(d1) * rootT;
      double diff = model - price;
      if (Math.abs(diff) < 1e-8 || vega < 1e-12) {
        break;
      }
      sigma = Math.min(5.0, Math.max(1e-4, sigma - diff / vega));
    }
    double d1 = (Math.log(spot / strike) + (r + 0.5 * sigma * sigma) * t) / (sigma * rootT);
    double d2 = d1 - sigma * rootT;
    double pdf = N.density(d1);
    out[0] = sigma;
    out[1] = call ? df * N.cumulativeProbability(d1) : -df * N.cumulativeProbability(-d1);
    out[2] = df * pdf / (forward * sigma * rootT);
    out[3] = (r * price - df * forward * pdf * sigma / (2 * rootT)) / 365.0;
    out[4] = spot * pdf * rootT / 100.0;
    out[5] = -t * price / 100.0;
    return sigma;
  }
}
