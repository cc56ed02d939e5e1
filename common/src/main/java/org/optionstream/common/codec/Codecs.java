package org.optionstream.common.codec;

import io.vertx.core.Vertx;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * Registers the project's event-bus codecs on a Vertx instance. Call once per instance, right
 * after it is built and before any verticle is deployed: registering twice fails, and a clustered
 * bus cannot carry a {@link Tick}, a {@link TickBatch}, {@link GreeksUpdateFrames} or a
 * {@link GreeksUpdateFrame} (which {@code greeks.update} consumers receive as its JSON data) without it.
 */
public final class Codecs {

  /** Codec names on the wire: every member of the cluster must register the same. */
  public static final String TICK = "optionstream.tick";
  public static final String TICK_BATCH = "optionstream.tick-batch";

  private Codecs() {
  }

  public static Vertx register(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Tick.class, new ProtobufCodec<>(TICK, Tick.parser()));
    vertx.eventBus().registerDefaultCodec(TickBatch.class, new ProtobufCodec<>(TICK_BATCH, TickBatch.parser()));
    vertx.eventBus().registerDefaultCodec(GreeksUpdateFrames.class, new GreeksUpdateFramesCodec());
    vertx.eventBus().registerDefaultCodec(GreeksUpdateFrame.class, new GreeksUpdateJsonCodec());
    return vertx;
  }
}
