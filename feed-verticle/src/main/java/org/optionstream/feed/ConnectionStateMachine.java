package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.feed.plan.KeyLimits;
import org.optionstream.feed.plan.Mode;
import org.optionstream.feed.plan.PlanDiff;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.journal.JournalFormat;
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
 * The sockets' life: the plan's keys are spread over as few sockets as Upstox's per-connection limits allow
 * (at most {@code UPSTOX_MAX_CONNECTIONS}); each is authorized and opened, then subscribed → {@code LIVE}. A
 * failed attempt or a lost socket closes them all → {@code RECONNECTING} (REST polling meanwhile,
 * {@code POLLING} once a round succeeded) and a retry after a jittered back-off, forever; a token Upstox
 * rejects (HTTP 401/403) → {@code AUTH_REJECTED}: the token file is read again first, no polling, a long
 * back-off, and a new token ends it at once. While live, every plan change goes to the sockets as
 * unsubscribes, subscribes and mode changes, keys staying on their socket where they can; a plan that needs
 * more sockets reconnects. Event-loop confined.
 */
final class ConnectionStateMachine implements MarketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionStateMachine.class);
  /**
   * A connection must survive this long (ms) before the back-off starts again from its first step,
   * so a server that accepts and drops at once is not hammered at the shortest delay.
   */
  static final long STABLE_CONNECTION_MS = 30_000;

  private final Vertx vertx;
  private final FeedConfig config;
  private final UpstoxRest rest;
  private final Supplier<UpstoxStreamClient> newStream;
  private final List<UpstoxStreamClient> streams = new ArrayList<>();
  private final AccessToken token;
  private final SubscriptionPlanner planner;
  private final FeedStatusReporter status;
  private final FeedMetrics metrics;
  private final Redactor redactor;
  private final FrameHandler frames;
  private final OptionChainPoller poller;
  private final Backoff backoff;
  private final Backoff authBackoff;
  private final FeedRecorder recorder;
  /** The keys of each open socket, in socket order. */
  private List<Map<String, Mode>> sockets = List.of();
  private int subscribed;
  /** Bumped whenever the sockets are given up: events of older sockets are ignored. */
  private int generation;
  private boolean live;
  private long liveSinceMs;
  private boolean stopping;
  private boolean tokenRejected;
  private boolean polledSinceDown;
  private String downCause = "not connected yet";
  private String retryNote = "connecting";
  private long reconnectTimer = -1;
  private long stableTimer = -1;

  /**
   * @param newStream makes one more socket client, when the keys need another connection
   * @param recorder  gets every frame as received, with its connection
   */
  ConnectionStateMachine(Vertx vertx, FeedConfig config, UpstoxRest rest, Supplier<UpstoxStreamClient> newStream,
                         AccessToken token, SubscriptionPlanner planner, FeedStatusReporter status, FeedMetrics metrics,
                         Redactor redactor, FrameHandler frames, OptionChainPoller poller, Backoff backoff,
                         FeedRecorder recorder) {
    this.vertx = vertx;
    this.config = config;
    this.rest = rest;
    this.newStream = newStream;
    this.token = token;
    this.planner = planner;
    this.status = status;
    this.metrics = metrics;
    this.redactor = redactor;
    this.frames = frames;
    this.poller = poller;
    this.backoff = backoff;
    this.recorder = recorder;
    this.authBackoff = new Backoff(config.authRejectedBackoffMs(), config.authRejectedBackoffMs() * 16,
        ThreadLocalRandom.current());
  }

  @Override
  public boolean live() {
    return live;
  }

  /** Instrument keys on the live sockets (0 while they are down). */
  @Override
  public int subscribedKeys() {
    return live ? subscribed : 0;
  }

  /** Open sockets (0 while they are down). */
  @Override
  public int connections() {
    return live ? sockets.size() : 0;
  }

  /** One attempt now: for each socket the plan needs, authorize, open the single-use URI; then subscribe. */
  @Override
  public void connect() {
    if (stopping) {
      return;
    }
    reconnectTimer = -1;
    int attempt = ++generation;
    List<Map<String, Mode>> spread = spread(planner.current(), List.of());
    Future<Void> opened = Future.succeededFuture();
    for (int i = 0; i < spread.size(); i++) {
      int socket = i;
      opened = opened.compose(v -> rest.authorize().compose(uri -> stream(socket).connect(uri, listener(socket, attempt))));
    }
    opened.onSuccess(v -> onConnected(spread, attempt)).onFailure(e -> {
      if (attempt == generation) {
        giveUpSockets();
        onConnectFailed(e);
      }
    });
  }

  /** Puts {@code plan} on the live sockets (nothing while they are down: the next connect subscribes it whole). */
  @Override
  public void apply(SubscriptionPlan plan) {
    if (!live) {
      return;
    }
    List<Map<String, Mode>> next = spread(plan, sockets);
    if (next.size() > sockets.size()) {
      LOG.info("{} keys need {} connections now ({} open): reconnecting", plan.size(), next.size(), sockets.size());
      giveUpSockets();
      status.set(FeedState.RECONNECTING, plan.size() + " instrument keys need " + next.size() + " connections within"
          + " Upstox's per-connection limits; reconnecting");
      scheduleReconnect(1);
      return;
    }
    int subscribes = 0;
    int unsubscribes = 0;
    int modeChanges = 0;
    for (int i = 0; i < next.size(); i++) {
      PlanDiff diff = new SubscriptionPlan(sockets.get(i), List.of()).diffTo(new SubscriptionPlan(next.get(i), List.of()));
      UpstoxStreamClient stream = streams.get(i);
      if (!diff.unsubscribe().isEmpty()) {
        stream.send(SubscriptionRequest.unsubscribe(diff.unsubscribe()));
      }
      diff.subscribe().forEach((mode, keys) -> stream.subscribe(mode, keys));
      diff.changeMode().forEach((mode, keys) -> stream.send(SubscriptionRequest.changeMode(mode, keys)));
      subscribes += diff.subscribe().values().stream().mapToInt(List::size).sum();
      unsubscribes += diff.unsubscribe().size();
      modeChanges += diff.changeMode().values().stream().mapToInt(List::size).sum();
    }
    onSockets(next);
    if (subscribes + unsubscribes + modeChanges > 0) {
      LOG.info("re-centred: {}; +{} -{} keys, {} mode changes", plan.windows(), subscribes, unsubscribes, modeChanges);
    }
  }

  /** The token file was read again: a new token ends AUTH_REJECTED now. */
  @Override
  public void tokenRead(boolean changed) {
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

  /** A REST round succeeded while the sockets are down. */
  void polled() {
    polledSinceDown = true;
    status.set(FeedState.POLLING, downReason());
  }

  /** Graceful stop: no more attempts; unsubscribes everything and closes each socket with 1000. */
  @Override
  public Future<Void> stop() {
    stopping = true;
    generation++;
    cancel(reconnectTimer);
    cancel(stableTimer);
    poller.stop();
    List<Future<Void>> closed = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      UpstoxStreamClient stream = streams.get(i);
      List<String> keys = live && i < sockets.size() ? new ArrayList<>(sockets.get(i).keySet()) : List.of();
      closed.add(stream.close(keys).transform(x -> stream.shutdown()));
    }
    return Future.join(closed).mapEmpty();
  }

  private UpstoxStreamClient stream(int socket) {
    while (streams.size() <= socket) {
      streams.add(newStream.get());
    }
    return streams.get(socket);
  }

  private UpstoxStreamClient.Listener listener(int socket, int attempt) {
    int connection = JournalFormat.connectionId(attempt, socket);
    return new UpstoxStreamClient.Listener() {
      @Override
      public void onFrame(Buffer frame, long receivedAtMicros) {
        recorder.frame(frame, receivedAtMicros, connection);
        frames.onFrame(frame, receivedAtMicros);
      }

      @Override
      public void onClosed(String why) {
        if (attempt == generation) {
          onSocketLost(socket, why);
        }
      }

      @Override
      public void onPong() {
        metrics.pong();
      }
    };
  }

  /** The plan's keys over sockets, keeping {@code previous} where they fit; never more than allowed. */
  private List<Map<String, Mode>> spread(SubscriptionPlan plan, List<Map<String, Mode>> previous) {
    List<Map<String, Mode>> spread = KeyLimits.spread(plan.keys(), previous);
    if (spread.size() > config.maxConnections()) {
      // the planner refuses plans that cannot fit; a plan that still does not is served as far as it can be
      metrics.problem("over_key_limits", plan.size() + " keys need " + spread.size() + " connections but"
          + " UPSTOX_MAX_CONNECTIONS allows " + config.maxConnections() + "; the rest get no data");
      spread = new ArrayList<>(spread.subList(0, config.maxConnections()));
    }
    return spread.isEmpty() ? List.of(Map.of()) : spread;
  }

  private void onConnected(List<Map<String, Mode>> spread, int attempt) {
    if (stopping || attempt != generation) {
      streams.forEach(stream -> stream.close(List.of())); // stopped while this attempt was under way
      return;
    }
    live = true;
    liveSinceMs = System.currentTimeMillis();
    tokenRejected = false;
    polledSinceDown = false;
    authBackoff.reset();
    cancel(stableTimer);
    stableTimer = vertx.setTimer(STABLE_CONNECTION_MS, t -> backoff.reset());
    for (int i = 0; i < spread.size(); i++) {
      UpstoxStreamClient stream = streams.get(i);
      new SubscriptionPlan(spread.get(i), List.of()).byMode().forEach(stream::subscribe);
    }
    onSockets(spread);
    poller.stop();
    status.set(FeedState.LIVE, "subscribed " + subscribed + " instrument keys"
        + (spread.size() > 1 ? " over " + spread.size() + " connections" : ""));
  }

  private void onSockets(List<Map<String, Mode>> spread) {
    sockets = spread;
    Set<String> keys = new HashSet<>();
    spread.forEach(s -> keys.addAll(s.keySet()));
    subscribed = keys.size();
    frames.socketLive(liveSinceMs, keys, System.currentTimeMillis());
  }

  /** Closes every socket without hearing back from it; the next connect starts afresh. */
  private void giveUpSockets() {
    generation++;
    live = false;
    sockets = List.of();
    frames.socketDown();
    streams.forEach(s -> s.close(List.of()));
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
      if (failure instanceof UpstoxHttpException http && http.statusCode() == 429) {
        metrics.rateLimited();
      }
      metrics.problem("connect_failed", "connect failed: " + describe(failure));
      downCause = "connect failed (" + describe(failure) + ")";
      retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
      fallBack();
      status.set(polledSinceDown ? FeedState.POLLING : FeedState.RECONNECTING, downReason());
    }
    scheduleReconnect(delay);
  }

  private void onSocketLost(int socket, String closeReason) {
    String why = redactor.redact(closeReason);
    boolean several = sockets.size() > 1;
    giveUpSockets();
    if (stopping) {
      return;
    }
    polledSinceDown = false;
    cancel(stableTimer);
    metrics.reconnect();
    long delay = backoff.nextDelayMs();
    LOG.warn("socket {}lost: {}; reconnecting in {} ms", several ? (socket + 1) + " " : "", why, delay);
    downCause = "socket lost: " + why;
    retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
    status.set(FeedState.RECONNECTING, downReason());
    fallBack();
    scheduleReconnect(delay);
  }

  /** REST polling while the sockets are down, unless the token is rejected (every call would be too). */
  private void fallBack() {
    if (!stopping && !tokenRejected) {
      poller.start();
    }
  }

  /** Why the sockets are not live, what happens next, and whether REST polling is carrying the updates. */
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
