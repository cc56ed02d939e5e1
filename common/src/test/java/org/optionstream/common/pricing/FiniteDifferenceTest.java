package org.optionstream.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Greek against a Richardson-extrapolated central difference of the price (error O(h⁴)), in
 * the units docs/pricing.md states, and the price itself against an independent Black-76 built on
 * commons-math3's normal distribution (the oracle: slow, but a different implementation of Φ).
 */
class FiniteDifferenceTest {

  private static final NormalDistribution N = new NormalDistribution(0, 1);

  static Stream<Arguments> cases() {
    double minute = 1.0 / (365 * 24 * 60);
    return Stream.of(
        Arguments.of(23_700.0, 23_700.0, 7.0 / 365, 0.14, 0.10, true),
        Arguments.of(23_700.0, 23_500.0, 7.0 / 365, 0.15, 0.10, false),
        Arguments.of(23_700.0, 24_500.0, 30.0 / 365, 0.18, 0.10, true),
        Arguments.of(23_700.0, 22_000.0, 30.0 / 365, 0.25, 0.10, false),
        Arguments.of(23_700.0, 22_000.0, 30.0 / 365, 0.25, 0.10, true),   // deep ITM call
        Arguments.of(23_700.0, 26_000.0, 14.0 / 365, 0.35, 0.10, false),  // deep ITM put
        Arguments.of(23_700.0, 23_750.0, 45 * minute, 0.12, 0.10, true),  // expiry day, 45 minutes left
        Arguments.of(23_700.0, 23_650.0, 45 * minute, 0.12, 0.10, false),
        Arguments.of(100.0, 110.0, 2.0, 1.5, 0.05, true),                 // very high vol
        Arguments.of(100.0, 99.0, 0.5, 0.02, 0.05, false));               // very low vol
  }

  /** Richardson: (4·C(h/2) − C(h))/3 with C the central first difference. */
  private static double d1(DoubleUnaryOperator f, double x, double h) {
    double c1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double c2 = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
    return (4 * c2 - c1) / 3;
  }

  private static double d2(DoubleUnaryOperator f, double x, double h) {
    double fx = f.applyAsDouble(x);
    double c1 = (f.applyAsDouble(x + h) - 2 * fx + f.applyAsDouble(x - h)) / (h * h);
    double c2 = (f.applyAsDouble(x + h / 2) - 2 * fx + f.applyAsDouble(x - h / 2)) / (h * h / 4);
    return (4 * c2 - c1) / 3;
  }

  private static void close(double actual, double expected, double relative) {
    assertThat(actual).isCloseTo(expected, within(relative * Math.max(Math.abs(expected), 1e-6)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyGreekMatchesTheDifferenceOfThePrice(double f, double k, double t, double sigma, double rate, boolean call) {
    GreeksResult g = new GreeksResult();
    Black76.greeks(f, k, t, rate, sigma, call, g);
    double spread = f * sigma * Math.sqrt(t); // the price's natural scale in F: steps are fractions of it
    double delta = d1(x -> Black76.price(x, k, t, sigma, rate, call), f, spread * 4e-3);
    double gamma = d2(x -> Black76.price(x, k, t, sigma, rate, call), f, spread * 2e-2);
    double vegaPerPoint = d1(v -> Black76.price(f, k, t, v, rate, call), sigma, sigma * 1e-3) / 100;
    // calendar time passing shortens T; the forward is held
    double thetaPerDay = -d1(tt -> Black76.price(f, k, tt, sigma, rate, call), t, t * 1e-3) / 365;
    double rhoPerPercent = d1(rr -> Black76.price(f, k, t, sigma, rr, call), rate, 1e-3) / 100;
    close(g.delta, delta, 1e-8);
    close(g.gamma, gamma, 1e-6);
    close(g.vega, vegaPerPoint, 1e-8);
    close(g.theta, thetaPerDay, 1e-7);
    close(g.rho, rhoPerPercent, 1e-8);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void priceMatchesCommonsMathOracle(double f, double k, double t, double sigma, double rate, boolean call) {
    double s = sigma * Math.sqrt(t);
    double d1 = Math.log(f / k) / s + s / 2;
    double d2 = d1 - s;
    double df = Math.exp(-rate * t);
    double oracle = call
        ? df * (f * N.cumulativeProbability(d1) - k * N.cumulativeProbability(d2))
        : df * (k * N.cumulativeProbability(-d2) - f * N.cumulativeProbability(-d1));
    assertThat(Black76.price(f, k, t, sigma, rate, call)).isCloseTo(oracle, within(1e-10 * f));
    GreeksResult g = new GreeksResult();
    Black76.greeks(f, k, t, rate, sigma, call, g);
    double oracleDelta = call ? df * N.cumulativeProbability(d1) : -df * N.cumulativeProbability(-d1);
    assertThat(g.delta).isCloseTo(oracleDelta, within(1e-12));
  }
}
