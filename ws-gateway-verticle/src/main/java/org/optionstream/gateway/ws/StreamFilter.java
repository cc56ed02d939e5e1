package org.optionstream.gateway.ws;

import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.optionstream.gateway.cache.Frame;

/**
 * What a client asked for with the query parameters {@code symbol} (e.g. NIFTY), {@code expiry}
 * (ISO date) and {@code keys} (comma-separated instrument keys, e.g. {@code NSE_FO|43885}). Each
 * parameter narrows Greeks; PCR and OI-by-strike are narrowed by symbol and expiry only. Absent = all.
 */
public record StreamFilter(String symbol, String expiry, Set<String> keys) implements Predicate<Frame> {

  /** The parameters a filter understands, plus {@code token} (access, not filtering). */
  public static final List<String> PARAMETERS = List.of("symbol", "expiry", "keys");
  public static final StreamFilter ALL = new StreamFilter(null, null, null);
  /** Upper bound of {@code keys} entries. */
  public static final int MAX_KEYS = 1000;

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9&_.-]{0,39}");
  private static final Pattern INSTRUMENT_KEY = Pattern.compile("[A-Za-z_]{2,16}\\|[A-Za-z0-9 _.&-]{1,64}");

  /**
   * Reads a filter from query parameters.
   *
   * @throws IllegalArgumentException with a reason a client can act on, for unknown parameters,
   *     repeated parameters and malformed values
   */
  public static StreamFilter parse(MultiMap params) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name) && !"token".equals(name)) {
        throw new IllegalArgumentException("unknown query parameter '" + name + "' (allowed: symbol, expiry, keys)");
      }
      if (params.getAll(name).size() > 1) {
        throw new IllegalArgumentException("query parameter '" + name + "' given more than once");
      }
    }
    String symbol = params.get("symbol");
    if (symbol != null && !SYMBOL.matcher(symbol).matches()) {
      throw new IllegalArgumentException("symbol must be an upper-case underlying name like NIFTY, got '"
          + abbreviate(symbol) + "'");
    }
    String expiry = params.get("expiry");
    if (expiry != null) {
      try {
        LocalDate.parse(expiry);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expiry must be an ISO date like 2025-11-27, got '" + abbreviate(expiry) + "'");
      }
    }
    String keysParam = params.get("keys");
    Set<String> keys = null;
    if (keysParam != null) {
      keys = new LinkedHashSet<>();
      for (String key : keysParam.split(",", -1)) {
        String k = key.trim();
        if (!INSTRUMENT_KEY.matcher(k).matches()) {
          throw new IllegalArgumentException("keys must be comma-separated instrument keys like NSE_FO|43885, got '"
              + abbreviate(k) + "'");
        }
        keys.add(k);
      }
      if (keys.size() > MAX_KEYS) {
        throw new IllegalArgumentException("at most " + MAX_KEYS + " keys, got " + keys.size());
      }
      keys = Set.copyOf(keys);
    }
    return new StreamFilter(symbol, expiry, keys);
  }

  /** "SYMBOL|expiry" when this filter accepts chain frames of one chain only, else null. */
  public String chainKey() {
    return symbol != null && expiry != null ? symbol + "|" + expiry : null;
  }

  @Override
  public boolean test(Frame frame) {
    return switch (frame.kind()) {
      case GREEKS -> matches(frame) && (keys == null || keys.contains(frame.key()));
      case PCR, OI_BY_STRIKE, ANALYTICS -> matches(frame);
      case FEED_STATUS, CLUSTER_STATUS -> true;
    };
  }

  private boolean matches(Frame frame) {
    return (symbol == null || symbol.equals(frame.symbol())) && (expiry == null || expiry.equals(frame.expiry()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
