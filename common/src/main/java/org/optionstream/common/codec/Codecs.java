package org.optionstream.common.codec;

import io.vertx.core.Vertx;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.tick.Tick;

/**
 * Registers the project's event-bus codecs on a Vertx instance. Call once per instance, right
 * after it is built and before any verticle is deployed: registering twice fails, and a clustered
 * bus cannot carry a {@link Tick} or a {@link GreeksUpdateFrame} without it.
 */
public final class Codecs {

  private Codecs() {
  }

  public static Vertx register(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Tick.class, new TickCodec());
    vertx.eventBus().registerDefaultCodec(GreeksUpdateFrame.class, new GreeksUpdateFrameCodec());
    return vertx;
  }
}
