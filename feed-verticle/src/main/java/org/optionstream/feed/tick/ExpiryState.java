package org.optionstream.feed.tick;

import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.feed.forward.ForwardEstimator;

/** One tracked underlying + expiry: its current window and its forward estimator. */
final class ExpiryState {

  final String symbol;
  final int expiryEpochDay;
  /** 15:30 IST on the expiry date, epoch ms (ExpiryClock). */
  final long expiryInstantMs;
  final ForwardEstimator forward;
  double atmStrike = Double.NaN;
  double windowLow;
  double windowHigh;
  double strikeStep;
  int lotSize;
  InstrumentState atmCall;
  InstrumentState atmPut;

  ExpiryState(String symbol, int expiryEpochDay, double rate) {
    this.symbol = symbol;
    this.expiryEpochDay = expiryEpochDay;
    this.expiryInstantMs = ExpiryClock.expiryInstantMillis(expiryEpochDay);
    this.forward = new ForwardEstimator(rate);
  }
}
