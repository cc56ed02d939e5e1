package org.optionstream.gateway.bridge;

import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import org.optionstream.common.vertx.VertxNettyAdapter;
import org.optionstream.gateway.guard.ChannelReset;

/**
 * The TCP connection each SockJS session currently receives on, so that a session closed for being slow
 * can have that connection reset rather than closed behind the bytes its client never read. A WebSocket
 * session keeps the connection it was upgraded on; a streaming or polling session receives on the
 * connection of its latest receiving request. Event-loop confined (the gateway verticle's).
 */
final class SockJsConnections {

  private final SockJsTransports transports;
  private final Map<String, Channel> receiving = new HashMap<>();

  SockJsConnections(SockJsTransports transports) {
    this.transports = transports;
  }

  /** Route handler in front of the SockJS router: notes the connection of every receiving request. */
  void track(RoutingContext ctx) {
    String uri = ctx.request().uri();
    if (transports.isReceiving(uri)) {
      String session = transports.session(uri);
      Channel channel = VertxNettyAdapter.channel(ctx.request().connection());
      Context context = ctx.vertx().getOrCreateContext();
      receiving.put(session, channel);
      channel.closeFuture().addListener(closed -> context.runOnContext(v -> receiving.remove(session, channel)));
    }
    ctx.next();
  }

  /**
   * Ends a session and resets the connection it receives on. A WebSocket session only needs the reset
   * (its end follows from the connection's); a streaming or polling one is closed with {@code code} and
   * {@code reason} first, which ends its receiving response, if any, before that connection is reset.
   */
  void drop(SockJSSocket socket, int code, String reason) {
    if (transports.isWebSocket(socket.uri())) {
      ChannelReset.reset(VertxNettyAdapter.channel(socket.routingContext().request().connection()));
      return;
    }
    socket.close(code, reason);
    Channel channel = receiving.get(transports.session(socket.uri()));
    if (channel != null) {
      ChannelReset.reset(channel);
    }
  }
}
