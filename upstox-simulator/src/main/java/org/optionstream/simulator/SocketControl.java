package org.optionstream.simulator;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import org.optionstream.common.vertx.VertxNettyAdapter;

/**
 * The simulator's fault injection below the WebSocket API, on the connection's Netty channel: an abrupt
 * TCP close (no close frame, like a dead network path) and pausing reads (so pings are neither read nor
 * answered: a stalled server).
 */
final class SocketControl {

  private SocketControl() {
  }

  static void abort(HttpConnection connection) {
    VertxNettyAdapter.channel(connection).close();
  }

  static void pauseReading(HttpConnection connection) {
    VertxNettyAdapter.channel(connection).config().setAutoRead(false);
  }

  static void resumeReading(HttpConnection connection) {
    Channel channel = VertxNettyAdapter.channel(connection);
    channel.config().setAutoRead(true);
    channel.read();
  }
}
