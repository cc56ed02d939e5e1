package org.optionstream.gateway.ws;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import org.optionstream.gateway.GatewayConfig;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.fanout.ClientSession;
import org.optionstream.gateway.fanout.Fanout;
import org.optionstream.gateway.fanout.FanoutMeters;
import org.optionstream.gateway.guard.ErrorAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain WebSocket endpoints, upgraded through the router: {@code /ws/greeks} streams
 * {@code greeks_update} and {@code pcr_update} messages (filtered by {@link StreamFilter}),
 * {@code /ws/status} streams {@code feed_status} and {@code cluster_status}. Each starts with the current
 * state from the caches, then live updates, with per-client conflation.
 */
public final class StreamSockets {

  private static final Logger LOG = LoggerFactory.getLogger(StreamSockets.class);
  private static final Set<Frame.Kind> GREEKS_KINDS = EnumSet.of(Frame.Kind.GREEKS, Frame.Kind.PCR);
  private static final Set<Frame.Kind> STATUS_KINDS = EnumSet.of(Frame.Kind.FEED_STATUS, Frame.Kind.CLUSTER_STATUS);

  private final GatewayConfig config;
  private final GatewayCaches caches;
  private final Fanout fanout;
  private final FanoutMeters meters;

  public StreamSockets(GatewayConfig config, GatewayCaches caches, Fanout fanout, FanoutMeters meters) {
    this.config = config;
    this.caches = caches;
    this.fanout = fanout;
    this.meters = meters;
  }

  /** {@code GET /ws/greeks?symbol=&expiry=&keys=}. */
  public void greeks(RoutingContext ctx) {
    upgrade(ctx, GREEKS_KINDS);
  }

  /** {@code GET /ws/status}. */
  public void status(RoutingContext ctx) {
    upgrade(ctx, STATUS_KINDS);
  }

  private void upgrade(RoutingContext ctx, Set<Frame.Kind> kinds) {
    StreamFilter filter;
    try {
      filter = kinds == STATUS_KINDS ? statusFilter(ctx) : StreamFilter.parse(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      badRequest(ctx, e.getMessage());
      return;
    }
    String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade)) {
      badRequest(ctx, "expected a WebSocket upgrade request");
      return;
    }
    ctx.request().toWebSocket()
        .onSuccess(ws -> attach(ws, ctx.request().connection(), kinds, filter))
        .onFailure(err -> LOG.debug("WebSocket upgrade of {} failed", ctx.request().path(), err));
  }

  private static StreamFilter statusFilter(RoutingContext ctx) {
    for (String name : ctx.queryParams().names()) {
      if (!"token".equals(name)) {
        throw new IllegalArgumentException("unknown query parameter '" + name + "' (/ws/status takes none)");
      }
    }
    return StreamFilter.ALL;
  }

  private void attach(ServerWebSocket ws, HttpConnection connection, Set<Frame.Kind> kinds, StreamFilter filter) {
    ClientSession session = new ClientSession(new WebSocketSink(ws, connection), f -> kinds.contains(f.kind()) && filter.test(f),
        config.clientMaxInflightBytes(), config.slowClientCloseMs(), meters);
    session.chainKey(filter.chainKey());
    long now = System.currentTimeMillis();
    for (Frame.Kind kind : kinds) {
      session.markSnapshot(kind, caches.version());
      for (Frame frame : caches.frames(kind, filter)) {
        session.offer(frame, now);
      }
    }
    session.flush();
    fanout.add(session, "websocket");
    ws.handler(data -> { });
    ws.closeHandler(v -> {
      session.markClosed();
      fanout.remove(session);
    });
    ws.exceptionHandler(err -> LOG.debug("WebSocket {} failed", ws.path(), err));
  }

  private static void badRequest(RoutingContext ctx, String reason) {
    ErrorAnswers.send(ctx, 400, reason);
  }
}
