package org.optionstream.common.pricing;

/**
 * Black-76 prices of European options on a forward, discounted at a continuously compounded rate, in
 * the textbook form (model and units: {@code docs/pricing.md}). Forward and strike in index points, σ
 * an annualised fraction, T in years; the price is in the forward's units (rupees for NIFTY options).
 * Used by the simulator to make its prices, by the chain analytics to re-price gamma at other index levels,
 * and by tests and benchmarks; the greeks stage prices with its own normalised form, which also solves
 * implied volatility and the Greeks.
 */
public final class Black76 {

  private Black76() {
  }

  /** Undiscounted (forward-measure) price; {@code sigmaRootT} = σ√T. */
  public static double undiscountedPrice(double forward, double strike, double sigmaRootT, boolean call) {
    if (sigmaRootT <= 0) {
      return Math.max(call ? forward - strike : strike - forward, 0.0);
    }
    double d1 = Math.log(forward / strike) / sigmaRootT + 0.5 * sigmaRootT;
    double d2 = d1 - sigmaRootT;
    return call
        ? forward * Normal.cdf(d1) - strike * Normal.cdf(d2)
        : strike * Normal.cdf(-d2) - forward * Normal.cdf(-d1);
  }

  /**
   * Gamma ∂²V/∂F² = DF·φ(d₁)/(F·σ√T), per index point of the forward ({@code docs/pricing.md}); 0 when σ√T ≤ 0
   * or an input is not positive. The same for calls and puts.
   */
  public static double gamma(double forward, double strike, double yearsToExpiry, double sigma, double rate) {
    double t = Math.max(yearsToExpiry, 0.0);
    double sigmaRootT = sigma * Math.sqrt(t);
    if (!(sigmaRootT > 0) || !(forward > 0) || !(strike > 0)) {
      return 0.0;
    }
    double d1 = Math.log(forward / strike) / sigmaRootT + 0.5 * sigmaRootT;
    return Math.exp(-rate * t) * Normal.pdf(d1) / (forward * sigmaRootT);
  }

  /** Discounted price: {@code DF · undiscountedPrice(F, K, σ√T)} with DF = e^(−rT). */
  public static double price(double forward, double strike, double yearsToExpiry, double sigma, double rate, boolean call) {
    double t = Math.max(yearsToExpiry, 0.0);
    return Math.exp(-rate * t) * undiscountedPrice(forward, strike, sigma * Math.sqrt(t), call);
  }
}
