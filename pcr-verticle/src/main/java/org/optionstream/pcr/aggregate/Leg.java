package org.optionstream.pcr.aggregate;

/**
 * The newest known open interest and volume of one option instrument (one CE or PE at one strike).
 * Mutable, owned by one {@link ExpiryBook}; never shared across threads.
 */
final class Leg {

  final String instrumentKey;
  final double strike;
  final boolean call;

  long exchangeTimeMs;
  long sequence;
  /** Open interest, contracts' quantity as Upstox reports it. */
  double oi;
  /** The previous session's closing open interest; NaN while unknown. */
  double prevOi = Double.NaN;
  /** Traded quantity today. */
  long volume;

  Leg(String instrumentKey, double strike, boolean call) {
    this.instrumentKey = instrumentKey;
    this.strike = strike;
    this.call = call;
  }

  boolean hasPrevOi() {
    return !Double.isNaN(prevOi);
  }

  /** OI minus the previous session's OI; NaN while the previous OI is unknown. */
  double oiChange() {
    return oi - prevOi;
  }
}
