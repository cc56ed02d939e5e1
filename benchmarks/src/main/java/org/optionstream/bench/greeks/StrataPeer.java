package org.optionstream.bench.greeks;

import com.opengamma.strata.pricer.impl.option.BlackFormulaRepository;

/**
 * The peer: OpenGamma Strata 2.12.48's {@link BlackFormulaRepository}. Its formulas are undiscounted
 * (forward measure), so the market price is divided by e^(−rT) first and the Greeks multiplied back.
 */
final class StrataPeer {

  private StrataPeer() {
  }

  /** Fills out[0..5] with iv, delta, gamma, theta/day, vega/point, rho/percent; returns iv. */
  static double solve(double forward, double strike, double t, double r, double price, boolean call, double[] out) {
    double df = Math.exp(-r * t);
    double iv = BlackFormulaRepository.impliedVolatility(price / df, forward, strike, t, call);
    out[0] = iv;
    out[1] = df * BlackFormulaRepository.delta(forward, strike, t, iv, call);
    out[2] = df * BlackFormulaRepository.gamma(forward, strike, t, iv);
    // Forward held: Θ = r·V + DF·driftlessTheta (Strata's driftless theta is the undiscounted −F·φ(d₁)·σ/(2√T)).
    out[3] = (r * price + df * BlackFormulaRepository.driftlessTheta(forward, strike, t, iv)) / 365.0;
    out[4] = df * BlackFormulaRepository.vega(forward, strike, t, iv) / 100.0;
    out[5] = -t * price / 100.0;
    return iv;
  }
}
