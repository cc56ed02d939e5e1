package org.optionstream.common.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The adapter below Vert.x's public API for HTTP connections (the event bus's connections have their own,
 * {@link EventBusOutbound}): the Netty channel of an HTTP connection, which Vert.x 5 does not expose. The gateway
 * needs it to add its guards to a connection's pipeline, to reset a connection instead of closing it gracefully and
 * to write a fan-out pass's frames with one flush; the simulator needs it to inject network faults (an abrupt close,
 * a stalled reader).
 *
 * <p>Nothing here falls back quietly: when a Vert.x upgrade changes what this adapter relies on, its methods
 * throw {@link IllegalStateException} naming what is missing, and {@code VertxNettyAdapterTest} fails.
 */
public final class VertxNettyAdapter {

  /** The name of Vert.x's own handler in a connection's pipeline; it is the last handler, and it writes through its context. */
  public static final String VERTX_HANDLER = "handler";

  private VertxNettyAdapter() {
  }

  /**
   * The channel of a connection.
   *
   * @throws IllegalStateException when Vert.x's connection is not the class this adapter knows
   */
  public static Channel channel(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      return base.channel();
    }
    throw new IllegalStateException("no Netty channel behind " + connection.getClass().getName()
        + ": this Vert.x version is not the one VertxNettyAdapter was written for");
  }

  /**
   * The pipeline context Vert.x itself writes a connection's messages through: a message written here passes
   * every outbound handler before Vert.x's (for a WebSocket, the frame encoder and any compression), exactly
   * as Vert.x's own writes do, and leaves when the channel is flushed.
   *
   * @throws IllegalStateException when the connection has no channel this adapter can reach, or no Vert.x handler
   */
  public static ChannelHandlerContext writeContext(HttpConnection connection) {
    Channel channel = channel(connection);
    ChannelHandlerContext context = channel.pipeline().context(VERTX_HANDLER);
    if (context == null) {
      throw new IllegalStateException("no '" + VERTX_HANDLER + "' in " + channel.pipeline().names()
          + ": this Vert.x version lays out its pipeline differently");
    }
    return context;
  }
}
