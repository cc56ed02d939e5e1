package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.feed.plan.PlanDiff;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.upstox.AccessToken;
import org.optionstream.feed.upstox.Backoff;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.SubscriptionRequest;
import org.optionstream.feed.upstox.UpstoxHttpException;
import org.optionstream.feed.upstox.UpstoxRest;
import org.optionstream.feed.upstox.UpstoxStreamClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's life: authorize → connect → subscribe the plan → {@code LIVE}; a failed attempt or a lost
 * socket → {@code RECONNECTING} (REST polling meanwhile, {@code POLLING} once a round succeeded) and a
 * retry after a jittered back-off, forever; a token Upstox rejects (HTTP 401/403) →
 * {@code AUTH_REJECTED}: the token file is read again first, no polling, a long back-off, and a new
 * token ends it at once. While live, every plan change goes to the socket as an unsubscribe,
 * subscribes and mode changes. Event-loop confined.
 */
final class ConnectionStateMachine {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionStateMachine.class);
  /**
   * A connection must survive this long (ms) before the back-off starts again from its first step,
   * so a server that accepts and drops at once is not hammered at the shortest delay.
   */
  static final long STABLE_CONNECTION_MS = 30_000;

  /** Where the socket's frames go. */
  @FunctionalInterface
  interface FrameSink {
    void onFrame(Buffer frame, long receivedAtMicros);
  }

  private final Vertx vertx;
  private final FeedConfig config;
  private final UpstoxRest rest;
  private final UpstoxStreamClient stream;
  private final AccessToken token;
  private final SubscriptionPlanner planner;
  private final FeedStatusReporter status;
  private final FeedMetrics metrics;
  private final Redactor redactor;
  private final FrameHandler frames;
  private final OptionChainPoller poller;
  private final Backoff backoff;
  private final Backoff authBackoff;
  private SubscriptionPlan socketPlan = SubscriptionPlan.EMPTY;
  private boolean live;
  private boolean stopping;
  private boolean tokenRejected;
  private boolean polledSinceDown;
  private String downCause = "not connected yet";
  private String retryNote = "connecting";
  private long reconnectTimer = -1;
  private long stableTimer = -1;

  ConnectionStateMachine(Vertx vertx, FeedConfig config, UpstoxRest rest, UpstoxStreamClient stream, AccessToken token,
                         SubscriptionPlanner planner, FeedStatusReporter status, FeedMetrics metrics, Redactor redactor,
                         FrameHandler frames, OptionChainPoller poller, Backoff backoff) {
    this.vertx = vertx;
    this.config = config;
    this.rest = rest;
    this.stream = stream;
    this.token = token;
    this.planner = planner;
    this.status = status;
    this.metrics = metrics;
    this.redactor = redactor;
    this.frames = frames;
    this.poller = poller;
    this.backoff = backoff;
    this.authBackoff = new Backoff(config.authRejectedBackoffMs(), config.authRejectedBackoffMs() * 16,
        ThreadLocalRandom.current());
  }

  boolean live() {
    return live;
  }

  /** Instrument keys on the live socket (0 while it is down). */
  int subscribedKeys() {
    return live ? socketPlan.size() : 0;
  }

  /** One attempt now: authorize, open the single-use URI, subscribe. */
  void connect() {
    if (stopping) {
      return;
    }
    reconnectTimer = -1;
    rest.authorize()
        .compose(uri -> stream.connect(uri, new UpstoxStreamClient.Listener() {
          @Override
          public void onFrame(Buffer frame, long receivedAtMicros) {
            frames.onFrame(frame, receivedAtMicros);
          }

          @Override
          public void onClosed(String why) {
            onSocketLost(why);
          }
        }))
        .onSuccess(v -> onConnected())
        .onFailure(this::onConnectFailed);
  }

  /** Puts {@code plan} on the live socket (nothing while it is down: the next connect subscribes it whole). */
  void apply(SubscriptionPlan plan) {
    if (!live) {
      return;
    }
    PlanDiff diff = socketPlan.diffTo(plan);
    if (!diff.unsubscribe().isEmpty()) {
      stream.send(SubscriptionRequest.unsubscribe(diff.unsubscribe()));
    }
    diff.subscribe().forEach((mode, keys) -> stream.subscribe(mode, keys));
    diff.changeMode().forEach((mode, keys) -> stream.send(SubscriptionRequest.changeMode(mode, keys)));
    socketPlan = plan;
    frames.socketLive(System.currentTimeMillis(), Set.copyOf(plan.keys().keySet()));
    if (!diff.isEmpty()) {
      LOG.info("re-centred: {}; +{} -{} keys, {} mode changes", plan.windows(),
          diff.subscribe().values().stream().mapToInt(List::size).sum(), diff.unsubscribe().size(),
          diff.changeMode().values().stream().mapToInt(List::size).sum());
    }
  }

  /** The token file was read again: a new token ends AUTH_REJECTED now. */
  void tokenRead(boolean changed) {
    if (!changed || stopping) {
      return;
    }
    if (status.state() == FeedState.AUTH_REJECTED) {
      LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds a new access token: reconnecting now");
      status.set(FeedState.RECONNECTING, "new access token from UPSTOX_ACCESS_TOKEN_FILE; reconnecting");
      scheduleReconnect(1);
    } else {
      LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds a new access token; the next call uses it");
    }
  }

  /** A REST round succeeded while the socket is down. */
  void polled() {
    polledSinceDown = true;
    status.set(FeedState.POLLING, downReason());
  }

  /** Graceful stop: no more attempts; unsubscribes everything and closes with 1000. */
  Future<Void> stop() {
    stopping = true;
    cancel(reconnectTimer);
    cancel(stableTimer);
    poller.stop();
    return stream.close(new ArrayList<>(socketPlan.keys().keySet())).transform(x -> stream.shutdown());
  }

  private void onConnected() {
    if (stopping) {
      stream.close(List.of());
      return;
    }
    live = true;
    tokenRejected = false;
    polledSinceDown = false;
    authBackoff.reset();
    cancel(stableTimer);
    stableTimer = vertx.setTimer(STABLE_CONNECTION_MS, t -> backoff.reset());
    SubscriptionPlan plan = planner.current();
    plan.byMode().forEach((mode, keys) -> stream.subscribe(mode, keys));
    socketPlan = plan;
    frames.socketLive(System.currentTimeMillis(), Set.copyOf(plan.keys().keySet()));
    poller.stop();
    status.set(FeedState.LIVE, "subscribed " + plan.size() + " instrument keys");
  }

  /** After every HTTP 401/403 (authorize or the socket's upgrade) the token file is read again first. */
  private void onConnectFailed(Throwable failure) {
    if (stopping) {
      return;
    }
    boolean rejected = (failure instanceof UpstoxHttpException http && http.tokenRejected())
        || (failure instanceof UpgradeRejectedException upgrade && (upgrade.getStatus() == 401 || upgrade.getStatus() == 403));
    (rejected ? token.reload() : Future.succeededFuture(false))
        .onComplete(read -> afterConnectFailed(failure, read.succeeded() && read.result()));
  }

  private void afterConnectFailed(Throwable failure, boolean newToken) {
    if (stopping) {
      return;
    }
    if (newToken) {
      LOG.info("Upstox rejected the access token; UPSTOX_ACCESS_TOKEN_FILE holds a new one: retrying with it now");
      status.set(FeedState.RECONNECTING, "Upstox rejected the access token; retrying with the new one from"
          + " UPSTOX_ACCESS_TOKEN_FILE");
      scheduleReconnect(1);
      return;
    }
    long delay;
    if (failure instanceof UpstoxHttpException http && http.tokenRejected()) {
      tokenRejected = true;
      delay = authBackoff.nextDelayMs();
      poller.stop();
      String answer = "HTTP " + http.statusCode() + (http.upstoxCode() == null ? "" : " " + http.upstoxCode())
          + (http.upstoxMessage() == null ? "" : ": " + http.upstoxMessage());
      metrics.problem("token_rejected", "Upstox rejected the access token (" + answer + ")");
      status.authRejected(new FeedStatus.AuthError(http.statusCode(), http.upstoxCode(), http.upstoxMessage()),
          "Upstox rejected the access token (" + answer + "); " + (token.fromFile()
              ? "put a new one in UPSTOX_ACCESS_TOKEN_FILE (read every " + config.tokenCheckMs()
              + " ms): the feed resumes by itself"
              : "set a new UPSTOX_ACCESS_TOKEN and restart (UPSTOX_ACCESS_TOKEN_FILE rotates without a restart)")
              + "; next attempt in " + delay + " ms");
    } else {
      tokenRejected = false;
      delay = backoff.nextDelayMs();
      metrics.problem("connect_failed", "connect failed: " + describe(failure));
      downCause = "connect failed (" + describe(failure) + ")";
      retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
      fallBack();
      status.set(polledSinceDown ? FeedState.POLLING : FeedState.RECONNECTING, downReason());
    }
    scheduleReconnect(delay);
  }

  private void onSocketLost(String closeReason) {
    String why = redactor.redact(closeReason);
    live = false;
    frames.socketDown();
    if (stopping) {
      return;
    }
    polledSinceDown = false;
    socketPlan = SubscriptionPlan.EMPTY;
    cancel(stableTimer);
    metrics.reconnect();
    long delay = backoff.nextDelayMs();
    LOG.warn("socket lost: {}; reconnecting in {} ms", why, delay);
    downCause = "socket lost: " + why;
    retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
    status.set(FeedState.RECONNECTING, downReason());
    fallBack();
    scheduleReconnect(delay);
  }

  /** REST polling while the socket is down, unless the token is rejected (every call would be too). */
  private void fallBack() {
    if (!stopping && !tokenRejected) {
      poller.start();
    }
  }

  /** Why the socket is not live, what happens next, and whether REST polling is carrying the updates. */
  private String downReason() {
    return (polledSinceDown ? "polling the REST option chain every " + poller.intervalMs() + " ms; " : "")
        + downCause + "; " + retryNote;
  }

  private void scheduleReconnect(long delayMs) {
    cancel(reconnectTimer);
    reconnectTimer = vertx.setTimer(delayMs, t -> connect());
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
