package org.optionstream.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.time.IstTime;

/** Every ivStatus produced by a real input, and the hard corners that must still solve. */
class EdgeStatusTest {

  private static final double F = 23_700.0;
  private static final double RATE = 0.10;
  private static final double WEEK = 7.0 / 365;
  private final GreeksResult r = new GreeksResult();

  private void assertUnsolved(IvStatus expected) {
    assertThat(r.status).isEqualTo(expected);
    assertThat(java.util.List.of(r.iv, r.delta, r.gamma, r.theta, r.vega, r.rho)).allMatch(v -> v.isNaN());
  }

  @Test
  void belowIntrinsicWhenADeepInTheMoneyCallTradesUnderDiscountedIntrinsic() {
    double intrinsic = Math.exp(-RATE * WEEK) * (F - 23_000);
    Black76.solve(F, 23_000, WEEK, RATE, intrinsic - 1.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.BELOW_INTRINSIC);
    // exactly at intrinsic: no time value, no volatility
    Black76.solve(F, 23_000, WEEK, RATE, intrinsic * (1 - 1e-16), true, Double.NaN, r);
    assertUnsolved(IvStatus.BELOW_INTRINSIC);
    // a put below its intrinsic too
    Black76.solve(F, 24_500, WEEK, RATE, 700.0, false, Double.NaN, r);
    assertUnsolved(IvStatus.BELOW_INTRINSIC);
  }

  @Test
  void aboveMaxWhenACallCostsTheDiscountedForwardOrAPutTheDiscountedStrike() {
    Black76.solve(F, 23_500, WEEK, RATE, F * Math.exp(-RATE * WEEK), true, Double.NaN, r);
    assertUnsolved(IvStatus.ABOVE_MAX);
    Black76.solve(F, 23_500, WEEK, RATE, 23_500.0, false, Double.NaN, r);
    assertUnsolved(IvStatus.ABOVE_MAX);
  }

