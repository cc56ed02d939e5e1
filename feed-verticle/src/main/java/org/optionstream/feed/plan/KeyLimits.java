package org.optionstream.feed.plan;

import java.util.EnumMap;
import java.util.Map;

/**
 * Upstox's per-connection instrument-key limits (reference README): a mode used alone allows more
 * keys than when modes are combined on one connection. ltpc 5000 / 2000, option_greeks 3000 / 2000,
 * full 2000 / 1500 (alone / combined).
 */
public final class KeyLimits {

  private static final Map<Mode, Integer> ALONE = new EnumMap<>(Map.of(
      Mode.LTPC, 5000, Mode.OPTION_GREEKS, 3000, Mode.FULL, 2000));
  private static final Map<Mode, Integer> COMBINED = new EnumMap<>(Map.of(
      Mode.LTPC, 2000, Mode.OPTION_GREEKS, 2000, Mode.FULL, 1500));

  private KeyLimits() {
  }

  /**
   * Null when {@code countsByMode} fits on one connection, otherwise a sentence saying which
   * limit is exceeded.
   */
  public static String violation(Map<Mode, Integer> countsByMode) {
    long modesUsed = countsByMode.values().stream().filter(c -> c > 0).count();
    Map<Mode, Integer> limits = modesUsed > 1 ? COMBINED : ALONE;
    for (var e : countsByMode.entrySet()) {
      int limit = limits.get(e.getKey());
      if (e.getValue() > limit) {
        return e.getValue() + " keys in " + e.getKey().wire() + " mode exceed Upstox's limit of " + limit
            + " per connection" + (modesUsed > 1 ? " when modes are combined" : "");
      }
    }
    return null;
  }
}
