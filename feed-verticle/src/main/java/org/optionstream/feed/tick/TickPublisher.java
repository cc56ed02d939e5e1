package org.optionstream.feed.tick;

import io.vertx.core.eventbus.EventBus;
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
 * <p>The batches for greeks go through a {@link GreeksDispatch}: at most {@link #MAX_IN_FLIGHT_BATCHES}
 * unacknowledged at a time, the newest tick per instrument waiting while greeks is behind, and a batch
 * that greeks did not acknowledge within {@link #BATCH_ACK_TIMEOUT_MS} (or refused) returned to the
 * backlog for the next instance in turn. Event-loop confined.
 */
public final class TickPublisher {

  /** How long a greeks instance may take to acknowledge a batch before its ticks go to another, ms. */
  public static final long BATCH_ACK_TIMEOUT_MS = 2_000;
  /** Sends of one tick, the first included: with the timeout, about 10 s of trying. */
  public static final int MAX_ATTEMPTS = 5;
  /**
   * Batches sent to greeks and not yet acknowledged, at most. Greeks acknowledges a batch as it takes it in,
   * so only a greeks that stopped reading (a long pause, a hang, a cut) lets this fill: then the feed keeps
   * the newest tick per instrument instead of queueing every frame for it. Of two greeks members, a frozen
   * one holds the batches sent to it for the acknowledgement timeout: about 400 at 20,000 ticks/s (frames
   * of 50 ticks), which must leave room for the other member's, or the healthy member would starve until the
   * cluster drops the frozen one (with 128, a frozen member silenced the stream for 5 s).
   */
  public static final int MAX_IN_FLIGHT_BATCHES = 1024;

  private final EventBus bus;
  private final ConsumerPresence presence;
  private final GreeksDispatch greeks;
  private final TickBatch.Builder all = TickBatch.newBuilder();
  private final TickBatch.Builder options = TickBatch.newBuilder();

  public TickPublisher(EventBus bus, ConsumerPresence presence) {
    this(bus, presence, BATCH_ACK_TIMEOUT_MS, MAX_IN_FLIGHT_BATCHES);
  }

  /**
   * @param presence     says whether anybody consumes {@code market.ticks}; a tick is not published there when
   *                     nobody does
   * @param ackTimeoutMs how long greeks may take to acknowledge a batch, ms
   * @param maxInFlight  batches sent to greeks and not yet acknowledged, at most
   */
  public TickPublisher(EventBus bus, ConsumerPresence presence, long ackTimeoutMs, int maxInFlight) {
    this.bus = bus;
    this.presence = presence;
    this.greeks = new GreeksDispatch(bus, ackTimeoutMs, maxInFlight, MAX_ATTEMPTS, StageMetrics.registry());
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
      greeks.send(options.build());
      options.clear();
    }
  }
}
