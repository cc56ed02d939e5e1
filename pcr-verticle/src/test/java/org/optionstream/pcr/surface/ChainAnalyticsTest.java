package org.optionstream.pcr.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.Black76;
import org.optionstream.pcr.aggregate.ExpiryKey;

/** Chain analytics recomputed from the updates they came from, and against published reference values. */
class ChainAnalyticsTest {

  private static final ExpiryKey KEY = new ExpiryKey("NIFTY", org.optionstream.common.time.IstTime.epochDay(SurfaceFixtures.EXPIRY));
  private static final double F = 23_530;
  private static final double S = 23_512;

  /** A smile: 12 % at the money, richer on both wings, puts more. */
  private static double smile(double strike) {
    double x = Math.log(strike / F);
    return 0.12 - 0.3 * x + 4 * x * x;
  }

  private static ChainBook chain(DealerConvention convention) {
    ChainBook book = new ChainBook(KEY, convention);
    long seq = 1;
    for (double k = 23_000; k <= 24_000; k += 50) {
      book.apply(SurfaceFixtures.option(true, k, smile(k), smile(k) + 0.001, 100_000 + k, F, S, SurfaceFixtures.T0, seq++));
      book.apply(SurfaceFixtures.option(false, k, smile(k), smile(k) + 0.001, 120_000 - k / 2, F, S, SurfaceFixtures.T0, seq++));
    }
    return book;
  }

  @Test
  void gammaAndGexAgreeWithHaugsReferenceGamma() {
    // Haug (QuantLib europeanoption.cpp testGreekValues): S=55, K=60, r=10 %, q=0, T=0.75, σ=30 %: gamma 0.0278.
    double t = 0.75;
    double forward = 55 * Math.exp(0.10 * t);
    double gammaF = Black76.gamma(forward, 60, t, 0.30, 0.10);
    // ∂F/∂S = e^(rT): gamma with respect to the spot is gammaF · e^(2rT)
    assertThat(gammaF * Math.exp(2 * 0.10 * t)).isCloseTo(0.0278, within(5e-5));
    // so a position's GEX, Γ_F·OI·F²·0.01, is Haug's Γ_S·OI·S²·0.01 (to the reference's 4 digits: ±0.00005 in Γ)
    GreeksUpdate u = GreeksUpdate.builder().instrumentKey("K").symbol("X").strike(60).type("CE")
        .expiry(SurfaceFixtures.EXPIRY).price(1).oi(1_000).oiChange(Double.NaN).volume(1).bid(Double.NaN)
        .ask(Double.NaN).iv(0.30).delta(0.5).gamma(gammaF).theta(0).vega(0).rho(0).exchangeTimeMs(1).sequence(1)
        .underlyingPrice(55).forward(forward).forwardSource("SPOT").timeToExpiry(t).rate(0.10)
        .ivStatus(org.optionstream.common.pricing.IvStatus.OK).feedReceivedAtMicros(0).build();
    assertThat(GammaExposure.of(u, DealerConvention.LONG_CALLS_SHORT_PUTS))
        .isCloseTo(0.0278 * 1_000 * 55 * 55 * 0.01, within(0.00005 * 1_000 * 55 * 55 * 0.01));
    assertThat(GammaExposure.of(u, DealerConvention.SHORT_ALL)).isEqualTo(-GammaExposure.of(u, DealerConvention.LONG_ALL));
  }

  @Test
  void runningGexEqualsTheSumOverTheNewestUpdatesAndOlderOnesAreIgnored() {
    ChainBook book = chain(DealerConvention.LONG_CALLS_SHORT_PUTS);
    // a newer CE at 23 500 with more OI, then an older one that must not count
    GreeksUpdate newer = SurfaceFixtures.option(true, 23_500, smile(23_500), Double.NaN, 999_999, F, S, SurfaceFixtures.T0 + 5, 900);
    assertThat(book.apply(newer)).isTrue();
    assertThat(book.apply(SurfaceFixtures.option(true, 23_500, smile(23_500), Double.NaN, 1, F, S, SurfaceFixtures.T0 + 1, 901))).isFalse();
    double sum = 0;
    for (ChainBook.Strike s : book.strikes().values()) {
      double c = s.call().gamma() * s.call().oi() * F * F * 0.01;
      double p = -s.put().gamma() * s.put().oi() * F * F * 0.01;
      assertThat(s.callGex()).isCloseTo(c, within(1e-9 * Math.abs(c)));
      assertThat(s.putGex()).isCloseTo(p, within(1e-9 * Math.abs(p)));
      sum += c + p;
    }
    assertThat(book.totalGex()).isCloseTo(sum, within(1e-9 * Math.abs(sum)));
    assertThat(book.strikes().get(23_500.0).call()).isSameAs(newer);
  }

