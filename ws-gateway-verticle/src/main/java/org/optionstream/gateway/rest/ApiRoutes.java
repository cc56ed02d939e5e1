package org.optionstream.gateway.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Collection;
import java.util.function.Supplier;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.guard.ErrorAnswers;
import org.optionstream.gateway.ws.StreamFilter;

/**
 * REST snapshots of the gateway's caches (the greeks and PCR caches, as README's gateway section lists them):
 * <ul>
 *   <li>{@code GET /api/greeks?symbol=&expiry=&keys=}: {@code {instrumentKey: greeks_update data}}; the same
 *       filters may come as the form body of {@code POST /api/greeks} ({@code application/x-www-form-urlencoded}),
 *       for a {@code keys} list too long for a URL;</li>
 *   <li>{@code GET /api/greeks/{instrumentKey}}: one {@code greeks_update} data object, 404 when unknown;</li>
 *   <li>{@code GET /api/pcr?symbol=&expiry=}: {@code {"SYMBOL|expiry": pcr_update data}};</li>
 *   <li>{@code GET /api/oi-by-strike?symbol=&expiry=}: {@code {"SYMBOL|expiry": pcr.oi-by-strike body}};</li>
 *   <li>{@code GET /api/surface?symbol=&expiry=}: {@code {"SYMBOL|expiry": chain_analytics data}};</li>
 *   <li>{@code GET /api/status}: feed status, cluster membership, connected clients, cache sizes, warm.</li>
 * </ul>
 * Bad filters get 400 with a reason. Bodies are assembled from each frame's pre-encoded JSON.
 */
public final class ApiRoutes {

  private static final String FORM = "application/x-www-form-urlencoded";

  private final GatewayCaches caches;
  private final Supplier<JsonObject> gatewayStatus;
  private final int maxBodyBytes;

  /**
   * @param gatewayStatus the gateway's own part of {@code /api/status} (clients, warm)
   * @param maxBodyBytes  largest form body of {@code POST /api/greeks}, bytes
   */
  public ApiRoutes(GatewayCaches caches, Supplier<JsonObject> gatewayStatus, int maxBodyBytes) {
    this.caches = caches;
    this.gatewayStatus = gatewayStatus;
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    router.get("/api/greeks").handler(ctx -> keyed(ctx, Frame.Kind.GREEKS));
    router.post("/api/greeks").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::greeksByForm);
    router.get("/api/greeks/:instrumentKey").handler(this::oneInstrument);
    router.get("/api/pcr").handler(ctx -> keyed(ctx, Frame.Kind.PCR));
    router.get("/api/oi-by-strike").handler(ctx -> keyed(ctx, Frame.Kind.OI_BY_STRIKE));
    router.get("/api/surface").handler(ctx -> keyed(ctx, Frame.Kind.ANALYTICS));
    router.get("/api/status").handler(this::status);
  }

  private void keyed(RoutingContext ctx, Frame.Kind kind) {
    keyed(ctx, kind, ctx.queryParams());
  }

  private void keyed(RoutingContext ctx, Frame.Kind kind, MultiMap params) {
    StreamFilter filter;
    try {
      filter = StreamFilter.parse(params);
    } catch (IllegalArgumentException e) {
      ErrorAnswers.send(ctx, 400, e.getMessage());
      return;
    }
    json(ctx, keyedObject(caches.frames(kind, filter)));
  }

  private void greeksByForm(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)) {
      ErrorAnswers.send(ctx, 415, "POST /api/greeks takes the filters as " + FORM + " (symbol=&expiry=&keys=)");
      return;
    }
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams())
        .addAll(ctx.request().formAttributes());
    keyed(ctx, Frame.Kind.GREEKS, params);
  }

  private void oneInstrument(RoutingContext ctx) {
    String key = ctx.pathParam("instrumentKey");
    Frame frame = key == null ? null : caches.greeks(key);
    if (frame == null) {
      ErrorAnswers.send(ctx, 404, "unknown instrument key '" + key + "'");
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
}
