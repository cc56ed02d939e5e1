package org.optionstream.feed.tick;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.optionstream.common.Addresses;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * Sends option-tick batches to greeks on {@code greeks.compute.batch}, round-robin, as requests a greeks
 * instance acknowledges as it takes them in, with at most {@code maxInFlight} batches unacknowledged at a
 * time, so that nothing between the feed and greeks (the feed's pending requests, its outbound connection,
 * greeks' inbound queue) grows without bound when greeks falls behind.
 *
 * <p>While the limit is reached, ticks wait in a backlog that holds one tick per instrument, its newest (by
 * sequence): a newer tick replaces the waiting one, which is counted in
 * {@code optionstream_feed_greeks_ticks_conflated_total}. When an acknowledgement frees a slot, the whole
 * backlog goes out as one batch. So a slow greeks gets every instrument's freshest tick, at the rate it can
 * take, and the feed's memory stays bounded by the number of instruments.
 *
 * <p>A batch that fails (not acknowledged within the send timeout: the instance hangs or sat through a
 * network cut; refused; no instance at all) is not sent again as it was, which under load would multiply the
 * work of an already slow greeks: its ticks return to the backlog, each unless a newer tick of its
 * instrument has been sent since or is already waiting there, and go out with the next batch, to the next
 * instance in turn. By
 * then the cluster has dropped a member that stopped answering (5 s without heartbeats), so work is not lost
 * in a hung member. A tick that failed {@code maxAttempts} times is dropped, and so is a batch nobody
 * consumes (no greeks in the cluster at all): the next tick of each instrument tries anew. Failures count in
 * {@code optionstream_feed_greeks_batch_failures_total{reason}}, ticks sent again in
 * {@code optionstream_feed_greeks_ticks_resent_total}, ticks dropped after their last attempt in
 * {@code optionstream_feed_greeks_ticks_lost_total}. A tick sent again may be priced twice when the first
 * instance was only slow; greeks ignores a tick no newer than one it priced. Event-loop confined.
 */
final class GreeksDispatch {

  private final EventBus bus;
  private final DeliveryOptions ack;
  private final int maxInFlight;
  private final int maxAttempts;
  /** Waiting ticks by instrument key, oldest instrument first. */
  private final Map<String, Waiting> backlog = new LinkedHashMap<>();
  /** Per instrument key, the newest sequence sent so far (one-element arrays, updated in place). */
  private final Map<String, long[]> newestSent = new HashMap<>();
  private final TickBatch.Builder drained = TickBatch.newBuilder();
  private final Map<ReplyFailure, Counter> failures = new EnumMap<>(ReplyFailure.class);
  private final Counter conflated;
  private final Counter resent;
  private final Counter lost;
  private int inFlight;

  /** A tick in the backlog and how many times it has been sent already (0: never). */
  private record Waiting(Tick tick, int attempts) {
  }

  /**
   * @param ackTimeoutMs how long a greeks instance may take to acknowledge a batch, ms
   * @param maxInFlight  batches sent and not yet acknowledged or failed, at most
   * @param maxAttempts  sends of one tick, the first included, before it is dropped
   */
  GreeksDispatch(EventBus bus, long ackTimeoutMs, int maxInFlight, int maxAttempts, MeterRegistry registry) {
    if (maxInFlight < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("maxInFlight and maxAttempts must be >= 1, got " + maxInFlight + ", "
          + maxAttempts);
    }
    this.bus = bus;
    this.ack = new DeliveryOptions().setSendTimeout(ackTimeoutMs);
    this.maxInFlight = maxInFlight;
    this.maxAttempts = maxAttempts;
    for (ReplyFailure failure : ReplyFailure.values()) {
      failures.put(failure, Counter.builder("optionstream.feed.greeks.batch.failures")
          .description("option tick batches greeks did not acknowledge, by why")
          .tag("reason", failure.name().toLowerCase()).register(registry));
    }
    conflated = Counter.builder("optionstream.feed.greeks.ticks.conflated")
        .description("option ticks replaced, while waiting for greeks to take them, by a newer tick of the same instrument")
        .register(registry);
    resent = Counter.builder("optionstream.feed.greeks.ticks.resent")
        .description("option ticks sent to greeks again after their batch failed").register(registry);
    lost = Counter.builder("optionstream.feed.greeks.ticks.lost")
        .description("option ticks dropped after their last attempt failed too").register(registry);
    Gauge.builder("optionstream.feed.greeks.batches.inflight", this, d -> d.inFlight)
        .description("option tick batches sent to greeks and not yet acknowledged").register(registry);
    Gauge.builder("optionstream.feed.greeks.backlog", this, d -> d.backlog.size())
        .description("option ticks waiting for a free slot (one per instrument)").register(registry);
  }

  /** Sends {@code batch} now, or, while {@code maxInFlight} batches are unacknowledged, adds it to the backlog. */
  void send(TickBatch batch) {
    if (backlog.isEmpty() && inFlight < maxInFlight) {
      request(batch, null);
      return;
    }
    for (Tick tick : batch.getTicksList()) {
      hold(tick, 0);
    }
    drain();
  }

  /** Batches sent and not yet acknowledged or failed. */
  int inFlight() {
    return inFlight;
  }

  /** Ticks waiting for a free slot. */
  int backlog() {
    return backlog.size();
  }

  /**
   * @param sent how many times each of the batch's ticks has been sent before this one, in order; null: never
   */
  private void request(TickBatch batch, int[] sent) {
    for (Tick tick : batch.getTicksList()) {
      long[] newest = newestSent.get(tick.getInstrumentKey());
      if (newest == null) {
        newestSent.put(tick.getInstrumentKey(), new long[] {tick.getSequence()});
      } else if (tick.getSequence() > newest[0]) {
        newest[0] = tick.getSequence();
      }
    }
    inFlight++;
    bus.request(Addresses.GREEKS_COMPUTE_BATCH, batch, ack).onComplete(done -> {
      inFlight--;
      if (done.succeeded()) {
        drain();
        return;
      }
      Throwable failure = done.cause();
      ReplyFailure why = failure instanceof ReplyException reply ? reply.failureType() : ReplyFailure.ERROR;
      failures.get(why).increment();
      if (why == ReplyFailure.NO_HANDLERS) {
        // no greeks in the cluster: nothing to send again to; the next tick of each instrument tries anew
        lost.increment(batch.getTicksCount());
        return;
      }
      for (int i = 0; i < batch.getTicksCount(); i++) {
        Tick tick = batch.getTicks(i);
        int attempts = sent == null ? 1 : sent[i] + 1;
        if (newestSent.get(tick.getInstrumentKey())[0] > tick.getSequence()) {
          conflated.increment();
        } else if (attempts >= maxAttempts) {
          lost.increment();
        } else {
          hold(tick, attempts);
        }
      }
      drain();
    });
  }

  /** Puts {@code tick} in the backlog unless a newer tick of its instrument already waits there. */
  private void hold(Tick tick, int attempts) {
    Waiting held = backlog.get(tick.getInstrumentKey());
    if (held == null) {
      backlog.put(tick.getInstrumentKey(), new Waiting(tick, attempts));
    } else if (tick.getSequence() > held.tick().getSequence()) {
      backlog.put(tick.getInstrumentKey(), new Waiting(tick, attempts));
      conflated.increment();
    } else {
      conflated.increment();
    }
  }

  /** Sends the whole backlog as one batch if a slot is free. */
  private void drain() {
    if (backlog.isEmpty() || inFlight >= maxInFlight) {
      return;
    }
    int[] sent = new int[backlog.size()];
    int i = 0;
    for (Iterator<Waiting> it = backlog.values().iterator(); it.hasNext(); i++) {
      Waiting waiting = it.next();
      it.remove();
      drained.addTicks(waiting.tick());
      sent[i] = waiting.attempts();
      if (waiting.attempts() > 0) {
        resent.increment();
      }
    }
    TickBatch batch = drained.build();
    drained.clear();
    request(batch, sent);
  }
}
