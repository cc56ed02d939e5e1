package org.optionstream.pcr.surface;

import org.optionstream.common.json.GreeksUpdate;

/**
 * Which IV stands for an option and for a strike on the smile. An option's IV is its {@code ivMid} (the mid
 * quote's, live even where the last trade is stale) or, without one, its {@code iv}. A strike's smile IV is
 * that of its out-of-the-money option at the chain's forward (the CE at or above F, the PE below), or of the
 * other option when the out-of-the-money one has none: out-of-the-money prices carry the volatility,
 * in-the-money ones mostly intrinsic value.
 */
public final class SmileIv {

  private SmileIv() {
  }

  /** {@code ivMid}, else {@code iv}, else NaN (also for a null update). */
  public static double of(GreeksUpdate u) {
    if (u == null) {
      return Double.NaN;
    }
    return Double.isFinite(u.ivMid()) ? u.ivMid() : u.iv();
  }

  /** The smile IV of {@code strike} given the chain's {@code forward}, NaN when neither option has one. */
  public static double atStrike(double strike, ChainBook.Strike s, double forward) {
    boolean callIsOtm = strike >= forward;
    double otm = of(callIsOtm ? s.call() : s.put());
    return Double.isFinite(otm) ? otm : of(callIsOtm ? s.put() : s.call());
  }
}
