package org.optionstream.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/** Properties over random NIFTY-like inputs: monotonicity in σ and put-call parity of every output. */
class PricingPropertiesTest {

  private static final double RATE = 0.10;

  /** True when the price pins σ to better than 1e-13 (vega not negligible against the price's ulp). */
  private static boolean wellPosed(double f, double k, double t, double sigma, boolean call) {
    GreeksResult g = new GreeksResult();
    Black76.greeks(f, k, t, RATE, sigma, call, g);
    double price = Black76.price(f, k, t, sigma, RATE, call);
    return price >= 0.05 && Math.ulp(price) / (g.vega * 100) < 1e-13;
  }

  @Property(tries = 2000)
  void priceAndSolvedVolatilityIncreaseWithSigma(
      @ForAll @DoubleRange(min = 20_000, max = 27_000) double f,
      @ForAll @DoubleRange(min = -2.5, max = 2.5) @Scale(6) double z,
      @ForAll @DoubleRange(min = 0.0001, max = 1.0) @Scale(8) double t,
      @ForAll @DoubleRange(min = 0.03, max = 1.5) @Scale(6) double sigma,
      @ForAll @DoubleRange(min = 1.001, max = 1.5) @Scale(6) double bump,
      @ForAll boolean call) {
    double k = f * Math.exp(z * sigma * Math.sqrt(t)); // strikes within ±2.5 standard deviations
    double sigma2 = sigma * bump;
    double p1 = Black76.price(f, k, t, sigma, RATE, call);
    double p2 = Black76.price(f, k, t, sigma2, RATE, call);
    assertThat(p2).isGreaterThanOrEqualTo(p1);
    Assume.that(wellPosed(f, k, t, sigma, call) && wellPosed(f, k, t, sigma2, call));
    assertThat(p2).isGreaterThan(p1);
    GreeksResult r1 = new GreeksResult();
    GreeksResult r2 = new GreeksResult();
    Black76.solve(f, k, t, RATE, p1, call, Double.NaN, r1);
    Black76.solve(f, k, t, RATE, p2, call, Double.NaN, r2);
    assertThat(r1.status).isEqualTo(IvStatus.OK);
    assertThat(r2.status).isEqualTo(IvStatus.OK);
    assertThat(r2.iv).isGreaterThan(r1.iv);
    assertThat(r1.iv).isCloseTo(sigma, within(1e-12));
    assertThat(r2.iv).isCloseTo(sigma2, within(1e-12));
  }

  @Property(tries = 2000)
  void callAndPutOfOneStrikeAgreeThroughParity(
      @ForAll @DoubleRange(min = 20_000, max = 27_000) double f,
      @ForAll @DoubleRange(min = -2.5, max = 2.5) @Scale(6) double z,
      @ForAll @DoubleRange(min = 0.0001, max = 1.0) @Scale(8) double t,
      @ForAll @DoubleRange(min = 0.03, max = 1.5) @Scale(6) double sigma) {
    double k = f * Math.exp(z * sigma * Math.sqrt(t)); // strikes within ±2.5 standard deviations
    Assume.that(wellPosed(f, k, t, sigma, true) && wellPosed(f, k, t, sigma, false));
    double df = Math.exp(-RATE * t);
    double callPrice = Black76.price(f, k, t, sigma, RATE, true);
    double putPrice = Black76.price(f, k, t, sigma, RATE, false);
    // parity of the inputs: C − P = DF·(F − K)
    assertThat(callPrice - putPrice).isCloseTo(df * (f - k), within(1e-9 * f));
    GreeksResult c = new GreeksResult();
    GreeksResult p = new GreeksResult();
    Black76.solve(f, k, t, RATE, callPrice, true, Double.NaN, c);
    Black76.solve(f, k, t, RATE, putPrice, false, Double.NaN, p);
    assertThat(c.status).isEqualTo(IvStatus.OK);
    assertThat(p.status).isEqualTo(IvStatus.OK);
    assertThat(c.iv).isCloseTo(p.iv, within(1e-11));
    assertThat(c.delta - p.delta).isCloseTo(df, within(1e-12));
    assertThat(c.gamma).isCloseTo(p.gamma, within(1e-9 * Math.abs(c.gamma)));
    assertThat(c.vega).isCloseTo(p.vega, within(1e-9 * Math.abs(c.vega)));
    assertThat(c.theta - p.theta).isCloseTo(RATE * (callPrice - putPrice) / 365, within(1e-9 * Math.abs(c.theta) + 1e-9));
    assertThat(c.rho - p.rho).isCloseTo(-t * (callPrice - putPrice) / 100, within(1e-9));
  }
}
