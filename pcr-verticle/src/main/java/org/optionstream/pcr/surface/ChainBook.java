package org.optionstream.pcr.surface;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.pcr.aggregate.ExpiryKey;

/**
 * The newest {@code greeks_update} of every option of one underlying and expiry, by strike, with the gamma
 * exposure kept as running totals: each update replaces its instrument's previous contribution, so the
 * per-strike and total GEX cost O(1) per update, never a pass over the chain. Not thread-safe: one event loop.
 */
public final class ChainBook {

  /** The CE and PE of one strike, and their GEX contributions (rupees per 1 % move). */
  public static final class Strike {
    GreeksUpdate call;
    GreeksUpdate put;
    double callGex;
    double putGex;

    public GreeksUpdate call() {
      return call;
    }

    public GreeksUpdate put() {
      return put;
    }

    public double callGex() {
      return callGex;
    }

    public double putGex() {
      return putGex;
    }
  }

  private final ExpiryKey key;
  private final DealerConvention convention;
  private final NavigableMap<Double, Strike> strikes = new TreeMap<>();
  private final Map<String, GreeksUpdate> byInstrument = new HashMap<>();
  private double totalGex;
  private GreeksUpdate newest;
  private long changes;

  public ChainBook(ExpiryKey key, DealerConvention convention) {
    this.key = key;
    this.convention = convention;
  }

  /** Takes {@code u} unless its instrument holds a newer one; true when taken. */
  public boolean apply(GreeksUpdate u) {
    GreeksUpdate held = byInstrument.get(u.instrumentKey());
    if (held != null && !UpdateOrder.isNewer(u.exchangeTimeMs(), u.sequence(), held.exchangeTimeMs(), held.sequence())) {
      return false;
    }
    byInstrument.put(u.instrumentKey(), u);
    Strike s = strikes.computeIfAbsent(u.strike(), k -> new Strike());
    double gex = GammaExposure.of(u, convention);
    if (GammaExposure.isCall(u)) {
      totalGex += gex - s.callGex;
      s.call = u;
      s.callGex = gex;
    } else {
      totalGex += gex - s.putGex;
      s.put = u;
      s.putGex = gex;
    }
    if (newest == null || u.exchangeTimeMs() >= newest.exchangeTimeMs()) {
      newest = u;
    }
    changes++;
    return true;
  }

  public ExpiryKey key() {
    return key;
  }

  public DealerConvention convention() {
    return convention;
  }

  /** Strikes ascending, each with its newest CE and PE (either may be null). */
  public NavigableMap<Double, Strike> strikes() {
    return Collections.unmodifiableNavigableMap(strikes);
  }

  /** Σ of every option's GEX, rupees per 1 % move (running total). */
  public double totalGex() {
    return totalGex;
  }

  /** The update with the newest exchange time: its forward, index price, T and rate are the chain's. */
  public GreeksUpdate newest() {
    return newest;
  }

  /** Updates taken so far (changes when anything changed). */
  public long changes() {
    return changes;
  }
}
