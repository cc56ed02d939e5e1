package org.optionstream.pcr.publish;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.optionstream.pcr.aggregate.ExpiryKey;

/**
 * Decides when each channel (one message kind of one underlying+expiry) publishes, at most once per interval
 * ({@code 1000 / maxPerSecond} ms) and never losing the last value, on the clock of the data it consumes rather
 * than the wall clock, so one input sequence gives one publication sequence however fast it is played: live, a
 * replay at 10×, a replay at {@code max}.
 *
 * <p>The data clock is the newest exchange time (epoch ms) of any input seen. Input comes in batches (one feed frame's
 * ticks, one greeks instance's frames):
 * <ol>
 *   <li>{@link #beginBatch} advances the data clock, then publishes every waiting channel whose due time (its last
 *       publication's stamp plus the interval) the clock reached, with the state from before this batch, which is
 *       the state as it stood at the due time; the publication is stamped with the due time, and channels go out in
 *       the order they fell due;</li>
 *   <li>{@link #touch} marks a channel the batch changed;</li>
 *   <li>{@link #endBatch} publishes each touched channel whose last publication is at least one interval older than
 *       the clock (or that never published), stamped with the clock; the others wait.</li>
 * </ol>
 *
 * <p>When the data stops (market close, a quiet strike, a stopped feed) the clock stops, and {@link #flushQuiet}
 * takes over: once no batch has arrived for {@code quietMs} of wall time, a waiting channel publishes as soon as the
 * clock plus the silence reaches its due time, stamped with the due time. That is exactly what the next batch would
 * have published had the data clock kept pace with the wall clock, so the sequence is the same whether the last
 * value goes out by the quiet rule or by the next batch. A replay at {@code max} has no such pace (a stall of the
 * pipeline is not a silence of the market), so the caller suspends the quiet rule while a recording plays.
 *
 * <p>A channel's {@code next} supplier gives the message to publish, or null when nothing changed since the last
 * one (nothing is published and the schedule is untouched). Not thread-safe: one event loop.
 */
public final class PublicationScheduler {

  /** Receives each publication, in order. */
  public interface Sink {
    void publish(Channel channel, JsonObject message);
  }

  /** The publications of one message kind for one underlying+expiry. */
  public static final class Channel {
    private final ExpiryKey key;
    private final String address;
    private final long intervalMs;
    private final Supplier<JsonObject> next;
    private boolean published;
    private long lastStampMs;
    private boolean waiting;
    private boolean touched;

    private Channel(ExpiryKey key, String address, long intervalMs, Supplier<JsonObject> next) {
      this.key = key;
      this.address = address;
      this.intervalMs = intervalMs;
      this.next = next;
    }

    public ExpiryKey key() {
      return key;
    }

    public String address() {
      return address;
    }

    /** Data time (epoch ms) from which this channel may publish again. */
    long dueAtMs() {
      return lastStampMs + intervalMs;
    }

    public boolean isWaiting() {
      return waiting;
    }
  }

  private final long quietMs;
  private final LongSupplier wallClockMs;
  private final Sink sink;
  private final List<Channel> waiting = new ArrayList<>();
  private final List<Channel> touched = new ArrayList<>();
  private long clockMs = Long.MIN_VALUE;
  private long wallAtLastBatchMs;

  /**
   * @param quietMs     wall-clock silence, ms, after which waiting channels publish without new data
   * @param wallClockMs the wall clock, epoch ms (only the quiet rule reads it)
   */
  public PublicationScheduler(long quietMs, LongSupplier wallClockMs, Sink sink) {
    if (quietMs < 1) {
      throw new IllegalArgumentException("quietMs must be >= 1, got " + quietMs);
    }
    this.quietMs = quietMs;
    this.wallClockMs = wallClockMs;
    this.sink = sink;
    this.wallAtLastBatchMs = wallClockMs.getAsLong();
  }

  /** A new channel publishing at most {@code maxPerSecond} times a second of data time. */
  public Channel channel(ExpiryKey key, String address, double maxPerSecond, Supplier<JsonObject> next) {
    if (!(maxPerSecond > 0)) {
      throw new IllegalArgumentException("maxPerSecond must be > 0, got " + maxPerSecond);
    }
    return new Channel(key, address, (long) Math.ceil(1000d / maxPerSecond), next);
  }

  /** A batch whose newest exchange time is {@code newestDataTimeMs} arrives; due channels publish first. */
  public void beginBatch(long newestDataTimeMs) {
    wallAtLastBatchMs = wallClockMs.getAsLong();
    if (newestDataTimeMs > clockMs) {
      clockMs = newestDataTimeMs;
    }
    publishDue(clockMs);
  }

  /** The current batch changed {@code channel}. */
  public void touch(Channel channel) {
    if (!channel.touched) {
      channel.touched = true;
      touched.add(channel);
    }
  }

  /** The batch is applied: touched channels publish now, or wait for their due time. */
  public void endBatch() {
    for (Channel channel : touched) {
      channel.touched = false;
      if (channel.waiting) {
        continue;
      }
      if (!channel.published || clockMs >= channel.dueAtMs()) {
        emit(channel, clockMs);
      } else {
        channel.waiting = true;
        waiting.add(channel);
      }
    }
    touched.clear();
  }

  /** The quiet rule, at wall time {@code wallNowMs}: see the class comment. */
  public void flushQuiet(long wallNowMs) {
    long silenceMs = wallNowMs - wallAtLastBatchMs;
    if (silenceMs >= quietMs && clockMs != Long.MIN_VALUE) {
      publishDue(clockMs + silenceMs);
    }
  }

  /** Publishes {@code channel}'s message now, outside its schedule (a new leader's first figures). */
  public void publishNow(Channel channel) {
    JsonObject message = channel.next.get();
    if (message != null) {
      sink.publish(channel, message);
    }
  }

  /** The data clock: the newest exchange time seen, epoch ms ({@link Long#MIN_VALUE} before any). */
  public long clockMs() {
    return clockMs;
  }

  private void publishDue(long atMs) {
    if (waiting.isEmpty()) {
      return;
    }
    List<Channel> due = null;
    for (Channel channel : waiting) {
      if (atMs >= channel.dueAtMs()) {
        if (due == null) {
          due = new ArrayList<>();
        }
        due.add(channel);
      }
    }
    if (due == null) {
      return;
    }
    waiting.removeAll(due);
    due.sort(java.util.Comparator.comparingLong(Channel::dueAtMs)); // as they fell due; ties in the order they waited
    for (Channel channel : due) {
      channel.waiting = false;
      emit(channel, channel.dueAtMs());
    }
  }

  private void emit(Channel channel, long stampMs) {
    JsonObject message = channel.next.get();
    if (message != null) {
      channel.published = true;
      channel.lastStampMs = stampMs;
      sink.publish(channel, message);
    }
  }
}
