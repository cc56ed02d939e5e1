package org.optionstream.feed.instruments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The listed strikes of one underlying and one expiry, with the CE and PE contract of each, the
 * strike step (the most common distance between neighbouring strikes, index points) and the lot size.
 */
public final class ExpiryChain {

  private final String symbol;
  private final int expiryEpochDay;
  private final NavigableMap<Double, OptionContract[]> byStrike = new TreeMap<>();
  private double strikeStep = Double.NaN;
  private int lotSize;

  ExpiryChain(String symbol, int expiryEpochDay) {
    this.symbol = symbol;
    this.expiryEpochDay = expiryEpochDay;
  }

  void add(OptionContract contract) {
    OptionContract[] pair = byStrike.computeIfAbsent(contract.strike(), k -> new OptionContract[2]);
    pair[contract.call() ? 0 : 1] = contract;
    lotSize = Math.max(lotSize, contract.lotSize());
  }

  /** Computes the strike step once all contracts are added. */
  void seal() {
    Map<Long, Integer> counts = new TreeMap<>();
    Double previous = null;
    for (double strike : byStrike.keySet()) {
      if (previous != null) {
        counts.merge(Math.round((strike - previous) * 100), 1, Integer::sum);
      }
      previous = strike;
    }
    long bestGap = 0;
    int bestCount = -1;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        bestGap = e.getKey();
        bestCount = e.getValue();
      }
    }
    strikeStep = bestCount < 0 ? Double.NaN : bestGap / 100.0;
  }

  public String symbol() {
    return symbol;
  }

  public int expiryEpochDay() {
    return expiryEpochDay;
  }

  /** Most common distance between neighbouring listed strikes, index points (NaN with one strike). */
  public double strikeStep() {
    return strikeStep;
  }

  public int lotSize() {
    return lotSize;
  }

  /** The listed strike nearest to {@code price} (NaN when none is listed). */
  public double nearestStrike(double price) {
    Double lo = byStrike.floorKey(price);
    Double hi = byStrike.ceilingKey(price);
    if (lo == null && hi == null) {
      return Double.NaN;
    }
    if (lo == null) {
      return hi;
    }
    if (hi == null) {
      return lo;
    }
    return price - lo <= hi - price ? lo : hi;
  }

  /** Listed strikes in [{@code from}, {@code to}], ascending. */
  public List<Double> strikesBetween(double from, double to) {
    return from > to ? List.of() : new ArrayList<>(byStrike.subMap(from, true, to, true).keySet());
  }

  /** The CE ({@code call}) or PE contract at {@code strike}, or null. */
  public OptionContract contract(double strike, boolean call) {
    OptionContract[] pair = byStrike.get(strike);
    return pair == null ? null : pair[call ? 0 : 1];
  }

  /** Every contract of this expiry. */
  public List<OptionContract> contracts() {
    List<OptionContract> all = new ArrayList<>();
    for (OptionContract[] pair : byStrike.values()) {
      for (OptionContract c : pair) {
        if (c != null) {
          all.add(c);
        }
      }
    }
    return Collections.unmodifiableList(all);
  }

  public int strikeCount() {
    return byStrike.size();
  }
}
