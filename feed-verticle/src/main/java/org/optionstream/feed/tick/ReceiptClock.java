package org.optionstream.feed.tick;

import java.time.Instant;

/** The wall clock in epoch microseconds: when a frame or a REST answer arrived ({@code Tick.feedReceivedAtMicros}). */
public final class ReceiptClock {

  private ReceiptClock() {
  }

  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
