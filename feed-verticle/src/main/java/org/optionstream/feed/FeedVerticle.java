package org.optionstream.feed;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.concurrent.ThreadLocalRandom;
import org.optionstream.common.Addresses;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.tick.TickPublisher;
import org.optionstream.feed.upstox.AccessToken;
import org.optionstream.feed.upstox.Backoff;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.UpstoxRest;
import org.optionstream.feed.upstox.UpstoxStreamClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed stage, wired from its parts: {@link FeedStartup} (the token, the instruments master),
 * {@link InstrumentTracker} (what is tracked, centred over REST), {@link ConnectionStateMachine} (the
 * Upstox V3 sockets, spread within Upstox's key limits, and their reconnects), {@link FrameHandler} (frames →
 * ticks on {@code market.ticks}, {@code market.ticks.batch} and {@code greeks.compute.batch}, staleness,
 * market status, keys without data), {@link OptionChainPoller}
 * (REST while the socket is down), {@link SubscribeHandler} ({@code feed.subscribe}),
 * {@link FeedStatusReporter} ({@code feed.status}, {@code feed.status.query}) and {@link FeedMetrics}.
 * Readiness is UP once the feed runs, and DOWN while it is {@code STOPPED} or {@code AUTH_REJECTED}.
 * Everything runs on this verticle's event loop; only the master-file parse runs on a worker.
 */
public final class FeedVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);

  private final FeedConfig config;
  private final Redactor redactor;
  private AccessToken token;
  private UpstoxRest rest;
  private FeedMetrics metrics;
  private FeedStatusReporter status;
  private FeedStartup startup;
  private Backoff backoff;
  // made once the master is loaded
  private TickAssembler assembler;
  private SubscriptionPlanner planner;
  private FrameHandler frames;
  private ConnectionStateMachine connection;
  private SubscribeHandler subscribe;
  private long staleTimer = -1;

  public FeedVerticle(FeedConfig config) {
    this.config = config;
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
    startup = new FeedStartup(vertx, config, rest, token, status, backoff, this::run);
    StageHealth.of(vertx).readiness().register("feed", promise -> {
      FeedState state = status.state();
      JsonObject data = new JsonObject().put("state", state.name());
      promise.complete(connection != null && state != FeedState.STOPPED && state != FeedState.AUTH_REJECTED
          ? Status.OK(data) : Status.KO(data));
    });
    return Future.join(
            vertx.eventBus().<JsonObject>consumer(Addresses.FEED_SUBSCRIBE, m -> {
              if (subscribe == null) {
                m.fail(503, "the feed is not running: " + status.reason());
              } else {
                subscribe.handle(m);
              }
            }).completion(),
            vertx.eventBus().<Object>consumer(Addresses.FEED_STATUS_QUERY, m -> m.reply(status.status().toJson()))
                .completion())
        .compose(v -> {
          status.startHeartbeat();
          return startup.start();
        })
        .onFailure(e -> {
          status.stopHeartbeat();
          startup.stop();
        });
  }

  /** Everything that needs the instruments master, wired, then the first connect. */
  private Future<Void> run(InstrumentMaster master) {
    planner = new SubscriptionPlanner(master, config.windows(), config.recentreSteps(), config.maxConnections());
    assembler = new TickAssembler(config.riskFreeRate())
        .onUnknown(key -> metrics.problem("unknown_instrument", "feed for an instrument the feed does not track: " + key));
    InstrumentTracker tracker = new InstrumentTracker(master, planner, assembler, rest, redactor, this::applyPlan);
    assembler.onSpot(tracker::onSpot);
    frames = new FrameHandler(config, assembler, new TickPublisher(vertx.eventBus()), metrics, status);
    OptionChainPoller poller = new OptionChainPoller(vertx, config, rest, planner, frames, metrics,
        () -> connection.polled());
    ConnectionStateMachine socket = new ConnectionStateMachine(vertx, config, rest,
        () -> new UpstoxStreamClient(vertx, config.pingIntervalMs(), config.pongTimeoutMs()), token, planner, status,
        metrics, redactor, frames, poller, backoff);
    return tracker.trackAtStart(config.underlyings(), config.expiries()).onSuccess(v -> {
      connection = socket;
      subscribe = new SubscribeHandler(tracker, planner, status);
      metrics.watch(connection::subscribedKeys, connection::connections, frames::unseenKeys, connection::live);
      startup.onTokenRead(connection::tokenRead);
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
      StageHealth.of(vertx).readiness().unregister("feed");
      status.set(FeedState.STOPPED, "feed stopped");
      metrics.close();
      rest.close();
      return Future.succeededFuture();
    });
  }

  /** Frames decoded since start. */
  public long framesDecoded() {
    return metrics.framesDecoded();
  }
}
