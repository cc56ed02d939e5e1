package org.optionstream.feed;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.feed.upstox.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code feed.status} says, and when: the state and why it was entered (redacted), since when, the
 * last tick and its age, decode errors by kind, the data's source, Upstox's rejection of the token, the
 * market's status by segment and the keys that never got data. Publishes on every change and every
 * {@code FEED_STATUS_INTERVAL_MS}; a new kind of decode error is published at once, later counts ride the
 * heartbeat. Event-loop confined.
 */
final class FeedStatusReporter {

  private static final Logger LOG = LoggerFactory.getLogger(FeedStatusReporter.class);

  private final Vertx vertx;
  private final FeedSource source;
  private final long intervalMs;
  private final Redactor redactor;
  private final IntSupplier subscribed;
  private final Map<String, Long> decodeErrorsByKind = new TreeMap<>();
  private FeedState state = FeedState.CONNECTING;
  private String reason = "starting";
  private long sinceMs = System.currentTimeMillis();
  private long lastTickAtMs;
  private FeedStatus.AuthError authError;
  private Map<String, String> marketStatus = Map.of();
  private FeedStatus.UnseenKeys unseenKeys = FeedStatus.UnseenKeys.NONE;
  private long heartbeat = -1;
  private Supplier<FeedStatus.Replay> replay = () -> null;

  /** @param subscribed instrument keys on the live socket (0 while it is not live) */
  FeedStatusReporter(Vertx vertx, FeedConfig config, Redactor redactor, IntSupplier subscribed) {
    this.vertx = vertx;
    this.source = config.source();
    this.intervalMs = config.statusIntervalMs();
    this.redactor = redactor;
    this.subscribed = subscribed;
  }

  void startHeartbeat() {
    heartbeat = vertx.setPeriodic(intervalMs, t -> publish());
  }

  void stopHeartbeat() {
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
      heartbeat = -1;
    }
  }

  FeedState state() {
    return state;
  }

  String reason() {
    return reason;
  }

  /** Instrument keys on the live socket now. */
  int subscribed() {
    return subscribed.getAsInt();
  }

  /** Where a replay's progress comes from (only a replaying feed has one). */
  void replay(Supplier<FeedStatus.Replay> progress) {
    this.replay = progress;
  }

  /** Enters {@code next} because of {@code why}; published when either changed. */
  void set(FeedState next, String why) {
    String clean = redactor.redact(why);
    boolean changed = next != state || !clean.equals(reason);
    if (next != state) {
      LOG.info("feed state {} -> {}: {}", state, next, clean);
      sinceMs = System.currentTimeMillis();
    }
    state = next;
    reason = clean;
    if (next != FeedState.AUTH_REJECTED) {
      authError = null;
    }
    if (changed) {
      publish();
    }
  }

  /** {@code AUTH_REJECTED}, with Upstox's answer. */
  void authRejected(FeedStatus.AuthError answer, String why) {
    authError = answer;
    set(FeedState.AUTH_REJECTED, why);
  }

  /** Upstox's {@code market_info}: segment → status name. */
  void marketStatus(Map<String, String> bySegment) {
    if (!bySegment.equals(marketStatus)) {
      marketStatus = Map.copyOf(bySegment);
      publish();
    }
  }

  void unseenKeys(FeedStatus.UnseenKeys unseen) {
    if (!unseen.equals(unseenKeys)) {
      unseenKeys = unseen;
      publish();
    }
  }

  /** A tick arrived at {@code epochMs}. */
  void tickAt(long epochMs) {
    lastTickAtMs = epochMs;
  }

  long lastTickAtMs() {
    return lastTickAtMs;
  }

  /** One more undecodable frame of {@code kind}. */
  void decodeError(String kind) {
    if (decodeErrorsByKind.merge(kind, 1L, Long::sum) == 1L) {
      publish();
    }
  }

  FeedStatus status() {
    Long lastTickAgeMs = lastTickAtMs > 0 ? Math.max(0, System.currentTimeMillis() - lastTickAtMs) : null;
    return new FeedStatus(state, subscribed.getAsInt(), sinceMs, lastTickAtMs, reason, lastTickAgeMs,
        decodeErrorsByKind, source, authError, marketStatus, unseenKeys, replay.get());
  }

  void publish() {
    vertx.eventBus().publish(Addresses.FEED_STATUS, status().toJson());
  }
}
