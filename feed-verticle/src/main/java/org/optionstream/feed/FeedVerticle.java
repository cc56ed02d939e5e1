package org.optionstream.feed;

import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.concurrent.ThreadLocalRandom;
import org.optionstream.common.Addresses;
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.tick.TickPublisher;
import org.optionstream.feed.upstox.AccessToken;
import org.optionstream.feed.upstox.Backoff;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.UpstoxRest;
import org.optionstream.feed.upstox.UpstoxStreamClient;
import org.optionstream.journal.JournalRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed stage, wired from its parts: {@link FeedStartup} (the token, the instruments master),
 * {@link InstrumentTracker} (what is tracked, centred over REST), {@link ConnectionStateMachine} (the
 * Upstox V3 sockets, spread within Upstox's key limits, and their reconnects), {@link FrameHandler} (frames →
 * ticks on {@code market.ticks}, {@code market.ticks.batch} and {@code greeks.compute.batch}, staleness,
 * market status, keys without data), {@link OptionChainPoller}
 * (REST while the socket is down), {@link SubscribeHandler} ({@code feed.subscribe}),
 * {@link FeedStatusReporter} ({@code feed.status}, {@code feed.status.query}) and {@link FeedMetrics}. With
 * {@code FEED_RECORD_DIR} every raw input goes to a journal as well ({@link FeedRecorder}); with
 * {@code FEED_SOURCE=replay} a {@link ReplayConnection} plays one in place of the sockets, and the session's
 * tracking and instruments master come from it too ({@link ReplaySession}).
 * Readiness is UP once the feed runs, and DOWN while it is {@code STOPPED} or {@code AUTH_REJECTED}.
 * Everything runs on this verticle's event loop; only the master-file parse runs on a worker.
 */
