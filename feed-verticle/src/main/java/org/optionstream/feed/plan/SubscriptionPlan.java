package org.optionstream.feed.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instrument keys the socket should carry, each with its mode, and the strike window of every
 * tracked expiry. Immutable; the planner makes a new one whenever it re-centres or tracks more.
 */
public final class SubscriptionPlan {

  public static final SubscriptionPlan EMPTY = new SubscriptionPlan(Map.of(), List.of());

  private final Map<String, Mode> keys;
  private final List<ExpiryWindow> windows;

  public SubscriptionPlan(Map<String, Mode> keys, List<ExpiryWindow> windows) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.windows = List.copyOf(windows);
  }

  /** Instrument key to mode, in a stable order. */
  public Map<String, Mode> keys() {
    return keys;
  }

  public List<ExpiryWindow> windows() {
    return windows;
  }

  public int size() {
    return keys.size();
  }

  /** Keys grouped by mode (for one subscribe request per mode). */
  public Map<Mode, List<String>> byMode() {
    Map<Mode, List<String>> grouped = new EnumMap<>(Mode.class);
    keys.forEach((k, m) -> grouped.computeIfAbsent(m, x -> new ArrayList<>()).add(k));
    return grouped;
  }

  /** Counts per mode (for the key limits). */
  public Map<Mode, Integer> countsByMode() {
    Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
    keys.values().forEach(m -> counts.merge(m, 1, Integer::sum));
    return counts;
  }

  /** What to send to go from this plan to {@code next}. */
  public PlanDiff diffTo(SubscriptionPlan next) {
    List<String> unsub = new ArrayList<>();
    Map<Mode, List<String>> sub = new EnumMap<>(Mode.class);
    Map<Mode, List<String>> change = new EnumMap<>(Mode.class);
    keys.forEach((k, m) -> {
      if (!next.keys.containsKey(k)) {
        unsub.add(k);
      }
    });
    next.keys.forEach((k, m) -> {
      Mode old = keys.get(k);
      if (old == null) {
        sub.computeIfAbsent(m, x -> new ArrayList<>()).add(k);
      } else if (old != m) {
        change.computeIfAbsent(m, x -> new ArrayList<>()).add(k);
      }
    });
    return new PlanDiff(unsub, sub, change);
  }
}
