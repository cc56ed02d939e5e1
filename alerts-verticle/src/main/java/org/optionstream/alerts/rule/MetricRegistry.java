package org.optionstream.alerts.rule;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.optionstream.common.Addresses;

/**
 * The metrics rules may watch. A chain figure published on a new address is one line here
 * ({@link #chain(String, String, String)}): the stage consumes every address a chain metric names, keyed by
 * the message's {@code symbol} and {@code expiry}.
 */
public final class MetricRegistry {

  /** The index level of a rule's {@code symbol}. */
  public static final String INDEX_LEVEL = "index";

  private final Map<String, Metric> metrics = new LinkedHashMap<>();

  /**
   * The metrics of today's bus: an option's Greeks, IVs, price and OI; pcr's chain figures and chain analytics
   * (ATM IV, 25-delta risk reversal and butterfly, straddle and implied move, total GEX and its flip level);
   * the index level.
   */
  public static MetricRegistry standard() {
    MetricRegistry r = new MetricRegistry();
    for (String greek : new String[] {"delta", "gamma", "theta", "vega", "rho"}) {
      r.add(new Metric(greek, SourceKind.INSTRUMENT, null, "greeks", greek));
    }
    for (String field : new String[] {"iv", "ivMid", "price", "oi", "bid", "ask", "volume", "oiChange", "underlyingPrice",
        "forward"}) {
      r.instrument(field, field);
    }
    for (String field : new String[] {"pcr", "volumePcr", "oiChangePcr", "allStrikesPcr", "allStrikesVolumePcr",
        "allStrikesOiChangePcr", "maxPain", "atmStrike", "totalCeOi", "totalPeOi"}) {
      r.chain(field, Addresses.PCR_UPDATE, field);
    }
    for (String field : new String[] {"atmIv", "rr25", "bf25"}) {
      r.chain(field, Addresses.CHAIN_ANALYTICS, field);
    }
    r.add(new Metric("straddle", SourceKind.CHAIN, Addresses.CHAIN_ANALYTICS, "straddle", "price"));
    r.add(new Metric("impliedMovePercent", SourceKind.CHAIN, Addresses.CHAIN_ANALYTICS, "straddle", "impliedMovePercent"));
    r.add(new Metric("gexTotal", SourceKind.CHAIN, Addresses.CHAIN_ANALYTICS, "gex", "total"));
    r.add(new Metric("gexFlip", SourceKind.CHAIN, Addresses.CHAIN_ANALYTICS, "gex", "flip"));
    r.add(new Metric(INDEX_LEVEL, SourceKind.INDEX, null, null, "level"));
    return r;
  }

  /** Adds {@code name}, read from field {@code field} of a {@code greeks_update}'s data. */
  public MetricRegistry instrument(String name, String field) {
    return add(new Metric(name, SourceKind.INSTRUMENT, null, null, field));
  }

  /** Adds {@code name}, read from field {@code field} of the chain messages published on {@code address}. */
  public MetricRegistry chain(String name, String address, String field) {
    return add(new Metric(name, SourceKind.CHAIN, address, null, field));
  }

  public MetricRegistry add(Metric metric) {
    metrics.put(metric.name(), metric);
    return this;
  }

  /** The metric of that name, or null. */
  public Metric get(String name) {
    return metrics.get(name);
  }

  public Collection<Metric> all() {
    return Collections.unmodifiableCollection(metrics.values());
  }

  public Set<String> names() {
    return new TreeSet<>(metrics.keySet());
  }

  /** Every address chain metrics are read from. */
  public Set<String> chainAddresses() {
    Set<String> addresses = new TreeSet<>();
    metrics.values().stream().filter(m -> m.source() == SourceKind.CHAIN).forEach(m -> addresses.add(m.address()));
    return addresses;
  }
}
