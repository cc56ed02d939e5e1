package org.optionstream.common.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a {@code greeks_update}'s price or IV should not be taken at face value: the codes of its
 * {@code quality} list. Thresholds are the greeks stage's ({@code QUALITY_*}); definitions in
 * {@code docs/event-bus.md}. A set of flags travels as a bit mask ({@link #bit()}).
 */
public enum QualityFlag {
  /** The last trade is older than the stale-trade threshold while a two-sided quote is live. */
  STALE_TRADE,
  /** (ask − bid) / mid is above the wide-spread threshold. */
  WIDE_SPREAD,
  /** Nothing traded today (volume 0): the last price is an earlier session's. */
  NO_TRADE_TODAY,
  /** The last price lies outside [bid, ask]. */
  PRICE_OUTSIDE_QUOTE,
  /** Fewer minutes to expiry than the near-expiry threshold: IV swings with every price tick. */
  NEAR_EXPIRY,
  /** In the money at the forward: IV rests on its time value alone, solved on the out-of-the-money side. */
  IV_FROM_OTM_SIDE;

  private static final QualityFlag[] ALL = values();
  /** Every mask's code list, built once: the hot path allocates none. */
  private static final List<List<String>> CODES = new ArrayList<>();

  static {
    for (int mask = 0; mask < 1 << ALL.length; mask++) {
      List<String> codes = new ArrayList<>();
      for (QualityFlag f : ALL) {
        if ((mask & f.bit()) != 0) {
          codes.add(f.name());
        }
      }
      CODES.add(List.copyOf(codes));
    }
  }

  public int bit() {
    return 1 << ordinal();
  }

  /** The codes set in {@code mask}, in declaration order (an empty list for 0). */
  public static List<String> codes(int mask) {
    return CODES.get(mask & ((1 << ALL.length) - 1));
  }

  /** The mask of {@code codes} (unknown codes ignored). */
  public static int mask(List<?> codes) {
    int mask = 0;
    if (codes != null) {
      for (Object c : codes) {
        for (QualityFlag f : ALL) {
          if (f.name().equals(c)) {
            mask |= f.bit();
          }
        }
      }
    }
    return mask;
  }
}
