package org.optionstream.feed.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstox's per-connection instrument-key limits: a mode used alone allows more keys than when modes
 * are combined on one connection. ltpc 5000 / 2000, option_greeks 3000 / 2000, full 2000 / 1500
 * (alone / combined). Upstox enforces them silently (keys past a limit simply get no data), so the
 * feed spreads its keys over up to {@code UPSTOX_MAX_CONNECTIONS} connections itself, each within them.
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

  /**
   * {@code keys} spread over as few connections as the limits allow: {@code previous} (one map per open
   * connection) keeps every key that is still wanted, in the same mode, on its connection where it still
   * fits, so a re-centre moves as few keys as it can; the others go to the first connection with room,
   * the ATM {@code full} keys first, then {@code option_greeks}, then {@code ltpc}. With {@code previous}, the
   * first maps stand for the same connections (one may be left empty); more maps mean more connections.
   */
  public static List<Map<String, Mode>> spread(Map<String, Mode> keys, List<Map<String, Mode>> previous) {
    List<Map<String, Mode>> sockets = new ArrayList<>();
    List<Map<Mode, Integer>> counts = new ArrayList<>();
    Map<String, Mode> placed = new LinkedHashMap<>();
    for (Map<String, Mode> before : previous) {
      Map<String, Mode> kept = new LinkedHashMap<>();
      Map<Mode, Integer> keptCounts = new EnumMap<>(Mode.class);
      before.forEach((key, mode) -> {
        if (keys.get(key) == mode && fitsOneMore(keptCounts, mode)) {
          kept.put(key, mode);
          keptCounts.merge(mode, 1, Integer::sum);
          placed.put(key, mode);
        }
      });
      sockets.add(kept);
      counts.add(keptCounts);
    }
    for (Mode mode : List.of(Mode.FULL, Mode.OPTION_GREEKS, Mode.LTPC)) {
      keys.forEach((key, m) -> {
        if (m != mode || placed.containsKey(key)) {
          return;
        }
        int i = 0;
        while (i < sockets.size() && !fitsOneMore(counts.get(i), mode)) {
          i++;
        }
        if (i == sockets.size()) {
          sockets.add(new LinkedHashMap<>());
          counts.add(new EnumMap<>(Mode.class));
        }
        sockets.get(i).put(key, mode);
        counts.get(i).merge(mode, 1, Integer::sum);
      });
    }
    if (previous.isEmpty()) {
      sockets.removeIf(Map::isEmpty);
    }
    return sockets;
  }

  /** How many connections {@code countsByMode} keys need at the least (as {@link #spread} fills them). */
  public static int connectionsNeeded(Map<Mode, Integer> countsByMode) {
    List<Map<Mode, Integer>> counts = new ArrayList<>();
    for (Mode mode : List.of(Mode.FULL, Mode.OPTION_GREEKS, Mode.LTPC)) {
      int left = countsByMode.getOrDefault(mode, 0);
      int i = 0;
      while (left > 0) {
        if (i == counts.size()) {
          counts.add(new EnumMap<>(Mode.class));
        }
        while (left > 0 && fitsOneMore(counts.get(i), mode)) {
          counts.get(i).merge(mode, 1, Integer::sum);
          left--;
        }
        i++;
      }
    }
    return counts.size();
  }

  private static boolean fitsOneMore(Map<Mode, Integer> counts, Mode mode) {
    Map<Mode, Integer> with = new EnumMap<>(Mode.class);
    with.putAll(counts);
    with.merge(mode, 1, Integer::sum);
    return violation(with) == null;
  }
}
