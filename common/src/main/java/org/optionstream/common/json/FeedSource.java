package org.optionstream.common.json;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where the feed's market data comes from ({@code FEED_SOURCE}), as {@code feed.status} says it:
 * {@code upstox} (real market data), {@code simulator} (made-up prices from the Upstox simulator,
 * which the dashboard marks with a permanent banner) or {@code replay} (a recorded session played back
 * through the same pipeline; the dashboard shows a REPLAY badge with the replayed clock).
 */
public enum FeedSource {
  UPSTOX, SIMULATOR, REPLAY;

  /** The name used in {@code FEED_SOURCE}, in {@code feed.status} and as the metrics' {@code source} tag. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source named {@code name} (case-insensitive); a clear error listing the choices otherwise. */
  public static FeedSource parse(String name) {
    for (FeedSource s : values()) {
      if (s.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("FEED_SOURCE must be one of "
        + Arrays.stream(values()).map(FeedSource::wireName).toList() + ", got '" + name + "'");
  }
}
