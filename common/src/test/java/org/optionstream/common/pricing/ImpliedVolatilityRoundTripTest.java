package org.optionstream.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round-trip grid: calls and puts, forward/strike 0.5 to 1.5, T from 5 minutes to 2 years,
 * σ from 1 % to 300 %. Wherever the price is at least ₹0.05 and vega is not negligible (the price
 * pins σ to better than 1e-14), the solved σ is within 1e-12 of the one that made the price; elsewhere
 * the answer is either an explicit status or a σ that reproduces the price, never garbage. Cold solves
 * take at most 4 evaluations of the normalised Black function (Jäckel's "Let's Be Rational" takes 2).
 */
class ImpliedVolatilityRoundTripTest {

  private static final Logger LOG = LoggerFactory.getLogger(ImpliedVolatilityRoundTripTest.class);
  private static final double FORWARD = 23_700.0;
  private static final double RATE = 0.10;
  private static final double MINUTE = 60.0 / (365.0 * 24 * 3600);

  static final double[] MONEYNESS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1.0,
      1.001, 1.005, 1.01, 1.02, 1.03, 1.05, 1.1, 1.15, 1.2, 1.3, 1.4, 1.5};
  static final double[] YEARS = {5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 380 * MINUTE, 1.0 / 365, 3.0 / 365,
      7.0 / 365, 14.0 / 365, 30.0 / 365, 0.25, 0.5, 1.0, 2.0};
  static final double[] VOLS = {0.01, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0, 3.0};

  @Test
  void solvedVolatilityMatchesWithin1e12WhereThePricePinsIt() {
    GreeksResult r = new GreeksResult();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    int statuses = 0;
    int[] iterationHistogram = new int[12];
    double maxErr = 0;
    for (double m : MONEYNESS) {
      double strike = FORWARD / m;
      for (double t : YEARS) {
        for (double sigma : VOLS) {
          for (boolean call : new boolean[] {true, false}) {
            double price = Black76.price(FORWARD, strike, t, sigma, RATE, call);
            Black76.greeks(FORWARD, strike, t, RATE, sigma, call, r);
            double vegaPerUnit = r.vega * 100;
            double resolution = Math.ulp(price) / vegaPerUnit;
            Black76.solve(FORWARD, strike, t, RATE, price, call, Double.NaN, r);
            String where = (call ? "C" : "P") + " F/K=" + m + " T=" + t + " sigma=" + sigma + " price=" + price;
            if (price >= 0.05 && resolution <= 1e-14) {
              checked++;
              iterationHistogram[Math.min(r.iterations, 11)]++;
              double err = Math.abs(r.iv - sigma);
              if (r.status != IvStatus.OK || !(err <= 1e-12) || r.iterations > 4) {
                failures.add(where + " -> " + r);
              } else {
                maxErr = Math.max(maxErr, err);
              }
              // a warm start from a neighbouring volatility gives the same answer
              Black76.solve(FORWARD, strike, t, RATE, price, call, sigma * 1.05, r);
              if (r.status != IvStatus.OK || !(Math.abs(r.iv - sigma) <= 1e-12)) {
                failures.add(where + " (warm) -> " + r);
              }
            } else if (r.status == IvStatus.OK) {
              double repriced = Black76.price(FORWARD, strike, t, r.iv, RATE, call);
              boolean sameVol = Math.abs(r.iv - sigma) <= 1e-12;
              boolean samePrice = Math.abs(repriced - price) <= 1e-12 * price + Double.MIN_NORMAL;
              if (!sameVol && !samePrice) {
                failures.add(where + " (ill-conditioned) repriced=" + repriced + " -> " + r);
              }
            } else {
              statuses++;
            }
          }
        }
      }
    }
    LOG.info("round trip: {} well-posed cases, max |dσ| {}, {} explicit statuses, iterations histogram {}",
        checked, maxErr, statuses, java.util.Arrays.toString(iterationHistogram));
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(4000);
  }
}
