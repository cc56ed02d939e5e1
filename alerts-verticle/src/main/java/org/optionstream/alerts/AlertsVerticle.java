package org.optionstream.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.ext.healthchecks.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optionstream.alerts.cluster.PartitionOwnership;
import org.optionstream.alerts.deliver.WebhookSender;
import org.optionstream.alerts.engine.Evaluator;
import org.optionstream.alerts.engine.RuleEngine;
import org.optionstream.alerts.engine.RuleState;
import org.optionstream.alerts.rule.MetricRegistry;
import org.optionstream.alerts.rule.Rule;
import org.optionstream.alerts.rule.RuleException;
import org.optionstream.alerts.rule.RuleParser;
import org.optionstream.alerts.store.FiredLog;
import org.optionstream.alerts.store.JsonLinesFile;
import org.optionstream.alerts.store.RuleStore;
import org.optionstream.common.Addresses;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts stage. Every member knows every rule ({@link RuleStore}) and follows the public addresses
 * ({@code greeks.update.frames}, {@code market.ticks.batch}, the chain metrics' addresses), parsing only the
 * updates some rule watches ({@link RuleEngine}); each rule is evaluated by the one member that owns its
 * partition ({@link PartitionOwnership}). Whenever a rule arms, disarms or fires, its state is written to
 * the clustered map {@code optionstream.alerts.state} <em>before</em> the firing is published on
 * {@code alerts.fired}, so a member taking the partition over continues from it: a crossing already fired
 * is not fired again, one not yet fired is fired by the new owner.
 *
 * <p>Also answers the {@code alerts.rules.*} requests, keeps every firing it sees ({@link FiredLog}) for
 * {@code alerts.fired.query}, and delivers the firings it publishes to their rules' webhooks.
 */
public final class AlertsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertsVerticle.class);
  private static final String HEALTH_CHECK = "alerts";
  private static final String STATE_MAP = "optionstream.alerts.state";

  private final AlertsConfig config;
  private final MetricRegistry metrics;
  private final StageHealth health;
  private final ClusterMembership membership;
  private final RuleParser parser;

  private RuleEngine engine;
  private RuleStore store;
  private FiredLog fired;
  private WebhookSender webhooks;
  private PartitionOwnership ownership;
  private AsyncMap<String, JsonObject> states;
  private Counter firings;
  private boolean ready;
  private boolean loggedMalformed;

  /**
   * An alerts stage that registers its readiness on {@code health} and owns partitions only while
   * {@code membership} is in quorum.
   */
  public AlertsVerticle(AlertsConfig config, StageHealth health, ClusterMembership membership) {
    this(config, MetricRegistry.standard(), health, membership);
  }

  public AlertsVerticle(AlertsConfig config, MetricRegistry metrics, StageHealth health, ClusterMembership membership) {
    this.config = config;
    this.metrics = metrics;
    this.health = health;
    this.membership = membership;
    this.parser = new RuleParser(metrics);
  }

  @Override
  public Future<?> start() {
    MeterRegistry meters = StageMetrics.registry();
    engine = new RuleEngine(config.partitions(), new Evaluator(config.hysteresisPct()), System::currentTimeMillis,
        new RuleEngine.Listener() {
          @Override
          public void stateChanged(RuleEngine.Active rule) {
            saveState(rule);
          }

          @Override
          public void fired(RuleEngine.Active rule, double value, long exchangeTimeMs) {
            fire(rule, value, exchangeTimeMs);
          }
        });
    Path dir = Path.of(config.dataDir());
    store = new RuleStore(vertx, new JsonLinesFile(vertx, dir.resolve("rules.jsonl").toString()));
    fired = new FiredLog(new JsonLinesFile(vertx, dir.resolve("firings.jsonl").toString()), config.firedKeep());
    webhooks = new WebhookSender(vertx, config.webhookTimeoutMs(), config.webhookRetries(), config.webhookBackoffMs(),
        config.webhookMaxPending());
    firings = meters.counter("optionstream.alerts.fired");
    Gauge.builder("optionstream.alerts.rules", engine, RuleEngine::size).register(meters);
    FunctionCounter.builder("optionstream.alerts.evaluations", engine, RuleEngine::evaluations).register(meters);
    FunctionCounter.builder("optionstream.alerts.malformed.updates", engine, RuleEngine::malformedUpdates)
        .description("greeks updates a rule watches whose message could not be read (skipped)").register(meters);
    FunctionCounter.builder("optionstream.alerts.webhook.delivered", webhooks, WebhookSender::delivered).register(meters);
    FunctionCounter.builder("optionstream.alerts.webhook.dead.letters", webhooks, WebhookSender::deadLettered)
        .register(meters);
    health.readiness().register(HEALTH_CHECK, promise -> promise.complete(ready
        ? Status.OK(new JsonObject().put("rules", engine.size()).put("partitions", ownership.ownedCount()))
        : Status.KO(new JsonObject().put("reason", "loading rules"))));

    Future<Void> loaded = vertx.sharedData().<String, JsonObject>getAsyncMap(STATE_MAP)
        .compose(map -> {
          states = map;
          return store.load();
        })
        .compose(found -> {
          addAll(found.rules());
          if (found.seeded()) {
            vertx.eventBus().publish(Addresses.ALERTS_RULES_CHANGED, new JsonObject().put("change", "seeded"));
          }
          LOG.info("alerts: {} rule(s) loaded{}", engine.size(), found.seeded() ? " from " + config.dataDir() : "");
          return fired.load();
        });

    return loaded.compose(v -> {
      List<Future<Void>> consumers = new ArrayList<>();
      consumers.add(vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES,
          m -> onGreeks(m.body())).completion());
      consumers.add(vertx.eventBus().<TickBatch>consumer(Addresses.MARKET_TICKS_BATCH, m -> onTicks(m.body()))
          .completion());
      for (String address : metrics.chainAddresses()) {
        consumers.add(vertx.eventBus().<Object>consumer(address, m -> {
          if (m.body() instanceof JsonObject data) {
            engine.onChain(address, data);
          }
        }).completion());
      }
      consumers.add(reply(Addresses.ALERTS_RULES_CREATE, this::create));
      consumers.add(reply(Addresses.ALERTS_RULES_LIST, this::list));
      consumers.add(reply(Addresses.ALERTS_RULES_GET, this::get));
      consumers.add(reply(Addresses.ALERTS_RULES_DELETE, this::delete));
      consumers.add(reply(Addresses.ALERTS_FIRED_QUERY, this::firedBetween));
      consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_RULES_CHANGED, m -> onChanged(m.body()))
          .completion());
      consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_FIRED, m -> fired.record(m.body()))
          .completion());
      return Future.all(consumers);
    }).onSuccess(v -> {
      ownership = new PartitionOwnership(vertx, config.lockPrefix(), config.partitions(),
          config.lockAcquireTimeoutMs(), config.lockRetryMs(), this::takeOver, engine::release, membership);
      ownership.start();
      ready = true;
      LOG.info("alerts consuming {}, {} and {} ({} partitions)", Addresses.GREEKS_UPDATE_FRAMES,
          Addresses.MARKET_TICKS_BATCH, metrics.chainAddresses(), config.partitions());
    });
  }

  /** Partitions whose rules this member evaluates now. */
  public int ownedPartitions() {
    return engine == null ? 0 : engine.ownedPartitions().size();
  }

  @Override
  public Future<?> stop() {
    ready = false;
    health.readiness().unregister(HEALTH_CHECK);
    if (ownership != null) {
      ownership.close();
    }
    return Future.join(webhooks.close(), store.close(), fired.close());
  }

  private void addAll(Map<String, JsonObject> documents) {
    for (JsonObject doc : documents.values()) {
      try {
        engine.add(parser.parse(doc));
      } catch (RuleException e) {
        LOG.warn("stored rule {} no longer valid, skipped: {}", doc.getString("id"), e.getMessage());
      }
    }
  }

  private void onGreeks(GreeksUpdateFrames frames) {
    String problem = engine.onGreeks(frames);
    if (problem != null && !loggedMalformed) {
      loggedMalformed = true;
      LOG.warn("a greeks_update could not be read and was skipped ({}); further ones are only counted in "
          + "optionstream_alerts_malformed_updates_total", problem);
    }
  }

  private void onTicks(TickBatch batch) {
    for (int i = 0; i < batch.getTicksCount(); i++) {
      Tick tick = batch.getTicks(i);
      engine.onTick(tick);
    }
    engine.afterBatch();
  }

  // ---- exactly once: state before publication ----

  private void takeOver(int partition) {
    List<String> ids = engine.idsOf(partition);
    Map<String, RuleState> saved = new HashMap<>();
    List<Future<JsonObject>> reads = new ArrayList<>();
    for (String id : ids) {
      reads.add(states.get(id).onSuccess(json -> {
        if (json != null) {
          saved.put(id, RuleState.fromJson(json));
        }
      }));
    }
    Future.all(reads).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("alert partition {}: reading the saved states failed ({}); starting them afresh",
            partition, ar.cause().getMessage());
      }
      LOG.info("alert partition {} taken over: {} rule(s), {} with a saved state", partition, ids.size(), saved.size());
      engine.takeOver(partition, saved);
    });
  }

  private Future<Void> saveState(RuleEngine.Active rule) {
    try {
      return states.put(rule.rule().id(), rule.state().toJson());
    } catch (RuntimeException e) {
      // the cluster manager refuses synchronously once its member is shut down
      return Future.failedFuture(e);
    }
  }

  private void fire(RuleEngine.Active active, double value, long exchangeTimeMs) {
    Rule rule = active.rule();
    RuleState state = active.state();
    JsonObject firing = new JsonObject()
        .put("id", rule.id() + "#" + state.firedCount())
        .put("ruleId", rule.id())
        .put("name", rule.name())
        .put("metric", rule.metric().name())
        .put("op", rule.op().wireName())
        .put("value", value)
        .put("source", active.source())
        .put("firedAtMs", state.lastFiredAtMs())
        .put("exchangeTimeMs", exchangeTimeMs)
        .put("rule", rule.toJson());
    LOG.debug("rule {} fires on {}: saving its state", rule.id(), value);
    saveState(active).onComplete(ar -> {
      if (ar.failed()) {
        // unsaved, a firing could be repeated by the member taking the partition over: not published, and the
        // rule is armed again so the next value (here, or at the new owner) fires it
        LOG.warn("rule {}: its state could not be saved ({}); firing on the next value", rule.id(),
            ar.cause().getMessage());
        state.undoFiring();
        return;
      }
      vertx.eventBus().publish(Addresses.ALERTS_FIRED, firing);
      firings.increment();
      LOG.info("rule {} fired: {} {} {} at {}", rule.id(), rule.metric().name(), rule.op().wireName(),
          rule.op().isBand() ? rule.low() + ".." + rule.high() : rule.value(), value);
      if (rule.webhookUrl() != null) {
        webhooks.send(rule.webhookUrl(), firing);
      }
    });
  }

  // ---- the rules API on the bus ----

  private Future<Void> reply(String address, java.util.function.Function<JsonObject, Future<Object>> handler) {
    return vertx.eventBus().<Object>consumer(address, (Message<Object> m) -> {
      JsonObject body = m.body() instanceof JsonObject o ? o : null;
      Future<Object> answer;
      try {
        answer = handler.apply(body == null ? new JsonObject() : body);
      } catch (RuleException e) {
        answer = Future.failedFuture(e);
      }
      answer.onSuccess(m::reply).onFailure(e -> {
        int code = e instanceof RuleException ? 400 : e instanceof NotFound ? 404 : 500;
        m.fail(code, e.getMessage());
      });
    }).completion();
  }

  /** A request naming a rule that does not exist. */
  private static final class NotFound extends RuntimeException {
    NotFound(String id) {
      super("no rule " + id);
    }
  }

  private Future<Object> create(JsonObject doc) {
    if (doc.containsKey("id") || doc.containsKey("createdAtMs")) {
      throw new RuleException(doc.containsKey("id") ? "id" : "createdAtMs", "given by the stage, not by the request");
    }
    Rule parsed = parser.parse(doc);
    if (engine.size() >= config.maxRules()) {
      throw new RuleException("rule", "at most " + config.maxRules() + " rules (ALERTS_MAX_RULES)");
    }
    Rule rule = parsed.withId(UUID.randomUUID().toString(), System.currentTimeMillis());
    JsonObject json = rule.toJson();
    return store.put(rule.id(), json).map(v -> {
      vertx.eventBus().publish(Addresses.ALERTS_RULES_CHANGED, RuleStore.created(json));
      return json;
    });
  }

  private Future<Object> list(JsonObject request) {
    JsonArray all = new JsonArray();
    engine.all().stream().map(RuleEngine.Active::rule)
        .sorted((a, b) -> Long.compare(a.createdAtMs(), b.createdAtMs()))
        .forEach(r -> all.add(r.toJson()));
    return Future.succeededFuture(all);
  }

  private Future<Object> get(JsonObject request) {
    String id = id(request);
    return store.get(id).compose(rule -> rule == null
        ? Future.failedFuture(new NotFound(id))
        : states.get(id).map(state -> rule.copy().put("state", state == null ? new RuleState().toJson() : state)));
  }

  private Future<Object> delete(JsonObject request) {
    String id = id(request);
    return store.remove(id).compose(rule -> {
      if (rule == null) {
        return Future.failedFuture(new NotFound(id));
      }
      vertx.eventBus().publish(Addresses.ALERTS_RULES_CHANGED, RuleStore.deleted(rule));
      return states.remove(id).map(state -> rule);
    });
  }

  private static String id(JsonObject request) {
    Object id = request.getValue("id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw new RuleException("id", "required");
    }
    return s;
  }

  private Future<Object> firedBetween(JsonObject request) {
    long to = time(request, "to", Long.MAX_VALUE);
    long from = time(request, "from", 0);
    if (from > to) {
      throw new RuleException("from", "after to");
    }
    long limit = time(request, "limit", config.firedKeep());
    return Future.succeededFuture(new JsonObject().put("from", from).put("to", to == Long.MAX_VALUE ? null : to)
        .put("firings", fired.between(from, to, (int) Math.min(limit, config.firedKeep()))));
  }

  /** An epoch-ms (or count) parameter given as a number or a decimal string. */
  private static long time(JsonObject request, String field, long absent) {
    Object value = request.getValue(field);
    if (value == null) {
      return absent;
    }
    try {
      long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
      if (parsed < 0) {
        throw new RuleException(field, "must be >= 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new RuleException(field, "must be a whole number (epoch milliseconds)");
    }
  }

  private void onChanged(JsonObject change) {
    String kind = change.getString("change");
    if ("seeded".equals(kind)) {
      store.entries().onSuccess(this::addMissing);
      return;
    }
    JsonObject doc = change.getJsonObject("rule");
    if (doc == null || doc.getString("id") == null) {
      return;
    }
    store.record(change);
    if ("deleted".equals(kind)) {
      engine.remove(doc.getString("id"));
    } else {
      try {
        engine.add(parser.parse(doc));
      } catch (RuleException e) {
        LOG.warn("rule {} from the bus refused: {}", doc.getString("id"), e.getMessage());
      }
    }
  }

  private void addMissing(Map<String, JsonObject> documents) {
    Map<String, JsonObject> missing = new HashMap<>(documents);
    missing.keySet().removeIf(id -> engine.get(id) != null);
    missing.values().forEach(doc -> store.record(RuleStore.created(doc)));
    addAll(missing);
  }
}
