package org.optionstream.feed.upstox;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential with "equal jitter" (AWS architecture blog): attempt n waits a
 * uniformly random time in [c/2, c] with c = min(cap, initial · 2^n), so the first retry comes
 * within {@code initial} ms (well under a second by default), clients that lost the same server do
 * not retry in lockstep, and the delay never exceeds the cap. Never gives up: callers retry forever.
 */
public final class Backoff {

  private final long initialMs;
  private final long capMs;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(long initialMs, long capMs, RandomGenerator random) {
    if (initialMs < 1 || capMs < initialMs) {
      throw new IllegalArgumentException("need 1 <= initial <= cap, got " + initialMs + " / " + capMs);
    }
    this.initialMs = initialMs;
    this.capMs = capMs;
    this.random = random;
  }

  /** The next delay, ms, and one more attempt counted. */
  public long nextDelayMs() {
    double ceiling = Math.min((double) capMs, initialMs * Math.pow(2, Math.min(attempt, 40)));
    attempt++;
    double half = ceiling / 2;
    return Math.max(1, Math.round(half + random.nextDouble() * half));
  }

  /** Attempts since the last {@link #reset()}. */
  public int attempts() {
    return attempt;
  }

  /** Called after a successful connection. */
  public void reset() {
    attempt = 0;
  }
}
