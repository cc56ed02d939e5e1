package org.optionstream.history.ingest;

/**
 * A message waiting for the writer thread: its body as the event bus delivered it, which address it came
 * from, how many rows it makes and when it arrived ({@link System#nanoTime()}, for the write lag).
 */
public record Pending(Source source, Object body, int rows, long arrivedNanos) {

  /** The address a message came from, which says how to read its body. */
  public enum Source {
    /** {@code greeks.update.frames}: a {@code GreeksUpdateFrames}, one row per frame. */
    GREEKS_FRAMES,
    /** {@code pcr.update}: a {@code pcr_update} data object, one row. */
    PCR,
    /** {@code pcr.oi-by-strike}: one row per strike. */
    OI_BY_STRIKE,
    /** {@code feed.status}: one row when the state changed. */
    FEED_STATUS
  }
}
