package org.optionstream.greeks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.optionstream.common.Addresses;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.json.IstTime;
import org.optionstream.common.json.IvStatus;
import org.optionstream.common.json.JsonBytesWriter;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.greeks.pricing.Black76Greeks;
import org.optionstream.greeks.pricing.GreeksResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes option ticks from {@code greeks.compute.batch} (one message per feed frame) and
 * {@code greeks.compute} (single ticks), both sent round-robin over every instance in the cluster;
 * solves implied volatility and the five Greeks (Black-76 on the tick's forward, DESIGN.md units)
 * and publishes one {@code greeks_update} per tick on {@code greeks.update}, with the exact inputs
 * used and an explicit {@code ivStatus} whenever IV cannot be solved. The same updates go out encoded
 * once on {@code greeks.update.frames} for the gateways, one message per batch. Stateless per tick:
 * the last IV per instrument is kept only as the solver's warm start. Answers {@code greeks.snapshot}
 * with the newest update per instrument this process holds.
 */
public final class GreeksVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GreeksVerticle.class);
  static final String HEALTH_CHECK = "greeks";

  private final GreeksConfig config;
  private final GreeksResult result = new GreeksResult();
  private final JsonBytesWriter writer = new JsonBytesWriter();
  /** Last solved IV per instrument key: a warm start only, never an input to correctness. */
  private final Map<String, double[]> lastIv = new HashMap<>();
  private GreeksBook book;
  private Counter ticks;
  private Counter ignoredIndex;
  private final Map<IvStatus, Counter> statusCounters = new EnumMap<>(IvStatus.class);
  private Timer latency;
  private long processed;
  private int cachedExpiryDay = Integer.MIN_VALUE;
  private long cachedExpiryMillis;

  public GreeksVerticle(GreeksConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    book = GreeksBook.of(vertx);
    MeterRegistry registry = StageMetrics.registry();
    ticks = Counter.builder("optionstream.greeks.ticks").description("option ticks taken from greeks.compute")
        .register(registry);
    ignoredIndex = Counter.builder("optionstream.greeks.ignored").tag("reason", "index")
        .description("INDEX ticks that reached greeks.compute (the feed should not send them)").register(registry);
    for (IvStatus s : IvStatus.values()) {
      statusCounters.put(s, Counter.builder("optionstream.greeks.iv.status").tag("status", s.name())
          .description("greeks updates by ivStatus").register(registry));
    }
    latency = Timer.builder("optionstream.greeks.latency")
        .description("time to turn one tick into a published greeks_update").register(registry);
    registerReadinessOnce();

    MessageConsumer<Tick> compute = vertx.eventBus().consumer(Addresses.GREEKS_COMPUTE, this::onTick);
    MessageConsumer<TickBatch> batches = vertx.eventBus().consumer(Addresses.GREEKS_COMPUTE_BATCH, this::onBatch);
    MessageConsumer<Object> snapshot = vertx.eventBus().consumer(Addresses.GREEKS_SNAPSHOT, this::onSnapshot);
    return Future.join(compute.completion(), batches.completion(), snapshot.completion()).onSuccess(v -> {
      int n = book.consumerStarted();
      LOG.info("greeks consuming {} and {} (instance {} in this process, rate {})", Addresses.GREEKS_COMPUTE_BATCH,
          Addresses.GREEKS_COMPUTE, n, config.riskFreeRate());
    });
  }

  @Override
  public Future<?> stop() {
    book.consumerStopped();
    return Future.succeededFuture();
  }

  private void registerReadinessOnce() {
    StageHealth health = StageHealth.of(vertx);
    if (book.markHealthRegistered()) {
      GreeksBook shared = book;
      health.readiness().register(HEALTH_CHECK, promise -> promise.complete(shared.consuming() ? Status.OK() : Status.KO()));
    }
  }

  /** Option ticks this instance has priced (tests use it to see the load shared). */
  long processedTicks() {
    return processed;
  }

  private void onTick(Message<Tick> message) {
    long started = System.nanoTime();
    GreeksUpdateFrame frame = price(message.body());
    if (frame != null) {
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(frame));
      latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** The ticks of one feed frame: priced one by one, their encoded updates published as one message. */
  private void onBatch(Message<TickBatch> message) {
    long started = System.nanoTime();
    List<Tick> batch = message.body().getTicksList();
    List<GreeksUpdateFrame> frames = new ArrayList<>(batch.size());
    for (Tick tick : batch) {
      GreeksUpdateFrame frame = price(tick);
      if (frame != null) {
        frames.add(frame);
      }
    }
    if (!frames.isEmpty()) {
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(frames));
      long perTick = (System.nanoTime() - started) / frames.size();
      for (int i = 0; i < frames.size(); i++) {
        latency.record(perTick, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Prices one tick, keeps it for snapshots and publishes it on {@code greeks.update} (as its public JSON);
   * returns its encoded frame, or null for a tick that is not an option.
   */
  private GreeksUpdateFrame price(Tick tick) {
    InstrumentKind kind = tick.getKind();
    if (kind != InstrumentKind.CALL && kind != InstrumentKind.PUT) {
      ignoredIndex.increment();
      return null;
    }
    ticks.increment();
    processed++;
    GreeksUpdate update = compute(tick);
    statusCounters.get(update.ivStatus()).increment();
    book.offer(update);
    GreeksUpdateFrame frame = GreeksUpdateFrame.of(update, writer);
    // Consumers receive the JSON data (GreeksUpdateJsonCodec); with none, no JSON tree is ever built.
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE, frame);
    return frame;
  }

  /** One tick to its greeks_update: time to expiry, forward, IV solve, Greeks. */
  GreeksUpdate compute(Tick tick) {
    boolean call = tick.getKind() == InstrumentKind.CALL;
    double rate = config.riskFreeRate();
    double years = ExpiryClock.yearsToExpiry(tick.getExchangeTimeMs(), expiryMillis(tick.getExpiryEpochDay()));
    double forward = tick.getForward();
    String forwardSource = switch (tick.getForwardSource()) {
      case SPOT -> "SPOT";
      case SYNTHETIC -> "SYNTHETIC";
      default -> null;
    };
    if (!(forward > 0) && tick.getUnderlyingPrice() > 0 && years > 0) {
      // The feed always sends a forward; should it be missing, carry the spot at the rate (DESIGN: SPOT).
      forward = tick.getUnderlyingPrice() * Math.exp(rate * years);
      forwardSource = "SPOT";
    }
    String key = tick.getInstrumentKey();
    double[] warm = lastIv.get(key);
    Black76Greeks.solve(forward, tick.getStrike(), years, rate, tick.getLastPrice(), call,
        warm == null ? Double.NaN : warm[0], result);
    if (result.status == IvStatus.OK) {
      if (warm == null) {
        lastIv.put(key, new double[] {result.iv});
      } else {
        warm[0] = result.iv;
      }
    }
    double oi = tick.getOpenInterest();
    double oiChange = tick.hasPrevOpenInterest() ? oi - tick.getPrevOpenInterest() : Double.NaN;
    return new GreeksUpdate(key, tick.getSymbol(), tick.getStrike(), call ? "CE" : "PE",
        IstTime.date(tick.getExpiryEpochDay()), tick.getLastPrice(), oi, oiChange, tick.getVolume(),
        positiveOrNaN(tick.getBidPrice()), positiveOrNaN(tick.getAskPrice()), result.iv, result.delta, result.gamma,
        result.theta, result.vega, result.rho, tick.getExchangeTimeMs(), tick.getSequence(),
        positiveOrNaN(tick.getUnderlyingPrice()), positiveOrNaN(forward), forwardSource, Math.max(years, 0.0), rate,
        result.status, tick.getFeedReceivedAtMicros());
  }

  private void onSnapshot(Message<Object> request) {
    String symbol = null;
    String expiry = null;
    if (request.body() instanceof JsonObject filter) {
      symbol = filter.getString("symbol");
      expiry = filter.getString("expiry");
    }
    request.reply(book.snapshot(symbol, expiry));
  }

  private long expiryMillis(int epochDay) {
    if (epochDay != cachedExpiryDay) {
      cachedExpiryMillis = ExpiryClock.expiryInstantMillis(epochDay);
      cachedExpiryDay = epochDay;
    }
    return cachedExpiryMillis;
  }

  private static double positiveOrNaN(double v) {
    return v > 0 ? v : Double.NaN;
  }
}