public final class FeedVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);

  private final FeedConfig config;
  private final StageHealth health;
  private final ConsumerPresence presence;
  private final Redactor redactor;
  private AccessToken token;
  private UpstoxRest rest;
  private FeedMetrics metrics;
  private FeedStatusReporter status;
  private FeedStartup startup;
  private FeedRecorder recorder = FeedRecorder.OFF;
  private Backoff backoff;
  // made once the master is loaded
  private TickAssembler assembler;
  private SubscriptionPlanner planner;
  private FrameHandler frames;
  private MarketConnection connection;
  private SubscribeHandler subscribe;
  private long staleTimer = -1;

  /**
   * A feed that registers its readiness on {@code health} and publishes per-tick messages for optional
   * consumers only while {@code presence} says someone may consume them.
   */
  public FeedVerticle(FeedConfig config, StageHealth health, ConsumerPresence presence) {
    this.config = config;
    this.health = health;
    this.presence = presence;
    this.redactor = new Redactor(config.accessToken());
  }

  @Override
  public Future<?> start() {
    LOG.info("feed starting: {}", config);
    if (config.source() == FeedSource.SIMULATOR) {
      LOG.warn("FEED_SOURCE=simulator: every price is made up by the upstox-simulator at {}{}", config.apiUrl(),
          config.accessToken() == null ? "" : "; UPSTOX_ACCESS_TOKEN is not sent there");
    }
    token = new AccessToken(vertx, config.accessToken(), config.accessTokenFile(), redactor);
    rest = new UpstoxRest(vertx, config.apiUrl(), this::bearerToken, redactor);
    metrics = new FeedMetrics(StageMetrics.registry(), config.source(), redactor);
    status = new FeedStatusReporter(vertx, config, redactor, () -> connection == null ? 0 : connection.subscribedKeys());
    backoff = new Backoff(config.backoffInitialMs(), config.backoffMaxMs(), ThreadLocalRandom.current());
    if (config.recording().on()) {
      LOG.info("recording every raw input to {} (FEED_RECORD_DIR; {} days kept)", config.recording().dir(),
          config.recording().retentionDays());
      recorder = FeedRecorder.to(new JournalRecorder(config.recording().dir(), config.recording().retentionDays(),
          JournalRecorder.DEFAULT_MAX_QUEUED_BYTES), StageMetrics.registry(), Tags.of("source", config.source().wireName()));
    }
    startup = new FeedStartup(vertx, config, rest, token, status, backoff, master -> run(master, Tracking.of(config), null),
        recorder);
    health.readiness().register("feed", promise -> {
      FeedState state = status.state();
      JsonObject data = new JsonObject().put("state", state.name());
      promise.complete(connection != null && state != FeedState.STOPPED && state != FeedState.AUTH_REJECTED
          ? Status.OK(data) : Status.KO(data));
    });
    return Future.join(
            vertx.eventBus().<JsonObject>consumer(Addresses.FEED_SUBSCRIBE, m -> {
              if (config.source() == FeedSource.REPLAY) {
                m.fail(409, "the feed replays a recording: it tracks what the recording tracked");
              } else if (subscribe == null) {
                m.fail(503, "the feed is not running: " + status.reason());
              } else {
                subscribe.handle(m);
              }
            }).completion(),
            vertx.eventBus().<Object>consumer(Addresses.FEED_STATUS_QUERY, m -> m.reply(status.status().toJson()))
                .completion())
        .compose(v -> {
          status.startHeartbeat();
          return config.source() == FeedSource.REPLAY ? startReplay() : startup.start();
        })
        .onFailure(e -> {
          status.stopHeartbeat();
          startup.stop();
        });
  }

  /** The journal's session and master (read on a worker), then the feed wired to play it. */
  private Future<Void> startReplay() {
    return vertx.executeBlocking(() -> ReplaySession.open(config.replay().path()))
        .compose(session -> vertx.executeBlocking(() -> InstrumentMaster.parseGzip(session.instrumentsGzip(),
                (int) session.day().toEpochDay()))
            .compose(master -> run(master, Tracking.of(session.session(), config), session)));
  }

  /**
   * Everything that needs the instruments master, wired, then the first connect: to Upstox's sockets, or, with
   * {@code replay}, to the journal.
   */
  private Future<Void> run(InstrumentMaster master, Tracking tracking, ReplaySession replay) {
    planner = new SubscriptionPlanner(master, tracking.windows(), tracking.recentreSteps(), tracking.maxConnections(),
        tracking.centreOnForward() ? tracking.riskFreeRate() : 0);
    assembler = new TickAssembler(tracking.riskFreeRate())
        .onUnknown(key -> metrics.problem("unknown_instrument", "feed for an instrument the feed does not track: " + key));
    InstrumentTracker tracker = new InstrumentTracker(master, planner, assembler, rest, redactor, this::applyPlan, recorder);
    assembler.onSpot(tracker::onSpot);
    frames = new FrameHandler(config, assembler, new TickPublisher(vertx.eventBus(), presence), metrics, status);
    MarketConnection source;
    Future<Void> tracked;
    if (replay == null) {
      OptionChainPoller poller = new OptionChainPoller(vertx, config, rest, planner, frames, metrics,
          () -> ((ConnectionStateMachine) connection).polled(), recorder);
      source = new ConnectionStateMachine(vertx, config, rest,
          () -> new UpstoxStreamClient(vertx, config.pingIntervalMs(), config.pongTimeoutMs()), token, planner, status,
          metrics, redactor, frames, poller, backoff, recorder);
      tracked = tracker.trackAtStart(tracking.underlyings(), tracking.expiries());
    } else {
      try {
        tracker.registerAtStart(tracking.underlyings(), tracking.expiries());
        source = new ReplayConnection(vertx, config.replay(), replay, frames, tracker, planner, metrics, status);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      tracked = Future.succeededFuture();
    }
    return tracked.onSuccess(v -> {
      connection = source;
      if (replay == null) {
        subscribe = new SubscribeHandler(tracker, planner, status);
        startup.onTokenRead(connection::tokenRead);
      }
      metrics.watch(connection::subscribedKeys, connection::connections, frames::unseenKeys, connection::live);
      staleTimer = vertx.setPeriodic(Math.max(20, config.staleAfterMs() / 5), t -> frames.check());
      status.publish();
      connection.connect();
    });
  }

  /** The planner's current plan to the assembler and, when live, to the socket. */
  private void applyPlan() {
    SubscriptionPlan plan = planner.current();
    assembler.applyWindows(plan.windows());
    if (connection != null) {
      connection.apply(plan);
    }
  }

  /** The token a call presents: the simulator's stand-in, or Upstox's token (null while there is none). */
  private String bearerToken() {
    return config.source() == FeedSource.SIMULATOR ? FeedConfig.SIMULATOR_TOKEN : token.current();
  }

  @Override
  public Future<?> stop() {
    startup.stop();
    status.stopHeartbeat();
    if (staleTimer >= 0) {
      vertx.cancelTimer(staleTimer);
    }
    Future<Void> closed = connection != null ? connection.stop() : Future.succeededFuture();
    return closed.transform(x -> {
      health.readiness().unregister("feed");
      status.set(FeedState.STOPPED, "feed stopped");
      metrics.close();
      rest.close();
      FeedRecorder journal = recorder;
      return vertx.executeBlocking(() -> {
        journal.close();
        return null;
      });
    }).mapEmpty();
  }

  /** Frames decoded since start. */
  public long framesDecoded() {
    return metrics.framesDecoded();
  }
}
