package org.optionstream.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.optionstream.common.Addresses;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.tick.Tick;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.plan.Mode;
import org.optionstream.feed.plan.PlanDiff;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.tick.TickPublisher;
import org.optionstream.feed.upstox.AccessToken;
import org.optionstream.feed.upstox.Backoff;
import org.optionstream.feed.upstox.FeedDecoder;
import org.optionstream.feed.upstox.FrameDecodeException;
import org.optionstream.feed.upstox.MarketSegments;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.SubscriptionRequest;
import org.optionstream.feed.upstox.UpstoxHttpException;
import org.optionstream.feed.upstox.UpstoxRest;
import org.optionstream.feed.upstox.UpstoxStreamClient;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed stage: loads the instruments master, plans subscriptions, keeps one Upstox V3 socket
 * (authorize → wss → binary JSON subscribe → protobuf frames), turns frames into {@link Tick}s
 * (published on {@code market.ticks}; options also sent on {@code greeks.compute}), re-centres
 * the window as the index moves, reconnects forever with back-off and jitter, polls the REST option
 * chain while the socket is down, answers {@code feed.subscribe} and {@code feed.status.query}, and
 * publishes {@code feed.status}: {@code STALE} when a live socket carries no tick for
 * {@code FEED_STALE_AFTER_MS} while the market is open, with the age of the last tick, the
 * decode-error counts and the data's source in every status. Error texts from outside pass through a
 * {@link Redactor} before they are logged or published. The token comes from {@code UPSTOX_ACCESS_TOKEN} or
 * from {@code UPSTOX_ACCESS_TOKEN_FILE}, read again periodically and after every HTTP 401/403, so a rotated
 * token resumes the feed without a restart; a token Upstox rejects is its own state, {@code AUTH_REJECTED},
 * with Upstox's error code and message. It fails closed: with {@code FEED_SOURCE=upstox}
 * and no token it connects to nothing, stays {@code STOPPED} (readiness DOWN) and says why, in
 * {@code feed.status} and in an error logged once a minute; simulated data comes only from an
 * upstox-simulator the configuration names ({@code FEED_SOURCE=simulator}), over the same protocol.
 * Everything runs on this verticle's event loop; only the master-file parse runs on a worker.
 */
