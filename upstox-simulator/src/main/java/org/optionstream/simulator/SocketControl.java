package org.optionstream.simulator;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.VertxConnection;

/**
 * The simulator's fault injection below the WebSocket API: an abrupt TCP close (no close frame,
 * like a dead network path) and pausing reads (so pings are neither read nor answered: a stalled
 * server). Uses Vert.x's connection internals where available; otherwise falls back to a
 * 1011 close frame (drop) or to no-op (stall: frames still stop, only pongs continue).
 */
final class SocketControl {

  private SocketControl() {
  }

  static void abort(HttpConnection connection, ServerWebSocket ws) {
    if (connection instanceof VertxConnection vc) {
      vc.channel().close();
    } else {
      ws.close((short) 1011, "simulated failure");
    }
  }

  static void pauseReading(HttpConnection connection) {
    if (connection instanceof VertxConnection vc) {
      vc.channel().config().setAutoRead(false);
    }
  }

  static void resumeReading(HttpConnection connection) {
    if (connection instanceof VertxConnection vc) {
      vc.channel().config().setAutoRead(true);
      vc.channel().read();
    }
  }
}
