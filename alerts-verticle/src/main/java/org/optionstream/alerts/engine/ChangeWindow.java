package org.optionstream.alerts.engine;

/**
 * The lowest and highest value over a sliding window of time, for {@code changesBy}: two monotonic
 * queues of (time, value), so adding a value and reading the extremes cost O(1) amortised. Values are
 * kept at most one per {@link #RESOLUTION_MS} per queue end (a newer value in the same slot replaces the
 * extreme only if it is more extreme), which bounds memory by the window's length.
 */
public final class ChangeWindow {

  /** Time resolution of the kept samples, milliseconds. */
  static final long RESOLUTION_MS = 1000;

  private final long windowMs;
  private final Deque min = new Deque();
  private final Deque max = new Deque();

  public ChangeWindow(long windowSeconds) {
    this.windowMs = windowSeconds * 1000;
  }

  public void add(long timeMs, double value) {
    min.evictBefore(timeMs - windowMs);
    max.evictBefore(timeMs - windowMs);
    min.push(timeMs, value, true);
    max.push(timeMs, value, false);
  }

  /** Lowest value in the window; NaN when empty. */
  public double min() {
    return min.isEmpty() ? Double.NaN : min.firstValue();
  }

  /** Highest value in the window; NaN when empty. */
  public double max() {
    return max.isEmpty() ? Double.NaN : max.firstValue();
  }

  /** Forgets every value (after a firing, the next change is measured from now). */
  public void reset() {
    min.clear();
    max.clear();
  }

  /** A growable ring of (time, value), monotonic in value. */
  private static final class Deque {
    private long[] times = new long[8];
    private double[] values = new double[8];
    private int head;
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    double firstValue() {
      return values[head];
    }

    void clear() {
      size = 0;
    }

    void evictBefore(long oldestMs) {
      while (size > 0 && times[head] < oldestMs) {
        head = (head + 1) % times.length;
        size--;
      }
    }

    /** Drops the tail values the new one dominates (for a min queue: those ≥ it), then appends it. */
    void push(long timeMs, double value, boolean keepMin) {
      while (size > 0) {
        int tail = (head + size - 1) % times.length;
        double v = values[tail];
        if (keepMin ? v >= value : v <= value) {
          size--;
        } else {
          if (timeMs - times[tail] < RESOLUTION_MS) {
            return;
          }
          break;
        }
      }
      if (size == times.length) {
        grow();
      }
      int at = (head + size) % times.length;
      times[at] = timeMs;
      values[at] = value;
      size++;
    }

    private void grow() {
      long[] t = new long[times.length * 2];
      double[] v = new double[times.length * 2];
      for (int i = 0; i < size; i++) {
        t[i] = times[(head + i) % times.length];
        v[i] = values[(head + i) % times.length];
      }
      times = t;
      values = v;
      head = 0;
    }
  }
}