  @Test
  void atmIvIsInterpolatedAtTheForwardFromTheOutOfTheMoneySides() {
    ChainAnalytics a = ChainAnalytics.of(chain(DealerConvention.LONG_CALLS_SHORT_PUTS), 0.1, 200);
    // F = 23 530 between 23 500 (below F: the PE's ivMid) and 23 550 (the CE's ivMid)
    double iv1 = smile(23_500) + 0.001;
    double iv2 = smile(23_550) + 0.001;
    assertThat(a.atmIv()).isCloseTo(iv1 + (F - 23_500) / 50 * (iv2 - iv1), within(1e-15));
  }

  @Test
  void wingsInterpolateIvInDeltaAndGiveRiskReversalAndButterfly() {
    ChainBook book = chain(DealerConvention.LONG_CALLS_SHORT_PUTS);
    ChainAnalytics a = ChainAnalytics.of(book, 0.1, 200);
    double call25 = expectedWing(book, true, 0.25);
    double put25 = expectedWing(book, false, -0.25);
    assertThat(a.iv25Call()).isCloseTo(call25, within(1e-15));
    assertThat(a.iv25Put()).isCloseTo(put25, within(1e-15));
    assertThat(a.riskReversal25()).isCloseTo(call25 - put25, within(1e-15)).isNegative();
    assertThat(a.butterfly25()).isCloseTo((call25 + put25) / 2 - a.atmIv(), within(1e-15)).isPositive();
  }

  /** Independent of DeltaWing's loop: find the bracketing strikes, interpolate in delta. */
  private static double expectedWing(ChainBook book, boolean call, double target) {
    GreeksUpdate before = null;
    for (ChainBook.Strike s : book.strikes().values()) {
      GreeksUpdate u = call ? s.call() : s.put();
      if (before != null && Math.signum(before.delta() - target) != Math.signum(u.delta() - target)) {
        return before.ivMid() + (target - before.delta()) / (u.delta() - before.delta()) * (u.ivMid() - before.ivMid());
      }
      before = u;
    }
    throw new AssertionError("no bracket");
  }

  @Test
  void theStraddleIsAtTheStrikeNearestTheForwardAtMidAndImpliesItsMove() {
    ChainAnalytics a = ChainAnalytics.of(chain(DealerConvention.LONG_CALLS_SHORT_PUTS), 0.1, 200);
    ChainBook.Strike atm = a.book().strikes().get(23_550.0);
    double call = (atm.call().bid() + atm.call().ask()) / 2;
    double put = (atm.put().bid() + atm.put().ask()) / 2;
    assertThat(a.straddle().strike()).isEqualTo(23_550);
    assertThat(a.straddle().price()).isEqualTo(call + put);
    assertThat(a.straddle().impliedMovePercent(S)).isCloseTo(100 * (call + put) / S, within(1e-12));
    // about 0.8 σ√T of the forward: E|F_T − F| under the model
    assertThat(a.straddle().price()).isCloseTo(0.8 * F * 0.12 * Math.sqrt(SurfaceFixtures.YEARS), within(15.0));
  }

  @Test
  void theFlipIsWhereRepricedTotalGexChangesSign() {
    // dealers long calls above the index, short puts below it: negative gamma low, positive high
    ChainBook book = new ChainBook(KEY, DealerConvention.LONG_CALLS_SHORT_PUTS);
    book.apply(SurfaceFixtures.option(true, 24_000, 0.12, Double.NaN, 1_000_000, F, S, SurfaceFixtures.T0, 1));
    book.apply(SurfaceFixtures.option(false, 23_000, 0.12, Double.NaN, 1_000_000, F, S, SurfaceFixtures.T0, 2));
    double flip = ZeroGamma.flip(book, S, 0.10, 200);
    assertThat(flip).isBetween(23_000.0, 24_000.0);
    // recomputed: total GEX re-priced by hand on both sides of the flip, one grid step (0.1 % of S) apart
    double step = 0.001 * S;
    assertThat(byHand(book, flip - step)).isNegative();
    assertThat(byHand(book, flip + step)).isPositive();
    // and the symmetric book flips at about the midpoint of the strikes' log-distance
    assertThat(flip).isCloseTo(Math.sqrt(23_000.0 * 24_000.0) * S / F, within(60.0));
    // one sign everywhere: no flip
    ChainBook calls = new ChainBook(KEY, DealerConvention.LONG_ALL);
    calls.apply(SurfaceFixtures.option(true, 23_500, 0.12, Double.NaN, 1_000, F, S, SurfaceFixtures.T0, 1));
    assertThat(ZeroGamma.flip(calls, S, 0.10, 200)).isNaN();
  }

  private static double byHand(ChainBook book, double level) {
    double total = 0;
    for (ChainBook.Strike s : book.strikes().values()) {
      for (GreeksUpdate u : new GreeksUpdate[] {s.call(), s.put()}) {
        if (u != null) {
          double f = u.forward() * level / u.underlyingPrice();
          double sign = u.type().equals("CE") ? 1 : -1;
          total += sign * Black76.gamma(f, u.strike(), u.timeToExpiry(), u.iv(), u.rate()) * u.oi() * f * f * 0.01;
        }
      }
    }
    return total;
  }
}
