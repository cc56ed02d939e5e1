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
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;
import org.optionstream.pcr.aggregate.ExpiryBook;
import org.optionstream.pcr.aggregate.ExpiryKey;
import org.optionstream.pcr.aggregate.PcrAggregator;
import org.optionstream.pcr.aggregate.PcrFigures;
import org.optionstream.pcr.aggregate.TickOutcome;
import org.optionstream.pcr.leader.LeadGate;
import org.optionstream.pcr.leader.LeaderElection;
import org.optionstream.pcr.publish.AnalyticsMessages;
import org.optionstream.pcr.publish.PcrMessages;
import org.optionstream.pcr.publish.PublicationScheduler.Channel;
import org.optionstream.pcr.publish.PublicationScheduler;
import org.optionstream.pcr.surface.ChainAnalytics;
import org.optionstream.pcr.surface.ChainBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pcr stage: consumes every tick (in the feed's per-frame batches on {@code market.ticks.batch})
 * into a {@link PcrAggregator} (leader and standbys alike, so a standby is warm when it takes over), and for each underlying+expiry it
 * leads ({@link LeaderElection}) publishes {@code pcr.update} and {@code pcr.oi-by-strike}. With
 * {@code ANALYTICS_ENABLED} it also consumes {@code greeks.update.frames} into a {@link ChainBook} per
 * underlying+expiry (gamma exposure kept as running totals) and, for the keys it leads, publishes
 * {@code chain.analytics} ({@link ChainAnalytics}: ATM IV, 25-delta wings, smile, straddle, GEX, zero gamma).
 *
 * <p>How often each key publishes is decided on the data's clock, the feed's receive time carried in every tick and
 * update, by a {@link PublicationScheduler} per input stream (ticks; greeks updates), so a recording replayed at any
 * speed publishes the same messages; its quiet rule (the last value goes out after {@code PCR_QUIET_FLUSH_MS} of
 * silence) is suspended while {@code feed.status} reports a replay in progress. Every instance computes the same
 * messages; a {@link LeadGate} sends them for the keys this instance leads.
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
  private static final long QUIET_CHECK_PERIOD_MS = 100;
  private static final int MAX_HELD_PER_KEY = 256;

  private final PcrConfig config;
  private final StageHealth health;
  private final ClusterMembership membership;
  private final PcrAggregator aggregator = new PcrAggregator();
  private final Map<ExpiryKey, KeyState> keys = new HashMap<>();
  private final Map<ExpiryKey, ChainState> chains = new HashMap<>();
  private final java.util.Set<ExpiryKey> contended = new java.util.HashSet<>();

  private LeaderElection election;
  private LeadGate gate;
  private PublicationScheduler tickSchedule;
  private PublicationScheduler updateSchedule;
  private MeterRegistry meters;
  private Counter ticksApplied;
  private Counter ticksStale;
  private Counter pcrPublished;
  private Counter oiPublished;
  private Counter analyticsPublished;
  private Counter updatesApplied;
  private boolean consuming;
  private boolean replaying;
  private long quietTimer = -1;

  /** An instance that registers its readiness on {@code health} and leads keys only while {@code membership} is in quorum. */
  public PcrVerticle(PcrConfig config, StageHealth health, ClusterMembership membership) {
    this.config = config;
    this.health = health;
    this.membership = membership;
  }

  /** A key's PCR book and its two channels ({@code pcr.update}, {@code pcr.oi-by-strike}). */
  private static final class KeyState {
    final ExpiryBook book;
    Channel pcr;
    Channel oi;
    PcrFigures lastPublished;
    boolean oiDirty = true;

    KeyState(ExpiryBook book) {
      this.book = book;
    }
  }

  /** A key's chain analytics book and its channel ({@code chain.analytics}). */
  private static final class ChainState {
    final ChainBook book;
    Channel channel;
    long publishedChanges = -1;

    ChainState(ChainBook book) {
      this.book = book;
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
        config.leaderRetryDelayMs(), this::onLeadership, key -> gate.refused(key), membership);
    gate = new LeadGate(election::isLeader, this::send, MAX_HELD_PER_KEY);
    PublicationScheduler.Sink sink = (channel, message) -> gate.publish(channel.key(), channel.address(), message);
    tickSchedule = new PublicationScheduler(config.quietFlushMs(), System::currentTimeMillis, sink);
    updateSchedule = new PublicationScheduler(config.quietFlushMs(), System::currentTimeMillis, sink);
    quietTimer = vertx.setPeriodic(QUIET_CHECK_PERIOD_MS, t -> flushQuiet());
    Gauge.builder("optionstream.pcr.leader.keys", election, LeaderElection::leadingCount)
        .description("underlying+expiry keys this instance publishes")
        .register(meters);
    FunctionCounter.builder("optionstream.pcr.leader.stepdowns", election, LeaderElection::stepDowns)
        .description("times this instance gave up its keys for being out of the cluster's quorum")
        .register(meters);
    FunctionCounter.builder("optionstream.pcr.held.dropped", gate, LeadGate::droppedWhileHolding)
        .description("messages dropped while a key's first leader attempt was undecided and its hold was full")
        .register(meters);

    MessageConsumer<TickBatch> ticks = vertx.eventBus().consumer(Addresses.MARKET_TICKS_BATCH,
        message -> applyBatch(message.body()));
    MessageConsumer<JsonObject> snapshot = vertx.eventBus().consumer(Addresses.PCR_SNAPSHOT, this::onSnapshot);
    MessageConsumer<JsonObject> status = vertx.eventBus().consumer(Addresses.FEED_STATUS, this::onFeedStatus);
    health.readiness().register(HEALTH_CHECK, promise -> promise.complete(readiness()));
    Future<Void> updates = Future.succeededFuture();
    if (config.analyticsEnabled()) {
      updates = vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES,
          message -> applyUpdates(message.body())).completion();
    }
    return Future.join(ticks.completion(), snapshot.completion(), status.completion(), updates)
        .onSuccess(ok -> {
          consuming = true;
          LOG.info("pcr consuming {} (pcr.update <= {}/s, oi-by-strike <= {}/s per key, on the data's clock)",
              Addresses.MARKET_TICKS_BATCH, config.maxRatePerSecond(), config.oiByStrikeMaxRatePerSecond());
        });
  }

  @Override
  public Future<?> stop() {
    consuming = false;
    health.readiness().unregister(HEALTH_CHECK);
    if (quietTimer >= 0) {
      vertx.cancelTimer(quietTimer);
    }
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

  private void applyBatch(TickBatch batch) {
    List<Tick> ticks = batch.getTicksList();
    long newest = Long.MIN_VALUE;
    for (Tick tick : ticks) {
      newest = Math.max(newest, dataTimeMs(tick.getFeedReceivedAtMicros(), tick.getExchangeTimeMs()));
    }
    tickSchedule.beginBatch(newest);
    ticks.forEach(this::apply);
    tickSchedule.endBatch();
  }

  private void apply(Tick tick) {
    ExpiryBook book = aggregator.bookFor(tick);
    if (book == null) {
      return;
    }
    TickOutcome outcome = book.apply(tick);
    KeyState state = keys.get(book.key());
    if (state == null) {
      state = newKeyState(book);
    }
    if (outcome == TickOutcome.STALE) {
      ticksStale.increment();
      return;
    }
    ticksApplied.increment();
    if (outcome == TickOutcome.CHANGED) {
      state.oiDirty = true;
      tickSchedule.touch(state.pcr);
      tickSchedule.touch(state.oi);
    }
  }

  private KeyState newKeyState(ExpiryBook book) {
    KeyState state = new KeyState(book);
    state.pcr = tickSchedule.channel(book.key(), Addresses.PCR_UPDATE, config.maxRatePerSecond(), () -> nextPcr(state));
    state.oi = tickSchedule.channel(book.key(), Addresses.PCR_OI_BY_STRIKE, config.oiByStrikeMaxRatePerSecond(),
        () -> nextOi(state));
    keys.put(book.key(), state);
    contend(book.key());
    return state;
  }

  private void applyUpdates(GreeksUpdateFrames frames) {
    List<GreeksUpdate> updates = new ArrayList<>(frames.frames().size());
    long newest = Long.MIN_VALUE;
    for (GreeksUpdateFrame frame : frames.frames()) {
      if (frame.symbol() != null && frame.expiry() != null) {
        GreeksUpdate update = frame.update();
        updates.add(update);
        newest = Math.max(newest, dataTimeMs(update.feedReceivedAtMicros(), update.exchangeTimeMs()));
      }
    }
    updateSchedule.beginBatch(newest);
    updates.forEach(this::applyUpdate);
    updateSchedule.endBatch();
  }

  /** One priced option into its chain's book. */
  private void applyUpdate(GreeksUpdate update) {
    ExpiryKey key = new ExpiryKey(update.symbol(), IstTime.epochDay(update.expiry()));
    ChainState chain = chains.get(key);
    if (chain == null) {
      chain = newChainState(key);
    }
    if (chain.book.apply(update)) {
      updatesApplied.increment();
      updateSchedule.touch(chain.channel);
    }
  }

  private ChainState newChainState(ExpiryKey key) {
    ChainState chain = new ChainState(new ChainBook(key, config.gexConvention()));
    chain.channel = updateSchedule.channel(key, Addresses.CHAIN_ANALYTICS, config.analyticsMaxRatePerSecond(),
        () -> nextAnalytics(chain));
    chains.put(key, chain);
    contend(key);
    return chain;
  }

  /** The first sight of a key, by ticks or by updates: its messages are held until the first attempt to lead it ends. */
  private void contend(ExpiryKey key) {
    if (contended.add(key)) {
      gate.firstAttempt(key);
      election.contend(key);
    }
  }

  /** The data's time of an input: the feed's receive time (epoch µs), or its exchange time (ms) if it carries none. */
  private static long dataTimeMs(long feedReceivedAtMicros, long exchangeTimeMs) {
    return feedReceivedAtMicros > 0 ? feedReceivedAtMicros / 1000 : exchangeTimeMs;
  }

  private JsonObject nextPcr(KeyState state) {
    PcrFigures figures = state.book.figures();
    if (figures.equals(state.lastPublished)) {
      return null;
    }
    state.lastPublished = figures;
    return PcrMessages.pcrUpdate(figures, state.book.newestExchangeTimeMs()).toJson();
  }

  private JsonObject nextOi(KeyState state) {
    if (!state.oiDirty) {
      return null;
    }
    state.oiDirty = false;
    return PcrMessages.oiByStrike(state.book.oiByStrike(), state.book.newestExchangeTimeMs());
  }

  private JsonObject nextAnalytics(ChainState chain) {
    if (chain.publishedChanges == chain.book.changes()) {
      return null;
    }
    ChainAnalytics analytics = ChainAnalytics.of(chain.book, config.flipRange(), config.flipSteps());
    if (analytics == null) {
      return null;
    }
    chain.publishedChanges = chain.book.changes();
    return AnalyticsMessages.of(analytics, config.flipRange());
  }

  private void send(String address, JsonObject message) {
    if (!consuming) {
      return;
    }
    vertx.eventBus().publish(address, message);
    switch (address) {
      case Addresses.PCR_UPDATE -> pcrPublished.increment();
      case Addresses.PCR_OI_BY_STRIKE -> oiPublished.increment();
      default -> analyticsPublished.increment();
    }
  }

  private void onLeadership(ExpiryKey key) {
    meters.counter("optionstream.pcr.leader.changes", "symbol", key.symbol(), "expiry", key.expiry()).increment();
    if (gate.won(key)) {
      return;
    }
    // A takeover: the key's current figures at once, whatever the previous leader last sent.
    KeyState state = keys.get(key);
    if (state != null) {
      state.lastPublished = null;
      state.oiDirty = true;
      tickSchedule.publishNow(state.pcr);
      tickSchedule.publishNow(state.oi);
    }
    ChainState chain = chains.get(key);
    if (chain != null) {
      chain.publishedChanges = -1;
      updateSchedule.publishNow(chain.channel);
    }
  }

  private void onFeedStatus(Message<JsonObject> message) {
    try {
      FeedStatus status = FeedStatus.fromJson(message.body());
      replaying = status.source() == FeedSource.REPLAY && status.replay() != null && !status.replay().done();
    } catch (RuntimeException e) {
      LOG.debug("unreadable feed.status ignored: {}", e.toString());
    }
  }

  private void flushQuiet() {
    if (replaying) {
      return;
    }
    long now = System.currentTimeMillis();
    tickSchedule.flushQuiet(now);
    updateSchedule.flushQuiet(now);
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
}
