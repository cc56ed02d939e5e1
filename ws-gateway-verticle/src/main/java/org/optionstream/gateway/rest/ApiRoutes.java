package org.optionstream.gateway.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.function.Supplier;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.ws.StreamFilter;

/**
 * REST snapshots of the gateway's caches (the greeks and PCR caches, as README's gateway section lists them):
 * <ul>
 *   <li>{@code GET /api/greeks?symbol=&expiry=&keys=}: {@code {instrumentKey: greeks_update data}};</li>
 *   <li>{@code GET /api/greeks/{instrumentKey}}: one {@code greeks_update} data object, 404 when unknown;</li>
 *   <li>{@code GET /api/pcr?symbol=&expiry=}: {@code {"SYMBOL|expiry": pcr_update data}};</li>
 *   <li>{@code GET /api/oi-by-strike?symbol=&expiry=}: {@code {"SYMBOL|expiry": pcr.oi-by-strike body}};</li>
 *   <li>{@code GET /api/status}: feed status, cluster membership, connected clients, cache sizes, warm.</li>
 * </ul>
 * Bad filters get 400 with a reason. Bodies are assembled from each frame's pre-encoded JSON.
 */
public final class ApiRoutes {

  private final GatewayCaches caches;
  private final Supplier<JsonObject> gatewayStatus;

  /** @param gatewayStatus the gateway's own part of {@code /api/status} (clients, warm) */
  public ApiRoutes(GatewayCaches caches, Supplier<JsonObject> gatewayStatus) {
    this.caches = caches;
    this.gatewayStatus = gatewayStatus;
  }

  public void mount(Router router) {
    router.get("/api/greeks").handler(ctx -> keyed(ctx, Frame.Kind.GREEKS));
    router.get("/api/greeks/:instrumentKey").handler(this::oneInstrument);
    router.get("/api/pcr").handler(ctx -> keyed(ctx, Frame.Kind.PCR));
    router.get("/api/oi-by-strike").handler(ctx -> keyed(ctx, Frame.Kind.OI_BY_STRIKE));
    router.get("/api/status").handler(this::status);
  }

  private void keyed(RoutingContext ctx, Frame.Kind kind) {
    StreamFilter filter;
    try {
      filter = StreamFilter.parse(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    json(ctx, keyedObject(caches.frames(kind, filter)));
  }

  private void oneInstrument(RoutingContext ctx) {
    String key = ctx.pathParam("instrumentKey");
    Frame frame = key == null ? null : caches.greeks(key);
    if (frame == null) {
      error(ctx, 404, "unknown instrument key '" + key + "'");
      return;
    }
    json(ctx, frame.dataJson());
  }

  private void status(RoutingContext ctx) {
    Frame feed = caches.feedStatus();
    Frame cluster = caches.clusterStatus();
    StringBuilder sb = new StringBuilder(512).append("{\"feed\":")
        .append(feed == null ? "null" : feed.dataJson())
        .append(",\"cluster\":").append(cluster == null ? "null" : cluster.dataJson())
        .append(",\"gateway\":").append(gatewayStatus.get().encode()).append('}');
    json(ctx, sb.toString());
  }

  private static String keyedObject(Collection<Frame> frames) {
    StringBuilder sb = new StringBuilder(Math.max(2, frames.size() * 700)).append('{');
    boolean first = true;
    for (Frame f : frames) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(quote(f.key())).append(':').append(f.dataJson());
    }
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    String encoded = new JsonObject().put("k", s).encode();
    return encoded.substring(5, encoded.length() - 1);
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  private static void error(RoutingContext ctx, int status, String reason) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", reason).encode());
  }
}
