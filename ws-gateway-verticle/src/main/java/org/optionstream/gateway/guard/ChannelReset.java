package org.optionstream.gateway.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;

/**
 * Connection resets for the gateway's guards, on a connection's Netty channel (reached through
 * {@link org.optionstream.common.vertx.VertxNettyAdapter}).
 */
public final class ChannelReset {

  private ChannelReset() {
  }

  /**
   * Resets the connection (RST, SO_LINGER 0): whatever is still queued for the peer is dropped and the
   * socket leaves the operating system's table at once, where a graceful close would wait behind the
   * queued bytes of a peer that does not read. The close starts below Vert.x's own handler, which would
   * turn it into a WebSocket closing handshake that waits for the peer.
   */
  public static void reset(Channel channel) {
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
