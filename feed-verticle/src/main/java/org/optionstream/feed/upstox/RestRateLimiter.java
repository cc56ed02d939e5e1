package org.optionstream.feed.upstox;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Keeps the feed's authorized REST calls inside Upstox's limits per user (as widely reported: 50 a
 * second, 500 a minute, 2000 in 30 minutes), over sliding windows of the calls actually made, and
 * honours a 429's {@code Retry-After} by holding every call until it has passed. {@link #delayMs()}
 * says how long the next call must wait; {@link #record()} counts one that goes. Event-loop confined.
 */
public final class RestRateLimiter {

  /** At most {@code maxCalls} in any {@code lengthMs}. */
  public record Window(long lengthMs, int maxCalls) {
  }

  /** Upstox's limits. */
  public static final List<Window> UPSTOX = List.of(new Window(1_000, 50), new Window(60_000, 500),
      new Window(1_800_000, 2_000));

  private final List<Window> windows;
  private final LongSupplier clockMs;
  private final long longestMs;
  /** When each recent call went, epoch ms, oldest first (no older than the longest window). */
  private final ArrayDeque<Long> calls = new ArrayDeque<>();
  private long pausedUntilMs;

  /** @param clockMs the clock, epoch ms (the wall clock in production; a test's own) */
  public RestRateLimiter(List<Window> windows, LongSupplier clockMs) {
    this.windows = List.copyOf(windows);
    this.clockMs = clockMs;
    this.longestMs = windows.stream().mapToLong(Window::lengthMs).max().orElse(0);
  }

  /** How long, ms, the next call must wait to stay inside every window and past any Retry-After (0: go now). */
  public long delayMs() {
    long now = clockMs.getAsLong();
    while (!calls.isEmpty() && calls.peekFirst() <= now - longestMs) {
      calls.pollFirst();
    }
    long delay = Math.max(0, pausedUntilMs - now);
    for (Window w : windows) {
      int inWindow = 0;
      Iterator<Long> newestFirst = calls.descendingIterator();
      while (newestFirst.hasNext()) {
        long at = newestFirst.next();
        if (at <= now - w.lengthMs()) {
          break;
        }
        if (++inWindow == w.maxCalls()) {
          // the next call may go once this one (the max-th newest) has left the window
          delay = Math.max(delay, at + w.lengthMs() - now);
          break;
        }
      }
    }
    return delay;
  }

  /** A call goes now. */
  public void record() {
    calls.addLast(clockMs.getAsLong());
  }

  /** Upstox said 429 with Retry-After: no call before {@code epochMs}. */
  public void pauseUntil(long epochMs) {
    pausedUntilMs = Math.max(pausedUntilMs, epochMs);
  }

  /** When calls may go again after the last Retry-After, epoch ms (0 or past: now). */
  public long pausedUntilMs() {
    return pausedUntilMs;
  }
}
