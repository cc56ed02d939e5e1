package org.optionstream.gateway.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.FeedState;

/**
 * Whether this gateway still hears the cluster, for its readiness: a gateway whose consumers the
 * cluster lost (after a hang or a merge) would otherwise keep saying UP while it serves frozen numbers.
 * It is <em>deaf</em> when, for {@code deafAfterMs}:
 * <ul>
 *   <li>no greeks update arrived although the newest {@code feed.status} says LIVE with a tick younger
 *       than that; or</li>
 *   <li>no {@code feed.status} arrived (the feed publishes one every few seconds) although the feed
 *       answers {@code feed.status.query}: the feed is there, its publications do not reach this gateway.
 *       A feed that does not answer is not this gateway's fault, and it stays ready.</li>
 * </ul>
 * Arrivals are noted from event-loop threads; the check runs on the readiness probe.
 */
public final class InputWatch {

  private final Vertx vertx;
  private final long deafAfterNanos;
  private final DeliveryOptions query;
  private final long startedNanos = System.nanoTime();
  private volatile long greeksAtNanos;
  private volatile long statusAtNanos;
  /** When the feed last turned LIVE with fresh ticks, as heard here: greeks cannot be late before that. */
  private volatile long liveSinceNanos;
  private volatile JsonObject status;

  /**
   * @param deafAfterMs how long an input may be silent, ms ({@code GATEWAY_DEAF_AFTER_MS})
   * @param queryTimeoutMs how long the feed may take to answer {@code feed.status.query}, ms
   */
  public InputWatch(Vertx vertx, long deafAfterMs, long queryTimeoutMs) {
    this.vertx = vertx;
    this.deafAfterNanos = deafAfterMs * 1_000_000L;
    this.query = new DeliveryOptions().setSendTimeout(queryTimeoutMs);
    this.greeksAtNanos = startedNanos;
    this.statusAtNanos = startedNanos;
    this.liveSinceNanos = startedNanos;
  }

  public void greeksArrived() {
    greeksAtNanos = System.nanoTime();
  }

  public void feedStatusArrived(JsonObject feedStatus) {
    long now = System.nanoTime();
    JsonObject previous = status;
    if (feedLiveWithFreshTicks(feedStatus, 0)
        && (previous == null || !feedLiveWithFreshTicks(previous, (now - statusAtNanos) / 1_000_000L))) {
      liveSinceNanos = now;
    }
    status = feedStatus;
    statusAtNanos = now;
  }

  /** OK, or KO with {@code {"deaf": reason}}. */
  public Future<Status> check() {
    long now = System.nanoTime();
    long statusSilentMs = (now - statusAtNanos) / 1_000_000L;
    if (now - statusAtNanos > deafAfterNanos) {
      return vertx.eventBus().request(Addresses.FEED_STATUS_QUERY, new JsonObject(), query)
          .map(answered -> deaf("no feed.status for " + statusSilentMs + " ms, though the feed answers "
              + Addresses.FEED_STATUS_QUERY))
          .otherwise(feedAway -> Status.OK());
    }
    JsonObject latest = status;
    long greeksExpectedSince = Math.max(greeksAtNanos, liveSinceNanos);
    long greeksSilentMs = (now - greeksExpectedSince) / 1_000_000L;
    if (latest != null && now - greeksExpectedSince > deafAfterNanos && feedLiveWithFreshTicks(latest, statusSilentMs)) {
      return Future.succeededFuture(deaf("no greeks update for " + greeksSilentMs + " ms while the feed is LIVE"));
    }
    return Future.succeededFuture(Status.OK());
  }

  private boolean feedLiveWithFreshTicks(JsonObject feedStatus, long statusAgeMs) {
    Long tickAgeMs = feedStatus.getLong("lastTickAgeMs");
    return FeedState.LIVE.name().equals(feedStatus.getString("state")) && tickAgeMs != null
        && (tickAgeMs + statusAgeMs) * 1_000_000L < deafAfterNanos;
  }

  private static Status deaf(String reason) {
    return Status.KO(new JsonObject().put("deaf", reason));
  }
}
