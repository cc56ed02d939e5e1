package org.optionstream.feed.tick;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.EnumMap;
import java.util.Map;
import org.optionstream.common.Addresses;
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * Puts the feed's ticks on the event bus: each one at once on {@code market.ticks} (the public,
 * per-tick contract, skipped while nobody in the cluster consumes it: {@link ConsumerPresence}), and the
 * ticks of one frame or poll together on {@link #flush()}: all of them as one message on
 * {@code market.ticks.batch}, the option ticks as one request sent round-robin on
 * {@code greeks.compute.batch}. A frame of fifty instruments then costs the stages two messages
 * instead of a hundred, and waits for nothing: the frame arrived whole.
 *
 * <p>A greeks instance acknowledges each batch as it takes it in. A batch not acknowledged within
 * {@link #BATCH_ACK_TIMEOUT_MS} (the instance hangs, or its connection sat through a network cut), or
 * refused, is sent again, round-robin, up to {@link #MAX_ATTEMPTS} times in all: by then the cluster
 * has dropped a member that stopped answering (5 s without heartbeats) and the batch goes to one that
 * works, so work is not lost in a hung member. Each failure counts in
 * {@code optionstream_feed_greeks_batch_failures_total{reason}}, each attempt after the first in
 * {@code optionstream_feed_greeks_batches_resent_total}, and a batch whose last attempt fails too in
 * {@code optionstream_feed_greeks_batches_lost_total}. A batch sent again may be priced twice when
 * the first instance was only slow; greeks keeps the newest tick per instrument, so a late copy
 * changes nothing. Event-loop confined.
 */
public final class TickPublisher {

  /** How long a greeks instance may take to acknowledge a batch before it goes to another, ms. */
  public static final long BATCH_ACK_TIMEOUT_MS = 2_000;
  /** Attempts per batch, the first included: with the timeout, about 10 s of trying. */
  public static final int MAX_ATTEMPTS = 5;

  private final EventBus bus;
  private final ConsumerPresence presence;
  private final DeliveryOptions ack;
  private final TickBatch.Builder all = TickBatch.newBuilder();
  private final TickBatch.Builder options = TickBatch.newBuilder();
  private final Map<ReplyFailure, Counter> failures = new EnumMap<>(ReplyFailure.class);
  private final Counter resent;
  private final Counter lost;

  public TickPublisher(EventBus bus, ConsumerPresence presence) {
    this(bus, presence, BATCH_ACK_TIMEOUT_MS);
  }

  /**
   * @param presence     says whether anybody consumes {@code market.ticks}; a tick is not published there when
   *                     nobody does
   * @param ackTimeoutMs how long greeks may take to acknowledge a batch, ms
   */
  public TickPublisher(EventBus bus, ConsumerPresence presence, long ackTimeoutMs) {
    this.bus = bus;
    this.presence = presence;
    this.ack = new DeliveryOptions().setSendTimeout(ackTimeoutMs);
    MeterRegistry registry = StageMetrics.registry();
    for (ReplyFailure failure : ReplyFailure.values()) {
      failures.put(failure, Counter.builder("optionstream.feed.greeks.batch.failures")
          .description("option tick batches greeks did not acknowledge, by why")
          .tag("reason", failure.name().toLowerCase()).register(registry));
    }
    resent = Counter.builder("optionstream.feed.greeks.batches.resent")
        .description("option tick batches sent again after a failure").register(registry);
    lost = Counter.builder("optionstream.feed.greeks.batches.lost")
        .description("option tick batches whose last attempt failed too").register(registry);
  }

  public void add(Tick tick) {
    if (presence.mayBeConsumed(Addresses.MARKET_TICKS)) {
      bus.publish(Addresses.MARKET_TICKS, tick);
    }
    all.addTicks(tick);
    if (tick.getKind() != InstrumentKind.INDEX) {
      options.addTicks(tick);
    }
  }

  /** Sends what {@link #add} collected since the last flush, if anything. */
  public void flush() {
    if (all.getTicksCount() > 0) {
      bus.publish(Addresses.MARKET_TICKS_BATCH, all.build());
      all.clear();
    }
    if (options.getTicksCount() > 0) {
      toGreeks(options.build(), 1);
      options.clear();
    }
  }

  private void toGreeks(TickBatch batch, int attempt) {
    bus.request(Addresses.GREEKS_COMPUTE_BATCH, batch, ack).onFailure(failure -> {
      failures.get(failure instanceof ReplyException reply ? reply.failureType() : ReplyFailure.ERROR).increment();
      if (attempt >= MAX_ATTEMPTS) {
        lost.increment();
      } else {
        resent.increment();
        toGreeks(batch, attempt + 1);
      }
    });
  }
}
