package org.optionstream.pcr.publish;

/**
 * Coalesces the publications of one key to at most one per interval without ever losing the last
 * value: a change inside the interval schedules one publication at the interval's end, which sends
 * whatever is newest then. Pure logic over a caller-supplied monotonic clock (nanoseconds), so it
 * is tested without timers; the caller owns the timer and calls {@link #fired} from it.
 */
public final class PublishThrottle {

  /** {@link #request} result: a publication is already scheduled and will carry this change. */
  public static final long ALREADY_SCHEDULED = -1;
  /** {@link #request} result: publish now. */
  public static final long NOW = 0;

  private final long minIntervalNanos;
  private boolean published;
  private long lastPublishNanos;
  private boolean scheduled;

  /** @param maxPerSecond the most publications per second (at least 1) */
  public PublishThrottle(double maxPerSecond) {
    if (!(maxPerSecond > 0)) {
      throw new IllegalArgumentException("maxPerSecond must be > 0, got " + maxPerSecond);
    }
    this.minIntervalNanos = (long) Math.ceil(1_000_000_000d / maxPerSecond);
  }

  /**
   * Something changed at {@code nowNanos}: {@link #NOW} (publish now and call {@link #published}),
   * {@link #ALREADY_SCHEDULED}, or the delay in nanoseconds after which the caller must publish
   * (the throttle then counts as scheduled until {@link #fired}).
   */
  public long request(long nowNanos) {
    if (scheduled) {
      return ALREADY_SCHEDULED;
    }
    long wait = published ? lastPublishNanos + minIntervalNanos - nowNanos : 0;
    if (wait <= 0) {
      return NOW;
    }
    scheduled = true;
    return wait;
  }

  /** The scheduled publication is due: the caller publishes the newest value now. */
  public void fired() {
    scheduled = false;
  }

  /** A publication went out at {@code nowNanos}. */
  public void published(long nowNanos) {
    published = true;
    lastPublishNanos = nowNanos;
  }

  public boolean isScheduled() {
    return scheduled;
  }

  public long minIntervalNanos() {
    return minIntervalNanos;
  }
}
