package org.optionstream.pcr.surface;

import java.util.Locale;

/**
 * Which side of each option dealers (market makers) are assumed to hold, which gives gamma exposure its
 * sign: positive GEX means dealers' hedging dampens moves (they sell into rallies and buy dips), negative
 * means it amplifies them. Open interest does not say who holds what, so this is an assumption, stated
 * with every figure ({@code ANALYTICS_GEX_CONVENTION}).
 */
public enum DealerConvention {
  /** Dealers long calls and short puts (customers sell calls, buy puts): the common GEX convention. */
  LONG_CALLS_SHORT_PUTS(1, -1),
  /** Dealers short every option (customers buy both), as when retail buyers dominate. */
  SHORT_ALL(-1, -1),
  /** Dealers long every option. */
  LONG_ALL(1, 1);

  private final double callSign;
  private final double putSign;

  DealerConvention(double callSign, double putSign) {
    this.callSign = callSign;
    this.putSign = putSign;
  }

  /** +1 or −1: the sign of a CE ({@code call}) or PE position's gamma for dealers. */
  public double sign(boolean call) {
    return call ? callSign : putSign;
  }

  /** {@code long-calls-short-puts} and the like. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static DealerConvention parse(String text) {
    for (DealerConvention c : values()) {
      if (c.wireName().equalsIgnoreCase(text.trim()) || c.name().equalsIgnoreCase(text.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("ANALYTICS_GEX_CONVENTION must be long-calls-short-puts, short-all or long-all,"
        + " got '" + text + "'");
  }
}
