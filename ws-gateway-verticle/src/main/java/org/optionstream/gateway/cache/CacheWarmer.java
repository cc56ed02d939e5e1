package org.optionstream.gateway.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.optionstream.common.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the caches of a gateway that joins a running system: asks {@code greeks.snapshot},
 * {@code pcr.snapshot} and {@code feed.status.query} once at start and again every retry interval
 * until each has answered once. The gateway is warm (ready) when all three have.
 * Event-loop confined.
 */
public final class CacheWarmer {

  private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);

  private final Vertx vertx;
  private final GatewayCaches caches;
  private final long retryMs;
  private final DeliveryOptions requestOptions;
  private boolean greeksWarm;
  private boolean pcrWarm;
  private boolean feedWarm;
  private long timerId = -1;
  private boolean stopped;

  public CacheWarmer(Vertx vertx, GatewayCaches caches, long retryMs, long requestTimeoutMs) {
    this.vertx = vertx;
    this.caches = caches;
    this.retryMs = retryMs;
    this.requestOptions = new DeliveryOptions().setSendTimeout(requestTimeoutMs);
  }

  public void start() {
    round();
  }

  public void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  public boolean isWarm() {
    return greeksWarm && pcrWarm && feedWarm;
  }

  /** Which sources have answered: {@code {"greeks":bool,"pcr":bool,"feed":bool}}. */
  public JsonObject describe() {
    return new JsonObject().put("greeks", greeksWarm).put("pcr", pcrWarm).put("feed", feedWarm);
  }

  private void round() {
    if (stopped || isWarm()) {
      return;
    }
    Future<?> greeks = greeksWarm ? Future.succeededFuture() : vertx.eventBus()
        .<Object>request(Addresses.GREEKS_SNAPSHOT, new JsonObject(), requestOptions)
        .map(reply -> {
          if (reply.body() instanceof JsonArray items) {
            for (Object item : items) {
              if (item instanceof JsonObject data) {
                caches.accept(Frame.greeks(data));
              }
            }
          }
          greeksWarm = true;
          LOG.info("greeks cache warm ({} instruments)", caches.greeksCount());
          return null;
        });
    Future<?> pcr = pcrWarm ? Future.succeededFuture() : vertx.eventBus()
        .<Object>request(Addresses.PCR_SNAPSHOT, new JsonObject(), requestOptions)
        .map(reply -> {
          if (reply.body() instanceof JsonObject body) {
            acceptAll(body.getJsonArray("pcr"), Frame.Kind.PCR);
            acceptAll(body.getJsonArray("oiByStrike"), Frame.Kind.OI_BY_STRIKE);
            acceptAll(body.getJsonArray("analytics"), Frame.Kind.ANALYTICS);
          }
          pcrWarm = true;
          LOG.info("pcr cache warm");
          return null;
        });
    Future<?> feed = feedWarm ? Future.succeededFuture() : vertx.eventBus()
        .<Object>request(Addresses.FEED_STATUS_QUERY, new JsonObject(), requestOptions)
        .map(reply -> {
          if (reply.body() instanceof JsonObject status && caches.feedStatus() == null) {
            caches.accept(Frame.status(Frame.Kind.FEED_STATUS, status));
          }
          feedWarm = true;
          LOG.info("feed status known");
          return null;
        });
    Future.join(greeks, pcr, feed).onComplete(done -> {
      if (!isWarm() && !stopped) {
        LOG.debug("caches not warm yet ({}), retrying in {} ms", describe(), retryMs);
        timerId = vertx.setTimer(retryMs, id -> round());
      }
    });
  }

  private void acceptAll(JsonArray items, Frame.Kind kind) {
    if (items == null) {
      return;
    }
    for (Object item : items) {
      if (item instanceof JsonObject data) {
        caches.accept(Frame.perExpiry(kind, data));
      }
    }
  }
}
