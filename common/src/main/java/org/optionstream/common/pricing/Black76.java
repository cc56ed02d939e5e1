package org.optionstream.common.pricing;


/**
 * Black-76 on the expiry's forward, the project's one implementation of it: price, implied volatility and
 * the five Greeks of a European option, in one pass and without allocation. The greeks stage prices every
 * tick with it; the simulator makes its prices and Upstox-style Greeks with it; the chain analytics re-price
 * gamma at other index levels with it. The model, the inputs' units, the order of the {@code ivStatus} checks
 * and each Greek's definition, formula and unit are in {@code docs/pricing.md}.
 */
public final class Black76 {

  /** Calendar days per year of the theta convention (365-day basis). */
  public static final double DAYS_PER_YEAR = 365.0;

  private Black76() {
  }

  /**
   * Black-76 price in rupees; accurate to a few ulps of the out-of-the-money part (normalised form
   * with Cody's erfc/erfcx), intrinsic value when σ√T = 0.
   */
  public static double price(double forward, double strike, double years, double sigma, double rate, boolean call) {
    double t = Math.max(years, 0.0);
    return Math.exp(-rate * t) * undiscounted(forward, strike, Math.log(forward / strike), sigma * Math.sqrt(t), call);
  }

  /**
   * Undiscounted (forward-measure) price from σ√T ({@code sigmaRootT}); intrinsic value when it is 0.
   */
  public static double undiscountedPrice(double forward, double strike, double sigmaRootT, boolean call) {
    return undiscounted(forward, strike, Math.log(forward / strike), sigmaRootT, call);
  }

  /**
   * Gamma ∂²V/∂F² = DF·φ(d₁)/(F·σ√T), per index point of the forward, the same for calls and puts; 0 when
   * σ√T ≤ 0 or an input is not positive (as for an expired option).
   */
  public static double gamma(double forward, double strike, double years, double sigma, double rate) {
    double t = Math.max(years, 0.0);
    double s = sigma * Math.sqrt(t);
    if (!(s > 0) || !(forward > 0) || !(strike > 0)) {
      return 0.0;
    }
    double d1 = Math.log(forward / strike) / s + 0.5 * s;
    return gamma(Math.exp(-rate * t), Normal.pdf(d1), forward, s);
  }

  private static double gamma(double df, double pdf, double forward, double s) {
    return df * pdf / (forward * s);
  }

  /**
   * Undiscounted price: the out-of-the-money part √(F·K)·b(−|x|, s) plus the intrinsic value max(±(F − K), 0)
   * taken directly from F and K (not from x = ln(F/K), whose rounding would cost digits near the money).
   */
  private static double undiscounted(double forward, double strike, double x, double s, boolean call) {
    double otm = s > 0 ? Math.sqrt(forward * strike) * NormalisedBlack.otmCall(-Math.abs(x), s) : 0.0;
    double intrinsic = call ? forward - strike : strike - forward;
    return intrinsic > 0 ? otm + intrinsic : otm;
  }

