package org.optionstream.feed.instruments;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** One underlying with listed options: its index key and its option chains by expiry (ascending). */
public final class Underlying {

  private final String symbol;
  private final String indexKey;
  private final NavigableMap<Integer, ExpiryChain> chains = new TreeMap<>();

  Underlying(String symbol, String indexKey) {
    this.symbol = symbol;
    this.indexKey = indexKey;
  }

  ExpiryChain chainFor(int expiryEpochDay) {
    return chains.computeIfAbsent(expiryEpochDay, d -> new ExpiryChain(symbol, d));
  }

  public String symbol() {
    return symbol;
  }

  /** e.g. {@code NSE_INDEX|Nifty 50}. */
  public String indexKey() {
    return indexKey;
  }

  /** Chains by expiry epoch day, ascending. */
  public NavigableMap<Integer, ExpiryChain> chains() {
    return Collections.unmodifiableNavigableMap(chains);
  }
}
