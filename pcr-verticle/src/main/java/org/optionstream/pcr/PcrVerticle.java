package org.optionstream.pcr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optionstream.common.Addresses;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.json.IstTime;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.pcr.aggregate.ExpiryBook;
import org.optionstream.pcr.aggregate.ExpiryKey;
import org.optionstream.pcr.aggregate.PcrAggregator;
import org.optionstream.pcr.aggregate.PcrFigures;
import org.optionstream.pcr.aggregate.TickOutcome;
import org.optionstream.pcr.leader.LeaderElection;
import org.optionstream.pcr.publish.AnalyticsMessages;
import org.optionstream.pcr.publish.PcrMessages;
import org.optionstream.pcr.publish.PublishThrottle;
import org.optionstream.pcr.surface.ChainAnalytics;
import org.optionstream.pcr.surface.ChainBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pcr stage: consumes every tick (in the feed's per-frame batches on {@code market.ticks.batch})
 * into a {@link PcrAggregator} (leader and standbys alike, so a standby is warm when it takes over), and for each underlying+expiry it
 * leads ({@link LeaderElection}) publishes {@code pcr.update} and {@code pcr.oi-by-strike},
 * coalesced per key by {@link PublishThrottle} (the final value always goes out). With
 * {@code ANALYTICS_ENABLED} it also consumes {@code greeks.update.frames} into a {@link ChainBook} per
 * underlying+expiry (gamma exposure kept as running totals) and, for the keys it leads, publishes
 * {@code chain.analytics} ({@link ChainAnalytics}: ATM IV, 25-delta wings, smile, straddle, GEX, zero gamma),
 * throttled the same way.
 *
 * <p>Every instance, leader or standby, answers {@code pcr.snapshot} from its own warm state:
 * {@code {"pcr":[pcr_update data...], "oiByStrike":[oi-by-strike bodies...]}}, one entry per
 * underlying+expiry it has seen (a standby that joined late may lack instruments that have not
 * ticked since). A JVM that dies or leaves releases its locks, and a standby leads within the
 * cluster's failure-detection time; a leader cut off from the cluster's quorum steps down
 * ({@link LeaderElection}).
 */
public final class PcrVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PcrVerticle.class);
  private static final String HEALTH_CHECK = "pcr";

  private final PcrConfig config;
  private final PcrAggregator aggregator = new PcrAggregator();
  private final Map<ExpiryKey, KeyState> keys = new HashMap<>();
  private final Map<ExpiryKey, ChainState> chains = new HashMap<>();

  private LeaderElection election;
  private MeterRegistry meters;
  private Counter ticksApplied;
  private Counter ticksStale;
  private Counter pcrPublished;
  private Counter oiPublished;
  private Counter analyticsPublished;
  private Counter updatesApplied;
  private boolean consuming;

  public PcrVerticle(PcrConfig config) {
    this.config = config;
  }

  /** Publication state of one key. */
  private static final class KeyState {
    final ExpiryBook book;
    final PublishThrottle pcrThrottle;
    final PublishThrottle oiThrottle;
    PcrFigures lastPublished;
    boolean oiDirty = true;
    long pcrTimer = -1;
    long oiTimer = -1;

    KeyState(ExpiryBook book, PcrConfig config) {
      this.book = book;
      this.pcrThrottle = new PublishThrottle(config.maxRatePerSecond());
      this.oiThrottle = new PublishThrottle(config.oiByStrikeMaxRatePerSecond());
    }
  }

  /** The chain analytics of one key and their publication state. */
  private static final class ChainState {
    final ChainBook book;
    final PublishThrottle throttle;
    long timer = -1;
    long publishedChanges = -1;

    ChainState(ChainBook book, PcrConfig config) {
      this.book = book;
      this.throttle = new PublishThrottle(config.analyticsMaxRatePerSecond());
    }
  }

  @Override
  public Future<?> start() {
    meters = StageMetrics.registry();
    ticksApplied = meters.counter("optionstream.pcr.ticks", "outcome", "applied");
    ticksStale = meters.counter("optionstream.pcr.ticks", "outcome", "stale");
    pcrPublished = meters.counter("optionstream.pcr.published", "address", Addresses.PCR_UPDATE);
    oiPublished = meters.counter("optionstream.pcr.published", "address", Addresses.PCR_OI_BY_STRIKE);
    analyticsPublished = meters.counter("optionstream.pcr.published", "address", Addresses.CHAIN_ANALYTICS);
    updatesApplied = meters.counter("optionstream.pcr.analytics.updates");
    election = new LeaderElection(vertx, config.leaderLockPrefix(), config.leaderAcquireTimeoutMs(),
        config.leaderRetryDelayMs(), this::onLeadership, ClusterMembership.of(vertx));
    Gauge.builder("optionstream.pcr.leader.keys", election, LeaderElection::leadingCount)
        .description("underlying+expiry keys this instance publishes")
        .register(meters);
    FunctionCounter.builder("optionstream.pcr.leader.stepdowns", election, LeaderElection::stepDowns)
        .description("times this instance gave up its keys for being out of the cluster's quorum")
        .register(meters);

    MessageConsumer<TickBatch> ticks = vertx.eventBus().consumer(Addresses.MARKET_TICKS_BATCH,
        message -> message.body().getTicksList().forEach(this::apply));
    MessageConsumer<JsonObject> snapshot = vertx.eventBus().consumer(Addresses.PCR_SNAPSHOT, this::onSnapshot);
    StageHealth.of(vertx).readiness().register(HEALTH_CHECK, promise -> promise.complete(readiness()));
    Future<Void> updates = Future.succeededFuture();
    if (config.analyticsEnabled()) {
      updates = vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES,
          message -> message.body().frames().forEach(this::applyUpdate)).completion();
    }
    return Future.join(ticks.completion(), snapshot.completion(), updates)
        .onSuccess(ok -> {
          consuming = true;
          LOG.info("pcr consuming {} (pcr.update <= {}/s, oi-by-strike <= {}/s per key)",
              Addresses.MARKET_TICKS_BATCH, config.maxRatePerSecond(), config.oiByStrikeMaxRatePerSecond());
        });
  }

  @Override
  public Future<?> stop() {
    consuming = false;
    StageHealth.of(vertx).readiness().unregister(HEALTH_CHECK);
    for (KeyState state : keys.values()) {
      cancel(state.pcrTimer);
      cancel(state.oiTimer);
    }
    chains.values().forEach(c -> cancel(c.timer));
    return election.close();
  }

  /** Ready when consuming ticks and, for every key seen, leading it or competing for it warm. */
  private Status readiness() {
    if (!consuming || election.isClosed()) {
      return Status.KO(new JsonObject().put("reason", "not consuming " + Addresses.MARKET_TICKS_BATCH));
    }
    JsonArray leader = new JsonArray();
    election.leading().forEach(k -> leader.add(k.toString()));
    JsonArray standby = new JsonArray();
    election.standingBy().forEach(k -> standby.add(k.toString()));
    return Status.OK(new JsonObject().put("leader", leader).put("standby", standby));
  }

  private void apply(Tick tick) {
    ExpiryBook book = aggregator.bookFor(tick);
    if (book == null) {
      return;
    }
    TickOutcome outcome = book.apply(tick);
    KeyState state = keys.get(book.key());
    if (state == null) {
      state = new KeyState(book, config);
      keys.put(book.key(), state);
      election.contend(book.key());
    }
    if (outcome == TickOutcome.STALE) {
      ticksStale.increment();
      return;
    }
    ticksApplied.increment();
    if (outcome == TickOutcome.CHANGED) {
      state.oiDirty = true;
      if (election.isLeader(book.key())) {
        requestPcr(state);
        requestOi(state);
      }
    }
  }

  /** One priced option into its chain's book; the leader of the key publishes the analytics, throttled. */
  private void applyUpdate(GreeksUpdateFrame frame) {
    if (frame.symbol() == null || frame.expiry() == null) {
      return;
    }
    GreeksUpdate update = GreeksUpdate.fromJson(frame.data());
    ExpiryKey key = new ExpiryKey(frame.symbol(), IstTime.epochDay(frame.expiry()));
    ChainState chain = chains.computeIfAbsent(key, k -> new ChainState(new ChainBook(k, config.gexConvention()), config));
    if (chain.book.apply(update)) {
      updatesApplied.increment();
      if (election.isLeader(key)) {
        requestAnalytics(chain);
      }
    }
  }

  private void requestAnalytics(ChainState chain) {
    chain.timer = throttled(chain.throttle, chain.timer, () -> publishAnalytics(chain));
  }

  private void publishAnalytics(ChainState chain) {
    ExpiryKey key = chain.book.key();
    if (!consuming || !election.isLeader(key) || chain.publishedChanges == chain.book.changes()) {
      return;
    }
    ChainAnalytics analytics = ChainAnalytics.of(chain.book, config.flipRange(), config.flipSteps());
    if (analytics == null) {
      return;
    }
    chain.publishedChanges = chain.book.changes();
    chain.throttle.published(System.nanoTime());
    vertx.eventBus().publish(Addresses.CHAIN_ANALYTICS, AnalyticsMessages.of(analytics, config.flipRange()));
    analyticsPublished.increment();
  }

  private void onLeadership(ExpiryKey key) {
    meters.counter("optionstream.pcr.leader.changes", "symbol", key.symbol(), "expiry", key.expiry()).increment();
    ChainState chain = chains.get(key);
    if (chain != null) {
      chain.publishedChanges = -1;
      requestAnalytics(chain);
    }
    KeyState state = keys.get(key);
    if (state != null) {
      // Publish the warm state at once (a new leader's first figures), throttled as usual.
      state.lastPublished = null;
      state.oiDirty = true;
      requestPcr(state);
      requestOi(state);
    }
  }

  private void requestPcr(KeyState state) {
    state.pcrTimer = throttled(state.pcrThrottle, state.pcrTimer, () -> publishPcr(state));
  }

  private void requestOi(KeyState state) {
    state.oiTimer = throttled(state.oiThrottle, state.oiTimer, () -> publishOi(state));
  }

  /**
   * A change to publish through {@code throttle}: now, or on a timer at the interval's end (which then
   * publishes the newest value); returns the key's pending timer ({@code timer} when none was set now).
   */
  private long throttled(PublishThrottle throttle, long timer, Runnable publish) {
    long decision = throttle.request(System.nanoTime());
    if (decision == PublishThrottle.NOW) {
      publish.run();
    } else if (decision > 0) {
      return vertx.setTimer(toDelayMs(decision), id -> {
        throttle.fired();
        publish.run();
      });
    }
    return timer;
  }

  private void publishPcr(KeyState state) {
    ExpiryKey key = state.book.key();
    if (!consuming || !election.isLeader(key)) {
      return;
    }
    PcrFigures figures = state.book.figures();
    if (figures.equals(state.lastPublished)) {
      return;
    }
    state.lastPublished = figures;
    state.pcrThrottle.published(System.nanoTime());
    vertx.eventBus().publish(Addresses.PCR_UPDATE,
        PcrMessages.pcrUpdate(figures, state.book.newestExchangeTimeMs()).toJson());
    pcrPublished.increment();
  }

  private void publishOi(KeyState state) {
    ExpiryKey key = state.book.key();
    if (!consuming || !election.isLeader(key) || !state.oiDirty) {
      return;
    }
    state.oiDirty = false;
    state.oiThrottle.published(System.nanoTime());
    vertx.eventBus().publish(Addresses.PCR_OI_BY_STRIKE,
        PcrMessages.oiByStrike(state.book.oiByStrike(), state.book.newestExchangeTimeMs()));
    oiPublished.increment();
  }

  private void onSnapshot(Message<JsonObject> request) {
    JsonArray pcr = new JsonArray();
    JsonArray oiByStrike = new JsonArray();
    List<ExpiryBook> books = new ArrayList<>(aggregator.books());
    books.sort((a, b) -> a.key().toString().compareTo(b.key().toString()));
    for (ExpiryBook book : books) {
      pcr.add(PcrMessages.pcrUpdate(book.figures(), book.newestExchangeTimeMs()).toJson());
      oiByStrike.add(PcrMessages.oiByStrike(book.oiByStrike(), book.newestExchangeTimeMs()));
    }
    JsonArray analytics = new JsonArray();
    List<ChainState> chainStates = new ArrayList<>(chains.values());
    chainStates.sort((a, b) -> a.book.key().toString().compareTo(b.book.key().toString()));
    for (ChainState chain : chainStates) {
      ChainAnalytics a = ChainAnalytics.of(chain.book, config.flipRange(), config.flipSteps());
      if (a != null) {
        analytics.add(AnalyticsMessages.of(a, config.flipRange()));
      }
    }
    request.reply(new JsonObject().put("pcr", pcr).put("oiByStrike", oiByStrike).put("analytics", analytics));
  }

  private void cancel(long timerId) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  private static long toDelayMs(long nanos) {
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }
}
