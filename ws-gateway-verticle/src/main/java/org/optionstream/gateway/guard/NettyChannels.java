package org.optionstream.gateway.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The one place the gateway reaches below Vert.x's public API: the Netty channel of an HTTP connection
 * (Vert.x exposes none), needed to add the gateway's own handlers to a connection's pipeline and to reset a
 * connection instead of closing it gracefully. {@code NettyChannelsTest} fails when a Vert.x upgrade
 * breaks this.
 */
public final class NettyChannels {

  private NettyChannels() {
  }

  /**
   * The channel of a server connection.
   *
   * @throws IllegalStateException when Vert.x's connection is not the class this adapter knows
   */
  public static Channel of(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      return base.channel();
    }
    throw new IllegalStateException("no Netty channel behind " + connection.getClass().getName()
        + ": this Vert.x version is not the one NettyChannels was written for");
  }

  /**
   * Resets the connection (RST, SO_LINGER 0): whatever is still queued for the peer is dropped and the
   * socket leaves the operating system's table at once, where a graceful close would wait behind the
   * queued bytes of a peer that does not read. The close starts below Vert.x's own handler, which would
   * turn it into a WebSocket closing handshake that waits for the peer.
   */
  public static void abort(Channel channel) {
    if (channel.isOpen()) {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      ChannelHandlerContext first = channel.pipeline().firstContext();
      if (first != null) {
        first.close();
      } else {
        channel.close();
      }
    }
  }
}
