package org.optionstream.common;

/**
 * The order every consumer keeps per instrument: by exchange time (epoch ms), then by the feed's
 * per-instrument sequence. An update that is not newer than the one held never overwrites it.
 */
public final class UpdateOrder {

  private UpdateOrder() {
  }

  /** True when (timeA, seqA) is strictly newer than (timeB, seqB). */
  public static boolean isNewer(long exchangeTimeMsA, long sequenceA, long exchangeTimeMsB, long sequenceB) {
    return exchangeTimeMsA != exchangeTimeMsB ? exchangeTimeMsA > exchangeTimeMsB : sequenceA > sequenceB;
  }
}
