package org.optionstream.feed.tick;

import io.vertx.core.eventbus.EventBus;
import org.optionstream.common.Addresses;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * Puts the feed's ticks on the event bus: each one at once on {@code market.ticks} (the public,
 * per-tick contract), and the ticks of one frame or poll together on {@link #flush()}: all of them as
 * one message on {@code market.ticks.batch}, the option ticks as one message sent round-robin on
 * {@code greeks.compute.batch}. A frame of fifty instruments then costs the stages two messages
 * instead of a hundred, and waits for nothing: the frame arrived whole. Event-loop confined.
 */
public final class TickPublisher {

  private final EventBus bus;
  private final TickBatch.Builder all = TickBatch.newBuilder();
  private final TickBatch.Builder options = TickBatch.newBuilder();

  public TickPublisher(EventBus bus) {
    this.bus = bus;
  }

  public void add(Tick tick) {
    bus.publish(Addresses.MARKET_TICKS, tick);
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
      bus.send(Addresses.GREEKS_COMPUTE_BATCH, options.build());
      options.clear();
    }
  }
}