  @Test
  void expiredFromHalfPastThreeIstOnExpiryDay() {
    long expiry = ExpiryClock.expiryInstantMillis(IstTime.epochDay("2025-11-27"));
    double atClose = ExpiryClock.yearsToExpiry(IstTime.parseTimestamp("2025-11-27T15:30:00.000+05:30"), expiry);
    double after = ExpiryClock.yearsToExpiry(IstTime.parseTimestamp("2025-11-27T15:45:00.000+05:30"), expiry);
    double secondBefore = ExpiryClock.yearsToExpiry(IstTime.parseTimestamp("2025-11-27T15:29:59.000+05:30"), expiry);
    Black76.solve(F, 23_700, atClose, RATE, 5.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.EXPIRED);
    Black76.solve(F, 23_700, after, RATE, 5.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.EXPIRED);
    // one second before the close the option still has a (huge) implied volatility
    assertThat(secondBefore).isEqualTo(1.0 / ExpiryClock.SECONDS_PER_YEAR);
    double price = Black76.price(F, 23_700, secondBefore, 0.5, RATE, true);
    Black76.solve(F, 23_700, secondBefore, RATE, price, true, Double.NaN, r);
    assertThat(r.status).isEqualTo(IvStatus.OK);
    assertThat(r.iv).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void noUnderlyingWithoutAForwardAndNoPriceWithoutAPrice() {
    Black76.solve(0.0, 23_500, WEEK, RATE, 120.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.NO_UNDERLYING);
    Black76.solve(Double.NaN, 23_500, WEEK, RATE, 120.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.NO_UNDERLYING);
    Black76.solve(F, 23_500, WEEK, RATE, 0.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.NO_PRICE);
    Black76.solve(F, 23_500, WEEK, RATE, Double.NaN, false, Double.NaN, r);
    assertUnsolved(IvStatus.NO_PRICE);
    Black76.solve(F, 23_500, WEEK, RATE, -3.0, false, Double.NaN, r);
    assertUnsolved(IvStatus.NO_PRICE);
  }

  @Test
  void deepInTheMoneyIsSolvedOnTheOutOfTheMoneySideThroughParity() {
    // a put 2,800 points in the money, 30 days: its price is almost all intrinsic
    double t = 30.0 / 365;
    double price = Black76.price(F, 26_500, t, 0.40, RATE, false);
    Black76.solve(F, 26_500, t, RATE, price, false, Double.NaN, r);
    assertThat(r.status).isEqualTo(IvStatus.OK);
    assertThat(r.iv).isCloseTo(0.40, within(1e-12));
    assertThat(r.delta).isLessThan(-0.75);
  }

  @Test
  void minutesToExpiryDeepOutOfTheMoneyAndExtremeVolsStillSolve() {
    double fiveMinutes = 5.0 / (365 * 24 * 60);
    double[][] cases = { // strike, years, sigma
        {23_750, fiveMinutes, 0.15}, {23_650, fiveMinutes, 0.15}, {23_710, fiveMinutes, 0.15}, {25_500, 30.0 / 365, 0.30},
        {23_700, 1.0, 0.01}, {23_700, 2.0, 3.0}, {20_000, 7.0 / 365, 0.9}};
    for (double[] c : cases) {
      for (boolean call : new boolean[] {true, false}) {
        double price = Black76.price(F, c[0], c[1], c[2], RATE, call);
        Black76.solve(F, c[0], c[1], RATE, price, call, Double.NaN, r);
        assertThat(r.status).as("K=%s T=%s σ=%s call=%s", c[0], c[1], c[2], call).isEqualTo(IvStatus.OK);
        assertThat(r.iv).as("K=%s T=%s σ=%s call=%s", c[0], c[1], c[2], call).isCloseTo(c[2], within(1e-10));
      }
    }
  }

  @Test
  void warmStartChangesNothingButSpeed() {
    // below the inflection point (closed-form guess) and at / near the money (the warm start is used there)
    for (double strike : new double[] {24_000, 23_700, 23_710, 23_300}) {
      for (double years : new double[] {WEEK, 0.5, 2.0}) {
        double price = Black76.price(F, strike, years, 0.18, RATE, true);
        GreeksResult cold = new GreeksResult();
        Black76.solve(F, strike, years, RATE, price, true, Double.NaN, cold);
        assertThat(cold.iv).isCloseTo(0.18, within(1e-12));
        for (double guess : new double[] {1e-6, 0.05, 0.17, 0.18, 0.19, 2.0, 50.0}) {
          Black76.solve(F, strike, years, RATE, price, true, guess, r);
          assertThat(r.iv).as("K=%s T=%s guess=%s", strike, years, guess).isCloseTo(cold.iv, within(1e-13));
          assertThat(r.iterations).isLessThan(64);
        }
      }
    }
  }

  @Test
  void anUnsolvedUpdateCarriesNullsNeverNaN() {
    Black76.solve(F, 23_000, WEEK, RATE, 1.0, true, Double.NaN, r);
    assertUnsolved(IvStatus.BELOW_INTRINSIC);
    GreeksUpdate update = GreeksUpdate.builder().instrumentKey("NSE_FO|1").symbol("NIFTY").strike(23_000).type("CE")
        .expiry("2025-11-27").price(1.0).oi(10).oiChange(Double.NaN).volume(0).bid(Double.NaN).ask(Double.NaN)
        .iv(r.iv).delta(r.delta).gamma(r.gamma).theta(r.theta).vega(r.vega).rho(r.rho).exchangeTimeMs(0L).sequence(1L)
        .underlyingPrice(23_690).forward(F).forwardSource("SYNTHETIC").timeToExpiry(WEEK).rate(RATE)
        .ivStatus(r.status).feedReceivedAtMicros(0L).build();
    JsonObject json = update.toJson();
    assertThat(json.encode()).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(json.getValue("iv")).isNull();
    assertThat(json.getJsonObject("greeks").fieldNames()).allSatisfy(k -> assertThat(json.getJsonObject("greeks").getValue(k)).isNull());
    assertThat(json.getString("ivStatus")).isEqualTo("BELOW_INTRINSIC");
  }
}
