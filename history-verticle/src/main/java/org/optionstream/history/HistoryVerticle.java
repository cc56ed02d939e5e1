package org.optionstream.history;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.optionstream.common.Addresses;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.history.ingest.HistoryWriter;
import org.optionstream.history.ingest.Pending;
import org.optionstream.history.ingest.WriteFailures;
import org.optionstream.history.query.BadRequestException;
import org.optionstream.history.query.HistoryQueries;
import org.optionstream.history.rollup.MinuteRollup;
import org.optionstream.history.rollup.RollupSink;
import org.optionstream.history.store.HistoryStore;
import org.optionstream.history.store.SqlReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history stage: consumes {@code greeks.update.frames}, {@code pcr.update}, {@code pcr.oi-by-strike} and
 * {@code feed.status} and hands every message, untouched, to the {@link HistoryWriter} thread, which
 * parses and stores it in QuestDB; the event loop never waits on the database. Answers the
 * {@code history.*} request addresses from the stored rows (reads run off the event loop) and publishes
 * {@code history.status}. Ready while the store is open and the writer thread runs.
 */
public final class HistoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryVerticle.class);
  private static final String HEALTH_CHECK = "history";
  private static final long STOP_TIMEOUT_MS = 15_000;
  /** Exchange times further ahead of the wall clock than this do not move the minute rollup. */
  private static final long FUTURE_TOLERANCE_MS = 60_000;

  private final HistoryConfig config;
  private final StageHealth health;
  private final HistoryStore.Opener storeOpener;
  private final Clock clock;
  private HistoryStore store;
  private HistoryWriter writer;
  private RollupSink rollup;
  private WriteFailures failures;
  private HistoryQueries queries;
  private long statusTimer = -1;
  private volatile boolean running;

  /**
   * @param health      where its readiness check goes
   * @param storeOpener opens the store for a configuration (blocking; called on a worker thread)
   */
  public HistoryVerticle(HistoryConfig config, StageHealth health, HistoryStore.Opener storeOpener, Clock clock) {
    this.config = config;
    this.health = health;
    this.storeOpener = storeOpener;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    MeterRegistry meters = StageMetrics.registry();
    failures = new WriteFailures(meters);
    return vertx.executeBlocking(() -> storeOpener.open(vertx, config, failures)).compose(opened -> {
      store = opened;
      rollup = new RollupSink(store.sink(), new MinuteRollup(config.rollupGraceMs(), FUTURE_TOLERANCE_MS), clock);
      writer = new HistoryWriter(rollup, failures, meters, config.batchRows(), config.batchMs(),
          config.queueMaxRows(), config.retentionDays(), clock);
      writer.start();
      running = true;
      queries = new HistoryQueries(store.reader(), config.limits(), clock);
      health.readiness().register(HEALTH_CHECK, promise -> promise.complete(running
          ? Status.OK(store.describe()) : Status.KO(new JsonObject().put("reason", "history store closed"))));
      statusTimer = vertx.setPeriodic(config.statusIntervalMs(), id -> vertx.eventBus().publish(Addresses.HISTORY_STATUS, status()));
      List<Future<?>> consumers = new ArrayList<>();
      consumers.add(vertx.eventBus().consumer(Addresses.GREEKS_UPDATE_FRAMES, this::onGreeks).completion());
      consumers.add(ingest(Addresses.PCR_UPDATE, Pending.Source.PCR));
      consumers.add(ingest(Addresses.PCR_OI_BY_STRIKE, Pending.Source.OI_BY_STRIKE));
      consumers.add(ingest(Addresses.FEED_STATUS, Pending.Source.FEED_STATUS));
      consumers.add(answer(Addresses.HISTORY_GREEKS, queries::greeks));
      consumers.add(answer(Addresses.HISTORY_ATM, queries::atm));
      consumers.add(answer(Addresses.HISTORY_PCR, queries::pcr));
      consumers.add(answer(Addresses.HISTORY_CHAIN, queries::chain));
      consumers.add(answer(Addresses.HISTORY_IV_RANK, queries::ivRank));
      return Future.all(consumers);
    }).onSuccess(ok -> LOG.info("history storing to {} (batches of {} rows or {} ms, retention {} days)",
        store.describe().encode(), config.batchRows(), config.batchMs(), config.retentionDays()));
  }

  @Override
  public Future<?> stop() {
    running = false;
    if (statusTimer >= 0) {
      vertx.cancelTimer(statusTimer);
    }
    health.readiness().unregister(HEALTH_CHECK);
    return vertx.executeBlocking(() -> {
      if (writer != null && !writer.stop(STOP_TIMEOUT_MS)) {
        LOG.warn("history writer did not finish within {} ms", STOP_TIMEOUT_MS);
      }
      if (store != null) {
        store.close();
      }
      return null;
    });
  }

  /** {@code history.status}: the writer's counts, failures by kind, and the store's own state. */
  public JsonObject status() {
    HistoryWriter.Stats stats = writer.stats();
    JsonObject byKind = new JsonObject();
    failures.counts().forEach(byKind::put);
    return store.describe()
        .put("rowsWritten", stats.rowsWritten())
        .put("rowsDropped", stats.rowsDropped())
        .put("rowsFailed", stats.rowsFailed())
        .put("queuedRows", stats.queuedRows())
        .put("writeLagP99Ms", stats.writeLagP99Ms())
        .put("lastCommitAtMs", stats.lastCommitEpochMs() == 0 ? null : stats.lastCommitEpochMs())
        .put("rollupLateRows", rollup.lateRows())
        .put("failures", byKind);
  }

  private void onGreeks(Message<Object> message) {
    if (message.body() instanceof GreeksUpdateFrames frames) {
      writer.offer(Pending.Source.GREEKS_FRAMES, frames, frames.size());
    } else {
      failures.record("greeks_body", "greeks.update.frames body is " + message.body());
    }
  }

  private Future<Void> ingest(String address, Pending.Source source) {
    return vertx.eventBus().<Object>consumer(address, message -> {
      Object body = message.body();
      int rows = body instanceof JsonObject json && json.getValue("strikes") instanceof JsonArray strikes
          ? Math.max(1, strikes.size()) : 1;
      writer.offer(source, body, rows);
    }).completion();
  }

  private Future<Void> answer(String address, Function<JsonObject, Future<JsonObject>> question) {
    return vertx.eventBus().<Object>consumer(address, message -> {
      JsonObject params = message.body() instanceof JsonObject json ? json : new JsonObject();
      Future<JsonObject> answer;
      try {
        answer = question.apply(params);
      } catch (BadRequestException e) {
        message.fail(400, e.getMessage());
        return;
      }
      answer.onSuccess(message::reply).onFailure(failure -> {
        if (failure instanceof SqlReader.TooManyRowsException || failure instanceof BadRequestException) {
          message.fail(400, failure.getMessage());
        } else {
          failures.record("query_failed", failure.toString());
          message.fail(500, "history query failed: " + failure.getMessage());
        }
      });
    }).completion();
  }
}
