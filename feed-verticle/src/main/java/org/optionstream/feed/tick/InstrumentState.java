package org.optionstream.feed.tick;

import org.optionstream.common.tick.InstrumentKind;

/**
 * What the feed knows about one instrument: fixed contract data (precomputed once) and the last
 * value of every field, so a tick whose shape lacks a field (an {@code ltpc} frame has no OI or
 * depth) still carries the latest known value. Prices in rupees, strike in index points.
 */
final class InstrumentState {

  final String key;
  final String symbol;
  final InstrumentKind kind;
  final double strike;
  final int expiryEpochDay;
  final int lotSize;
  final ExpiryState expiry;
  final UnderlyingState underlying;

  long sequence;
  double lastPrice;
  double closePrice;
  double openInterest;
  double prevOpenInterest = Double.NaN;
  long volume;
  double bidPrice;
  double askPrice;
  long bidQty;
  long askQty;
  /** Time of the last trade as Upstox stated it (ltt), epoch ms; 0 while unknown. */
  long lastTradeTimeMs;
  /** Exchange time of the last tick, epoch ms (keeps it monotonic). */
  long lastExchangeTimeMs;

  InstrumentState(String key, String symbol, InstrumentKind kind, double strike, int expiryEpochDay, int lotSize,
                  ExpiryState expiry, UnderlyingState underlying) {
    this.key = key;
    this.symbol = symbol;
    this.kind = kind;
    this.strike = strike;
    this.expiryEpochDay = expiryEpochDay;
    this.lotSize = lotSize;
    this.expiry = expiry;
    this.underlying = underlying;
  }

  /** The price parity uses: the mid of a sane two-sided quote, else the last trade (rupees; 0 when unknown). */
  double parityPrice() {
    if (bidPrice > 0 && askPrice >= bidPrice) {
      return 0.5 * (bidPrice + askPrice);
    }
    return lastPrice;
  }
}