public final class FeedVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);
  /**
   * A connection must survive this long (ms) before the back-off starts again from its first step,
   * so a server that accepts and drops at once is not hammered at the shortest delay.
   */
  static final long STABLE_CONNECTION_MS = 30_000;
  /** How often, ms, the error that keeps the feed from starting is logged again. */
  static final long STOPPED_LOG_INTERVAL_MS = 60_000;

  private final FeedConfig config;
  private UpstoxRest rest;
  private UpstoxStreamClient stream;
  private InstrumentMaster master;
  private SubscriptionPlanner planner;
  private TickAssembler assembler;
  private Backoff backoff;
  private Backoff authBackoff;
  private EventBus bus;
  private TickPublisher publisher;

  private SubscriptionPlan socketPlan = SubscriptionPlan.EMPTY;
  private FeedState state = FeedState.CONNECTING;
  private String reason = "starting";
  private long sinceMs = System.currentTimeMillis();
  private long lastTickAtMs;
  /** When the current socket went live, epoch ms: silence is measured from here or the last tick, whichever is later. */
  private long liveSinceMs;
  private final MarketSegments segments = new MarketSegments();
  /** Undecodable frames since start, by kind; event-loop confined. */
  private final Map<String, Long> decodeErrorsByKind = new TreeMap<>();
  private final Redactor redactor;
  private boolean stopping;
  private boolean tokenRejected;
  private boolean live;
  private long reconnectTimer = -1;
  private long stableTimer = -1;
  private long pollTimer = -1;
  private long statusTimer = -1;
  private long staleTimer = -1;
  private long stoppedLogTimer = -1;
  private long tokenTimer = -1;
  /** STOPPED because there is no token yet; a token file that gets one starts the feed. */
  private boolean waitingForToken;
  private AccessToken token;
  /** Upstox's answer that rejected the token, while AUTH_REJECTED. */
  private FeedStatus.AuthError authError;
  private boolean pollInFlight;
  private boolean polledSinceDown;
  private String downCause = "not connected yet";
  private String retryNote = "connecting";
  private final Set<String> loggedKinds = ConcurrentHashMap.newKeySet();

  // metrics
  private Counter ticksCounter;
  private Counter framesCounter;
  private Counter reconnectsCounter;
  private Counter pollTicksCounter;
  private MeterRegistry registry;
  private final AtomicLong ticksEmitted = new AtomicLong();
  private final AtomicLong framesDecoded = new AtomicLong();

  public FeedVerticle(FeedConfig config) {
    this.config = config;
    this.redactor = new Redactor(config.accessToken());
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    publisher = new TickPublisher(bus);
    registry = StageMetrics.registry();
    Tags source = Tags.of("source", config.source().wireName());
    ticksCounter = registry.counter("optionstream.feed.ticks", source);
    framesCounter = registry.counter("optionstream.feed.frames", source);
    reconnectsCounter = registry.counter("optionstream.feed.reconnects", source);
    pollTicksCounter = registry.counter("optionstream.feed.poll.ticks", source);
    registry.gauge("optionstream.feed.subscribed.keys", source, this, f -> f.live ? f.socketPlan.size() : 0);
    registry.gauge("optionstream.feed.live", source, this, f -> f.live ? 1 : 0);
    backoff = new Backoff(config.backoffInitialMs(), config.backoffMaxMs(), ThreadLocalRandom.current());
    authBackoff = new Backoff(config.authRejectedBackoffMs(), config.authRejectedBackoffMs() * 16, ThreadLocalRandom.current());
    token = new AccessToken(vertx, config.accessToken(), config.accessTokenFile(), redactor);
    StageHealth.of(vertx).readiness().register("feed", promise -> promise.complete(
        state != FeedState.STOPPED && state != FeedState.AUTH_REJECTED && master != null
            ? Status.OK(new JsonObject().put("state", state.name()))
            : Status.KO(new JsonObject().put("state", state.name()))));
    LOG.info("feed starting: {}", config);
    if (config.source() == FeedSource.SIMULATOR) {
      LOG.warn("FEED_SOURCE=simulator: every price is made up by the upstox-simulator at {}{}", config.apiUrl(),
          config.accessToken() == null ? "" : "; UPSTOX_ACCESS_TOKEN is not sent there");
    }
    return Future.join(
            bus.<JsonObject>consumer(Addresses.FEED_SUBSCRIBE, this::onSubscribeRequest).completion(),
            bus.<Object>consumer(Addresses.FEED_STATUS_QUERY, m -> m.reply(status().toJson())).completion())
        .compose(v -> {
          statusTimer = vertx.setPeriodic(config.statusIntervalMs(), t -> publishStatus());
          if (token.fromFile()) {
            tokenTimer = vertx.setPeriodic(config.tokenCheckMs(), t -> checkTokenFile());
          }
          return token.reload();
        })
        .compose(read -> {
          if (bearerToken() == null) {
            waitForToken();
            return Future.<Void>succeededFuture();
          }
          return bootstrap();
        })
        .onFailure(e -> {
          cancelTimer(statusTimer);
          cancelTimer(tokenTimer);
        });
  }

  /** Loads the master and the first plan, then connects. */
  private Future<Void> bootstrap() {
    return loadInstruments().compose(x -> planInitial()).onSuccess(x -> {
      staleTimer = vertx.setPeriodic(Math.max(20, config.staleAfterMs() / 5), t -> checkStale());
      publishStatus();
      connect();
    });
  }

  /** The token a call presents: the simulator's stand-in, or Upstox's token (null while there is none). */
  private String bearerToken() {
    return config.source() == FeedSource.SIMULATOR ? FeedConfig.SIMULATOR_TOKEN : token.current();
  }

  /**
   * Fails closed: STOPPED (readiness DOWN), saying why, the error logged now and once a minute, until a
   * token file gets a token.
   */
  private void waitForToken() {
    waitingForToken = true;
    setState(FeedState.STOPPED, waitingReason());
    LOG.error("feed not started: {}", reason);
    stoppedLogTimer = vertx.setPeriodic(STOPPED_LOG_INTERVAL_MS, t -> LOG.error("feed not started: {}", reason));
  }

  private String waitingReason() {
    return token.problem() + (token.fromFile() ? " (read again every " + config.tokenCheckMs() + " ms)" : "")
        + "; with FEED_SOURCE=upstox the feed connects to nothing else and serves no other data";
  }

  /** The token file, read again: a first token starts the feed, a new one ends AUTH_REJECTED at once. */
  private void checkTokenFile() {
    token.reload().onSuccess(changed -> {
      if (stopping) {
        return;
      }
      if (waitingForToken) {
        if (token.current() == null) {
          setState(FeedState.STOPPED, waitingReason());
          return;
        }
        waitingForToken = false;
        cancelTimer(stoppedLogTimer);
        LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds an access token: starting");
        setState(FeedState.CONNECTING, "access token found; loading the instruments master");
        startWhenReady();
      } else if (changed && state == FeedState.AUTH_REJECTED) {
        LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds a new access token: reconnecting now");
        setState(FeedState.RECONNECTING, "new access token from UPSTOX_ACCESS_TOKEN_FILE; reconnecting");
        scheduleReconnect(1);
      } else if (changed) {
        LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds a new access token; the next call uses it");
      }
    });
  }

  /** {@link #bootstrap()} once a token arrived: a bad configuration stops the feed, anything else is retried. */
  private void startWhenReady() {
    bootstrap().onFailure(e -> {
      if (stopping) {
        return;
      }
      if (e instanceof IllegalArgumentException) {
        setState(FeedState.STOPPED, describe(e));
        LOG.error("feed not started: {}", reason);
        return;
      }
      long delay = backoff.nextDelayMs();
      setState(FeedState.RECONNECTING, "could not load the instruments master (" + describe(e) + "); retry "
          + backoff.attempts() + " in " + delay + " ms");
      reconnectTimer = vertx.setTimer(delay, t -> startWhenReady());
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    cancelTimer(reconnectTimer);
    cancelTimer(stableTimer);
    cancelTimer(statusTimer);
    cancelTimer(staleTimer);
    cancelTimer(stoppedLogTimer);
    cancelTimer(tokenTimer);
    stopPolling();
    Future<Void> closed = stream == null ? Future.succeededFuture()
        : stream.close(new ArrayList<>(socketPlan.keys().keySet())).transform(x -> stream.shutdown());
    return closed.transform(x -> {
      StageHealth.of(vertx).readiness().unregister("feed");
      setState(FeedState.STOPPED, "feed stopped");
      if (rest != null) {
        rest.close();
      }
      return Future.succeededFuture();
    });
  }

  /** Ticks emitted since start (all sources). */
  public long ticksEmitted() {
    return ticksEmitted.get();
  }

  /** Frames decoded since start. */
  public long framesDecoded() {
    return framesDecoded.get();
  }

  // ------------------------------------------------------------------ start-up

  private Future<Void> loadInstruments() {
    if (rest == null) {
      rest = new UpstoxRest(vertx, config.apiUrl(), this::bearerToken, redactor);
      stream = new UpstoxStreamClient(vertx, config.pingIntervalMs(), config.pongTimeoutMs());
    }
    int today = (int) LocalDate.now(ZoneOffset.ofHoursMinutes(5, 30)).toEpochDay();
    return rest.download(config.instrumentsUrl())
        .compose(bytes -> vertx.executeBlocking(() -> InstrumentMaster.parseGzip(bytes.getBytes(), today)))
        .map(m -> {
          master = m;
          LOG.info("instruments master: {} option contracts over {} underlyings", m.contractCount(), m.symbols().size());
          return null;
        });
  }

  private Future<Void> planInitial() {
    planner = new SubscriptionPlanner(master, config.windowPoints(), config.recentreSteps());
    assembler = new TickAssembler(config.riskFreeRate())
        .onSpot(this::onSpot)
        .onUnknown(key -> problem("unknown_instrument", "feed for an instrument the feed does not track: " + key));
    List<SubscriptionPlanner.Tracked> tracked;
    try {
      tracked = planner.trackNearest(config.underlying(), config.expiries());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException("feed configuration: " + e.getMessage(), e));
    }
    for (SubscriptionPlanner.Tracked t : tracked) {
      assembler.registerUnderlying(t.underlying().symbol(), t.underlying().indexKey());
      assembler.registerExpiry(t.chain());
    }
    // best effort: centre the window and learn previous-day OI before the socket opens
    String symbol = tracked.get(0).underlying().symbol();
    return centreFromRest(symbol, tracked).recover(e -> {
      LOG.info("could not pre-centre {} over REST ({}); the first index tick will", symbol, redactor.redact(describe(e)));
      return Future.succeededFuture();
    });
  }

  /** Learns the index price (LTP) and previous-day OI (option chain) of newly tracked expiries. */
  private Future<Void> centreFromRest(String symbol, List<SubscriptionPlanner.Tracked> tracked) {
    String indexKey = tracked.get(0).underlying().indexKey();
    return rest.lastPrices(List.of(indexKey)).compose(prices -> {
      Double spot = prices.get(indexKey);
      if (spot != null) {
        onSpot(symbol, spot);
      }
      List<Future<?>> chains = new ArrayList<>();
      for (SubscriptionPlanner.Tracked t : tracked) {
        chains.add(rest.optionChain(indexKey, LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString())
            .map(rows -> assembler.acceptChain(rows, nowMicros(), k -> false, null)));
      }
      return Future.join(chains).mapEmpty();
    });
  }

  // ------------------------------------------------------------------ connection

  private void connect() {
    if (stopping) {
      return;
    }
    reconnectTimer = -1;
    rest.authorize()
        .compose(uri -> stream.connect(uri, new UpstoxStreamClient.Listener() {
          @Override
          public void onFrame(Buffer frame, long receivedAtMicros) {
            FeedVerticle.this.onFrame(frame, receivedAtMicros);
          }

          @Override
          public void onClosed(String why) {
            onSocketLost(why);
          }
        }))
        .onSuccess(v -> onConnected())
        .onFailure(this::onConnectFailed);
  }

  private void onConnected() {
    if (stopping) {
      stream.close(List.of());
      return;
    }
    live = true;
    liveSinceMs = System.currentTimeMillis();
    tokenRejected = false;
    authError = null;
    polledSinceDown = false;
    authBackoff.reset();
    cancelTimer(stableTimer);
    stableTimer = vertx.setTimer(STABLE_CONNECTION_MS, t -> backoff.reset());
    SubscriptionPlan plan = planner.current();
    plan.byMode().forEach((mode, keys) -> stream.subscribe(mode, keys));
    socketPlan = plan;
    stopPolling();
    setState(FeedState.LIVE, "subscribed " + plan.size() + " instrument keys");
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
      setState(FeedState.RECONNECTING, "Upstox rejected the access token; retrying with the new one from"
          + " UPSTOX_ACCESS_TOKEN_FILE");
      scheduleReconnect(1);
      return;
    }
    long delay;
    if (failure instanceof UpstoxHttpException http && http.tokenRejected()) {
      tokenRejected = true;
      delay = authBackoff.nextDelayMs();
      stopPolling();
      authError = new FeedStatus.AuthError(http.statusCode(), http.upstoxCode(), http.upstoxMessage());
      String answer = "HTTP " + http.statusCode() + (http.upstoxCode() == null ? "" : " " + http.upstoxCode())
          + (http.upstoxMessage() == null ? "" : ": " + http.upstoxMessage());
      problem("token_rejected", "Upstox rejected the access token (" + answer + ")");
      setState(FeedState.AUTH_REJECTED, "Upstox rejected the access token (" + answer + "); " + (token.fromFile()
          ? "put a new one in UPSTOX_ACCESS_TOKEN_FILE (read every " + config.tokenCheckMs() + " ms): the feed resumes by itself"
          : "set a new UPSTOX_ACCESS_TOKEN and restart (UPSTOX_ACCESS_TOKEN_FILE rotates without a restart)")
          + "; next attempt in " + delay + " ms");
    } else {
      tokenRejected = false;
      delay = backoff.nextDelayMs();
      problem("connect_failed", "connect failed: " + describe(failure));
      downCause = "connect failed (" + describe(failure) + ")";
      retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
      startPolling();
      setState(polledSinceDown ? FeedState.POLLING : FeedState.RECONNECTING, downReason());
    }
    scheduleReconnect(delay);
  }

  private void onSocketLost(String closeReason) {
    String why = redactor.redact(closeReason);
    live = false;
    if (stopping) {
      return;
    }
    polledSinceDown = false;
    socketPlan = SubscriptionPlan.EMPTY;
    cancelTimer(stableTimer);
    reconnectsCounter.increment();
    long delay = backoff.nextDelayMs();
    LOG.warn("socket lost: {}; reconnecting in {} ms", why, delay);
    downCause = "socket lost: " + why;
    retryNote = "retry " + backoff.attempts() + " in " + delay + " ms";
    setState(FeedState.RECONNECTING, downReason());
    startPolling();
    scheduleReconnect(delay);
  }

  /** Why the socket is not live, what happens next, and whether REST polling is carrying the updates. */
  private String downReason() {
    return (polledSinceDown ? "polling the REST option chain every " + config.pollIntervalMs() + " ms; " : "")
        + downCause + "; " + retryNote;
  }

  private void scheduleReconnect(long delayMs) {
    cancelTimer(reconnectTimer);
    reconnectTimer = vertx.setTimer(delayMs, t -> connect());
  }

  // ------------------------------------------------------------------ frames

  private void onFrame(Buffer frame, long receivedAtMicros) {
    FeedResponse response;
    try {
      response = FeedDecoder.decode(frame.getBytes());
    } catch (FrameDecodeException e) {
      problem("decode_" + e.kind(), "undecodable frame (" + e.kind() + "): " + e.sample());
      registry.counter("optionstream.feed.decode.errors", "kind", e.kind(), "source", config.source().wireName()).increment();
      if (decodeErrorsByKind.merge(e.kind(), 1L, Long::sum) == 1L) {
        publishStatus(); // a new kind of bad input is news; later counts ride the heartbeat
      }
      return;
    }
    framesCounter.increment();
    framesDecoded.incrementAndGet();
    if (response.getType() == Type.market_info) {
      onMarketInfo(response);
    }
    long lastTickBefore = lastTickAtMs;
    try {
      assembler.accept(response, receivedAtMicros, this::emit);
    } catch (RuntimeException e) {
      problem("assemble", "a frame could not be turned into ticks: " + e);
    } finally {
      publisher.flush();
    }
    if (state == FeedState.STALE && lastTickAtMs != lastTickBefore) {
      setState(FeedState.LIVE, "data flowing again; subscribed " + socketPlan.size() + " instrument keys");
    }
  }

  private void onMarketInfo(FeedResponse response) {
    LOG.info("market status: {}", response.getMarketInfo().getSegmentStatusMap());
    segments.update(response.getMarketInfo().getSegmentStatusMap());
    if (state == FeedState.STALE && !segments.anyOpen(socketPlan.keys().keySet())) {
      setState(FeedState.LIVE, "market closed, no data expected; subscribed " + socketPlan.size() + " instrument keys");
    }
  }

  /** LIVE → STALE when the socket is open, the market is open, and no tick came for {@code FEED_STALE_AFTER_MS}. */
  private void checkStale() {
    if (state != FeedState.LIVE || !live || !segments.anyOpen(socketPlan.keys().keySet())) {
      return;
    }
    long silentMs = System.currentTimeMillis() - Math.max(lastTickAtMs, liveSinceMs);
    if (silentMs >= config.staleAfterMs()) {
      setState(FeedState.STALE, "no market data for " + silentMs + " ms while the market is open; the socket is"
          + " still open; subscribed " + socketPlan.size() + " instrument keys");
    }
  }

  private void emit(Tick tick) {
    publisher.add(tick);
    ticksCounter.increment();
    ticksEmitted.incrementAndGet();
    lastTickAtMs = tick.getFeedReceivedAtMicros() / 1000;
  }

  /** Index price seen (stream or REST): re-centre the plan when it moved far enough. */
  private void onSpot(String symbol, double indexPrice) {
    if (planner.onSpot(symbol, indexPrice)) {
      applyPlan();
    }
  }

  /** Pushes the planner's current plan to the assembler and, when live, to the socket. */
  private void applyPlan() {
    SubscriptionPlan plan = planner.current();
    assembler.applyWindows(plan.windows());
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
    if (!diff.isEmpty()) {
      LOG.info("re-centred: {}; +{} -{} keys, {} mode changes", plan.windows(),
          diff.subscribe().values().stream().mapToInt(List::size).sum(), diff.unsubscribe().size(),
          diff.changeMode().values().stream().mapToInt(List::size).sum());
    }
  }

  // ------------------------------------------------------------------ REST fallback

  private void startPolling() {
    if (pollTimer >= 0 || stopping || tokenRejected) {
      return;
    }
    pollTimer = vertx.setPeriodic(1, config.pollIntervalMs(), t -> poll());
  }

  private void stopPolling() {
    cancelTimer(pollTimer);
    pollTimer = -1;
  }

  private void poll() {
    if (live || pollInFlight || stopping) {
      return;
    }
    pollInFlight = true;
    List<Future<Integer>> polls = new ArrayList<>();
    for (SubscriptionPlanner.Tracked t : planner.tracked()) {
      String expiry = LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString();
      polls.add(rest.optionChain(t.underlying().indexKey(), expiry).map(rows -> {
        if (live) {
          return 0;
        }
        Map<String, Mode> wanted = planner.current().keys();
        int n = assembler.acceptChain(rows, nowMicros(), wanted::containsKey, this::emit);
        publisher.flush();
        pollTicksCounter.increment(n);
        return n;
      }));
    }
    Future.join(polls).onComplete(done -> {
      pollInFlight = false;
      if (live || stopping || pollTimer < 0) {
        return;
      }
      if (done.succeeded()) {
        polledSinceDown = true;
        setState(FeedState.POLLING, downReason());
      } else {
        problem("poll_failed", "option-chain poll failed: " + describe(done.cause()));
        registry.counter("optionstream.feed.poll.errors", "source", config.source().wireName()).increment();
      }
    });
  }

  // ------------------------------------------------------------------ feed.subscribe

  private void onSubscribeRequest(Message<JsonObject> message) {
    if (planner == null) {
      message.fail(503, "the feed is not running: " + reason);
      return;
    }
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    String symbol = body.getString("symbol");
    if (symbol == null || symbol.isBlank()) {
      message.fail(400, "symbol is required, e.g. {\"symbol\":\"BANKNIFTY\",\"expiry\":\"2025-11-27\"}");
      return;
    }
    SubscriptionPlanner.Tracked t;
    boolean newUnderlying = planner.tracked().stream().noneMatch(x -> x.underlying().symbol().equalsIgnoreCase(symbol.trim()));
    boolean alreadyTracked;
    try {
      var u = master.underlying(symbol);
      String expiry = body.getString("expiry");
      alreadyTracked = u != null && planner.tracked().stream().anyMatch(x -> x.underlying() == u
          && (expiry == null ? x.chain() == u.chains().firstEntry().getValue()
          : LocalDate.ofEpochDay(x.chain().expiryEpochDay()).toString().equals(expiry.trim())));
      t = planner.track(symbol, expiry);
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
      return;
    }
    assembler.registerUnderlying(t.underlying().symbol(), t.underlying().indexKey());
    assembler.registerExpiry(t.chain());
    applyPlan();
    String expiryIso = LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString();
    Future<Void> centred = alreadyTracked ? Future.succeededFuture()
        : centreFromRest(t.underlying().symbol(), List.of(t)).recover(e -> Future.succeededFuture());
    centred.onComplete(x -> {
      applyPlan();
      publishStatus();
      var window = planner.current().windows().stream()
          .filter(w -> w.symbol().equals(t.underlying().symbol()) && w.expiryEpochDay() == t.chain().expiryEpochDay())
          .findFirst().orElse(null);
      LOG.info("feed.subscribe: tracking {} {} ({})", t.underlying().symbol(), expiryIso,
          alreadyTracked ? "already tracked" : newUnderlying ? "new underlying" : "new expiry");
      message.reply(new JsonObject()
          .put("ok", true)
          .put("symbol", t.underlying().symbol())
          .put("expiry", expiryIso)
          .put("indexKey", t.underlying().indexKey())
          .put("alreadyTracked", alreadyTracked)
          .put("atmStrike", window == null || !window.centred() ? null : window.atmStrike())
          .put("strikeStep", t.chain().strikeStep())
          .put("lotSize", t.chain().lotSize())
          .put("subscribed", planner.current().size()));
    });
  }

  // ------------------------------------------------------------------ status

  private FeedStatus status() {
    Long lastTickAgeMs = lastTickAtMs > 0 ? Math.max(0, System.currentTimeMillis() - lastTickAtMs) : null;
    return new FeedStatus(state, live ? socketPlan.size() : 0, sinceMs, lastTickAtMs, reason, lastTickAgeMs,
        decodeErrorsByKind, config.source(), state == FeedState.AUTH_REJECTED ? authError : null);
  }

  private void setState(FeedState next, String reasonText) {
    String why = redactor.redact(reasonText);
    boolean changed = next != state || !why.equals(reason);
    if (next != state) {
      LOG.info("feed state {} -> {}: {}", state, next, why);
      sinceMs = System.currentTimeMillis();
    }
    state = next;
    reason = why;
    if (changed) {
      publishStatus();
    }
  }

  private void publishStatus() {
    bus.publish(Addresses.FEED_STATUS, status().toJson());
  }

  // ------------------------------------------------------------------ helpers

  /** Counts a problem and logs its first occurrence per kind (with a sample); never fatal. */
  private void problem(String kind, String sample) {
    registry.counter("optionstream.feed.problems", "kind", kind, "source", config.source().wireName()).increment();
    if (loggedKinds.add(kind)) {
      LOG.warn("{} (logged once per kind; counted in optionstream.feed.problems with kind={})", redactor.redact(sample), kind);
    }
  }

  /** The failure's message with its root cause's (e.g. why a TLS handshake failed). */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(failure.getMessage());
    return root == failure || root.getMessage() == null || message.contains(root.getMessage())
        ? message : message + ": " + root.getMessage();
  }

  private void cancelTimer(long id) {
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
