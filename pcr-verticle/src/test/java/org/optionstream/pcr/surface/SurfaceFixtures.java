package org.optionstream.pcr.surface;

import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.pricing.Normal;

/** {@code greeks_update}s of a Black-76 chain, as the greeks stage publishes them, for the analytics' tests. */
public final class SurfaceFixtures {

  static final String EXPIRY = "2025-11-27";
  static final double RATE = 0.10;
  static final double YEARS = 7.0 / 365;
  static final long T0 = 1_763_610_300_000L;

  private SurfaceFixtures() {
  }

  /**
   * A priced option: price and quotes at {@code sigma} ± 0.5, its IV, delta and gamma from Black-76 at the forward
   * {@code forward} (index price {@code spot}), OI {@code oi}; {@code ivMid} as given (NaN: none).
   */
  public static GreeksUpdate option(boolean call, double strike, double sigma, double oi, double forward, double spot,
                                    long time, long seq) {
    return option(call, strike, sigma, Double.NaN, oi, forward, spot, time, seq);
  }

  static GreeksUpdate option(boolean call, double strike, double sigma, double ivMid, double oi, double forward,
                             double spot, long time, long seq) {
    double df = Math.exp(-RATE * YEARS);
    double srt = sigma * Math.sqrt(YEARS);
    double d1 = Math.log(forward / strike) / srt + 0.5 * srt;
    double delta = call ? df * Normal.cdf(d1) : -df * Normal.cdf(-d1);
    double price = Black76.price(forward, strike, YEARS, sigma, RATE, call);
    return GreeksUpdate.builder().instrumentKey("NSE_FO|" + (long) strike + (call ? "C" : "P")).symbol("NIFTY")
        .strike(strike).type(call ? "CE" : "PE").expiry(EXPIRY).price(price).oi(oi).oiChange(Double.NaN).volume(1000)
        .bid(price - 0.5 > 0 ? price - 0.5 : Double.NaN).ask(price + 0.5).iv(sigma).delta(delta)
        .gamma(Black76.gamma(forward, strike, YEARS, sigma, RATE)).theta(Double.NaN).vega(Double.NaN).rho(Double.NaN)
        .exchangeTimeMs(time).sequence(seq).underlyingPrice(spot).forward(forward).forwardSource("SYNTHETIC")
        .timeToExpiry(YEARS).rate(RATE).ivStatus(IvStatus.OK).feedReceivedAtMicros(0L).lastTradeTimeMs(time)
        .ivMid(ivMid).quality(0).build();
  }
}
