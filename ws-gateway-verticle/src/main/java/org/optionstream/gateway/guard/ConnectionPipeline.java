package org.optionstream.gateway.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.optionstream.common.vertx.VertxNettyAdapter;

/**
 * For {@code HttpServer.connectionHandler}: adds the gateway's own Netty handlers to every new connection,
 * just before Vert.x's, so they see each request and frame first: the connection caps
 * ({@link ConnectionGuard}), the handshake timeout, standard methods only ({@link StandardMethods}),
 * {@code Connection: close} for receiving SockJS requests, the WebSocket heartbeat, and the inflate
 * bound on compressed WebSocket frames.
 */
public final class ConnectionPipeline implements Handler<HttpConnection> {

  /** The name of Vert.x's own handler, the last one in each connection's pipeline. */
  static final String VERTX_HANDLER = VertxNettyAdapter.VERTX_HANDLER;

  private final ConnectionGuard guard;
  private final StandardMethods methods;
  private final CloseAfterResponse closeAfterResponse;
  private final HttpServerOptions options;
  private final long handshakeTimeoutMs;
  private final long pingIntervalMs;
  private final BadInputLog badInput;

  /**
   * @param closeAfterResponse request URIs whose connection closes after their response
   * @param options            the server's options (WebSocket frame limit and compression)
   */
  public ConnectionPipeline(ConnectionGuard guard, StandardMethods methods, Predicate<String> closeAfterResponse,
      HttpServerOptions options, long handshakeTimeoutSeconds, long pingIntervalSeconds, BadInputLog badInput) {
    this.guard = guard;
    this.methods = methods;
    this.closeAfterResponse = new CloseAfterResponse(closeAfterResponse);
    this.options = options;
    this.handshakeTimeoutMs = TimeUnit.SECONDS.toMillis(handshakeTimeoutSeconds);
    this.pingIntervalMs = TimeUnit.SECONDS.toMillis(pingIntervalSeconds);
    this.badInput = badInput;
  }

  @Override
  public void handle(HttpConnection connection) {
    Channel channel = VertxNettyAdapter.channel(connection);
    guard.admit(channel);
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(VERTX_HANDLER) == null) {
      throw new IllegalStateException("no '" + VERTX_HANDLER + "' in " + pipeline.names()
          + ": this Vert.x version lays out its pipeline differently");
    }
    pipeline.addBefore(VERTX_HANDLER, "optionstream-handshake-timeout",
        new HandshakeTimeout(handshakeTimeoutMs, badInput));
    pipeline.addBefore(VERTX_HANDLER, "optionstream-methods", methods.inbound());
    pipeline.addBefore(VERTX_HANDLER, "optionstream-close-after-response", closeAfterResponse);
    pipeline.addBefore(VERTX_HANDLER, "optionstream-ws-heartbeat", new WebSocketHeartbeat(pingIntervalMs, badInput));
    WebSocketInflateLimit.install(pipeline, VERTX_HANDLER, options.getMaxWebSocketFrameSize(), options, badInput);
  }
}