  /**
   * Solves the implied volatility of {@code marketPrice} and fills {@code out} with it and the five
   * Greeks, or with the {@link IvStatus} that says why there is none (checked in the order
   * {@code docs/pricing.md} gives: {@code EXPIRED}, {@code NO_UNDERLYING}, {@code NO_PRICE},
   * {@code BELOW_INTRINSIC}, {@code ABOVE_MAX}). Deep in-the-money options are solved on the
   * out-of-the-money side through put-call parity.
   *
   * @param forward     F, index points
   * @param strike      K, index points
   * @param years       T, years (365-day basis, {@code ExpiryClock})
   * @param rate        r, continuously compounded annual rate as a fraction
   * @param marketPrice the option's price, rupees
   * @param ivGuess     previous IV of this instrument as a warm start (fraction), or NaN/≤ 0 for none;
   *                    it never changes the answer, only the number of iterations
   */
  public static void solve(double forward, double strike, double years, double rate, double marketPrice,
      boolean call, double ivGuess, GreeksResult out) {
    if (!(years > 0)) {
      out.fail(IvStatus.EXPIRED);
      return;
    }
    if (!(forward > 0 && forward < Double.POSITIVE_INFINITY && strike > 0 && strike < Double.POSITIVE_INFINITY)) {
      out.fail(IvStatus.NO_UNDERLYING);
      return;
    }
    if (!(marketPrice > 0 && marketPrice < Double.POSITIVE_INFINITY) || !Double.isFinite(rate)) {
      out.fail(IvStatus.NO_PRICE);
      return;
    }
    double df = Math.exp(-rate * years);
    double undiscounted = marketPrice / df;
    double intrinsic = call ? forward - strike : strike - forward;
    // Parity: the out-of-the-money side's undiscounted price (a call above F or a put below F).
    double otmPrice = intrinsic > 0 ? undiscounted - intrinsic : undiscounted;
    if (!(otmPrice > 0)) {
      out.fail(IvStatus.BELOW_INTRINSIC);
      return;
    }
    if (otmPrice >= Math.min(forward, strike)) {
      out.fail(IvStatus.ABOVE_MAX);
      return;
    }
    double rootFk = Math.sqrt(forward * strike);
    double x = Math.log(forward / strike);
    double rootT = Math.sqrt(years);
    double sGuess = ivGuess > 0 ? ivGuess * rootT : 0.0;
    double s = ImpliedVolatility.solveNormalisedOtm(-Math.abs(x), otmPrice / rootFk, sGuess, out);
    double sigma = s / rootT;
    if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
      out.fail(IvStatus.ABOVE_MAX);
      return;
    }
    out.status = IvStatus.OK;
    out.iv = sigma;
    fillGreeks(forward, years, rootT, rate, df, marketPrice, x, s, sigma, call, out);
  }

  /**
   * The five Greeks at a known volatility {@code sigma} (status OK, iv = sigma); {@code price} is
   * the option's value at that volatility (used by theta and rho).
   */
  public static void greeks(double forward, double strike, double years, double rate, double sigma,
      boolean call, GreeksResult out) {
    double rootT = Math.sqrt(years);
    double df = Math.exp(-rate * years);
    double x = Math.log(forward / strike);
    double s = sigma * rootT;
    double value = df * undiscounted(forward, strike, x, s, call);
    out.status = IvStatus.OK;
    out.iv = sigma;
    out.iterations = 0;
    fillGreeks(forward, years, rootT, rate, df, value, x, s, sigma, call, out);
  }

  private static void fillGreeks(double forward, double years, double rootT, double rate, double df,
      double value, double x, double s, double sigma, boolean call, GreeksResult out) {
    double d1 = x / s + 0.5 * s;
    double gauss = Math.exp(-0.5 * d1 * d1); // √(2π)·φ(d₁)
    double pdf = Normal.INV_SQRT_2PI * gauss;
    double dfPdfF = df * pdf * forward;
    // Φ(−|d₁|) = erfc(|d₁|/√2)/2 = erfcx(|d₁|/√2)·e^(−d₁²/2)/2, reusing the exponential of φ(d₁).
    double u = Math.abs(d1) * Normal.SQRT_HALF;
    double tail = u < Erf.THRESHOLD ? 0.5 * Erf.erfc(u) : 0.5 * Erf.erfcx(u) * gauss;
    // call: Φ(d₁); put: −Φ(−d₁); each from the tail on its own side, so tiny deltas keep their digits.
    out.delta = call ? df * (d1 >= 0 ? 1.0 - tail : tail) : -df * (d1 >= 0 ? tail : 1.0 - tail);
    out.gamma = gamma(df, pdf, forward, s);
    out.vega = dfPdfF * rootT * 0.01;
    out.theta = (rate * value - dfPdfF * sigma / (2.0 * rootT)) / DAYS_PER_YEAR;
    out.rho = -years * value * 0.01;
  }
}
