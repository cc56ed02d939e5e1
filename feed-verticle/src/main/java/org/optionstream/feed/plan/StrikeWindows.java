package org.optionstream.feed.plan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The window of every underlying: one default and per-underlying exceptions.
 *
 * @param defaultWindow the window of an underlying not listed in {@code bySymbol}
 * @param bySymbol      upper-case symbol → its own window
 */
public record StrikeWindows(StrikeWindow defaultWindow, Map<String, StrikeWindow> bySymbol) {

  public StrikeWindows {
    bySymbol = Map.copyOf(bySymbol);
  }

  /** The same window for every underlying. */
  public static StrikeWindows all(StrikeWindow window) {
    return new StrikeWindows(window, Map.of());
  }

  /**
   * {@code defaultWindow}, with exceptions from {@code spec}: comma-separated {@code SYMBOL=window}
   * (e.g. {@code NIFTY=500pt,BANKNIFTY=12}); blank for none.
   */
  public static StrikeWindows parse(StrikeWindow defaultWindow, String spec) {
    Map<String, StrikeWindow> bySymbol = new LinkedHashMap<>();
    if (spec != null) {
      for (String part : spec.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("FEED_WINDOWS takes SYMBOL=window pairs such as NIFTY=500pt,BANKNIFTY=12,"
              + " got '" + part.trim() + "'");
        }
        bySymbol.put(part.substring(0, eq).trim().toUpperCase(Locale.ROOT), StrikeWindow.parse(part.substring(eq + 1)));
      }
    }
    return new StrikeWindows(defaultWindow, bySymbol);
  }

  public StrikeWindow of(String symbol) {
    return bySymbol.getOrDefault(symbol.toUpperCase(Locale.ROOT), defaultWindow);
  }
}
