package org.optionstream.feed.tick;

/** One tracked underlying: its index key and last index price (index points, 0 before the first). */
final class UnderlyingState {

  final String symbol;
  final String indexKey;
  double spot;

  UnderlyingState(String symbol, String indexKey) {
    this.symbol = symbol;
    this.indexKey = indexKey;
  }
}
