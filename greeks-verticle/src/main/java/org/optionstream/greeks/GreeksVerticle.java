package org.optionstream.greeks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
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
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;
import org.optionstream.common.vertx.EventBusOutbound;
import org.optionstream.greeks.intake.TickIntake;
import org.optionstream.greeks.outbound.PublishGate;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.GreeksResult;
import org.optionstream.greeks.quality.QualityCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes option ticks from {@code greeks.compute.batch} (one message per feed frame) and
 * {@code greeks.compute} (single ticks), both sent round-robin over every instance in the cluster
 * (a batch is acknowledged with an empty reply as it is taken in, so the feed sends a batch nobody
 * acknowledged to another instance); solves implied volatility and the five Greeks (Black-76 on the tick's forward, conventions in
 * {@code docs/pricing.md}) and publishes one {@code greeks_update} per tick on
 * {@code greeks.update}, with the exact inputs used and an explicit {@code ivStatus} whenever IV
 * cannot be solved. The same updates go out encoded once on {@code greeks.update.frames} for the
 * gateways, one message per slice of priced ticks, or per {@value #FRAMES_PER_MESSAGE} of a larger slice: a
 * consumer that falls behind holds at most Vert.x's buffered-message limit of these messages, so their size
 * bounds its memory.
 *
 * <p>Arriving ticks go through a {@link TickIntake}, at most one waiting per instrument: when ticks come faster
 * than this instance prices them, the newest tick of an instrument replaces the one still waiting (counted in
 * {@code optionstream.greeks.shed}), so memory and latency stay bounded and every instrument keeps updating with
 * its freshest price. Pricing runs in slices of at most {@value #SLICE_TICKS} ticks: one as each batch arrives (so
 * a batch is priced the moment it arrives while nothing waits), and, while ticks still wait, one more every
 * {@value #CONTINUE_MILLIS} ms on a timer; while that timer is set, arriving batches only join the intake. A timer
 * rather than a queued task, because Netty runs queued tasks for up to a whole task quantum before it serves the
 * event loop's sockets again; a loop that fed itself tasks would starve its own sockets, among them the connection
 * that carries these updates to the gateways. Readiness is DOWN when ticks have waited for {@value #STALL_MILLIS}
 * ms with none priced, or when this instance does not answer the probe within {@value #PROBE_TIMEOUT_MILLIS} ms.
 * Runs on an event loop ({@code GreeksMain}), so a batch reaches the intake as soon as it is read: no queue stands
 * in front of it. Nothing is priced while another member's event-bus connection is full ({@link PublishGate}, at
 * most {@value #HUNG_MEMBER_MILLIS} ms per member): a member that reads slowly holds greeks back, its ticks
 * conflating in the intake, instead of greeks holding every update it cannot send (counted in
 * {@code optionstream.greeks.held}).
 *
 * <p>Stateless per tick: the last IV per instrument is kept only as the solver's warm start. Answers
 * {@code greeks.snapshot} with the newest update per instrument this process holds.
 */
public final class GreeksVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GreeksVerticle.class);
  static final String HEALTH_CHECK = "greeks";
  /** Most ticks priced in one go. */
  static final int SLICE_TICKS = 256;
  /** Most encoded updates in one {@code greeks.update.frames} message (about 70 KB: JSON and binary form). */
  static final int FRAMES_PER_MESSAGE = 64;
  /** While ticks wait, the next slice is priced this long after the last one, ms. */
  static final long CONTINUE_MILLIS = 1;
  /** Ticks waiting this long with none priced make the instance not ready, ms. */
  static final long STALL_MILLIS = 5_000;
  /**
   * How long a member's full connection holds publishing back before that member counts as hung, ms: well under the
   * 5 s the gateway may go without updates, well over a collection's pause.
   */
  static final long HUNG_MEMBER_MILLIS = 1_000;
  /** How long the readiness probe waits for this instance's context to run it, ms. */
  static final long PROBE_TIMEOUT_MILLIS = 2_000;

  private final GreeksConfig config;
  private final GreeksResult result = new GreeksResult();
  private final GreeksResult midResult = new GreeksResult();
  private final QualityCheck quality;
  private final JsonBytesWriter writer = new JsonBytesWriter();
  /** Reused per tick: {@link #price} sets every value before each build, and build copies them. */
  private final GreeksUpdate.Builder update = GreeksUpdate.builder();
  private final TickIntake intake = new TickIntake();
  /** Last solved IV per instrument key: a warm start only, never an input to correctness. */
  private final Map<String, double[]> lastIv = new HashMap<>();
  private final GreeksBook book;
  private final StageHealth health;
  private final ConsumerPresence presence;
  private Counter ticks;
  private Counter ignoredIndex;
  private Counter ignoredRepeat;
  private Counter shed;
  private final Map<IvStatus, Counter> statusCounters = new EnumMap<>(IvStatus.class);
  private Timer latency;
  private Counter held;
  private PublishGate gate;
  private long processed;
  /** The timer that prices the next slice while ticks wait; -1 when none is set. */
  private long continuation = -1;
  private long lastSliceNanos = System.nanoTime();
  private String progressCheck;
  private int cachedExpiryDay = Integer.MIN_VALUE;
  private long cachedExpiryMillis;

  /**
   * An instance that keeps its updates in {@code book}, shared by every instance of the process, registers
   * its readiness on {@code health} and publishes JSON updates only while {@code presence} says someone may
   * consume them.
   */
  GreeksVerticle(GreeksConfig config, GreeksBook book, StageHealth health, ConsumerPresence presence) {
    this.config = config;
    this.quality = new QualityCheck(config.quality());
    this.book = book;
    this.health = health;
    this.presence = presence;
  }

  @Override
  public Future<?> start() {
    MeterRegistry registry = StageMetrics.registry();
    ticks = Counter.builder("optionstream.greeks.ticks")
        .description("option ticks priced, from greeks.compute.batch and greeks.compute").register(registry);
    ignoredIndex = Counter.builder("optionstream.greeks.ignored").tag("reason", "index")
        .description("INDEX ticks that reached greeks (the feed does not send them)").register(registry);
    ignoredRepeat = Counter.builder("optionstream.greeks.ignored").tag("reason", "repeat")
        .description("option ticks no newer than one already priced (a batch the feed resent after a missed ack)")
        .register(registry);
    shed = Counter.builder("optionstream.greeks.shed")
        .description("option ticks replaced by a newer tick of the same instrument before they were priced (overload)")
        .register(registry);
    for (IvStatus s : IvStatus.values()) {
      statusCounters.put(s, Counter.builder("optionstream.greeks.iv.status").tag("status", s.name())
          .description("greeks updates by ivStatus").register(registry));
    }
    held = Counter.builder("optionstream.greeks.held")
        .description("slices not priced yet because a member's event-bus connection was full (it reads too slowly)")
        .register(registry);
    gate = new PublishGate(EventBusOutbound.of(vertx), TimeUnit.MILLISECONDS.toNanos(HUNG_MEMBER_MILLIS),
        System::nanoTime);
    latency = Timer.builder("optionstream.greeks.latency")
        .description("time to turn one tick into a published greeks_update").register(registry);
    registerReadinessOnce();

    MessageConsumer<Tick> compute = vertx.eventBus().consumer(Addresses.GREEKS_COMPUTE, this::onTick);
    MessageConsumer<TickBatch> batches = vertx.eventBus().consumer(Addresses.GREEKS_COMPUTE_BATCH, this::onBatch);
    MessageConsumer<Object> snapshot = vertx.eventBus().consumer(Addresses.GREEKS_SNAPSHOT, this::onSnapshot);
    return Future.join(compute.completion(), batches.completion(), snapshot.completion()).onSuccess(v -> {
      int n = book.consumerStarted();
      progressCheck = HEALTH_CHECK + "-" + n;
      health.readiness().register(progressCheck, PROBE_TIMEOUT_MILLIS,
          promise -> context.runOnContext(probe -> promise.tryComplete(progress())));
      LOG.info("greeks consuming {} and {} (instance {} in this process, rate {})", Addresses.GREEKS_COMPUTE_BATCH,
          Addresses.GREEKS_COMPUTE, n, config.riskFreeRate());
    });
  }

  @Override
  public Future<?> stop() {
    book.consumerStopped();
    if (progressCheck != null) {
      health.readiness().unregister(progressCheck);
    }
    return Future.succeededFuture();
  }

  private void registerReadinessOnce() {
    if (book.markHealthRegistered()) {
      GreeksBook shared = book;
      health.readiness().register(HEALTH_CHECK, promise -> promise.complete(shared.consuming() ? Status.OK() : Status.KO()));
    }
  }

  /** Option ticks this instance has priced (tests use it to see the load shared). */
  long processedTicks() {
    return processed;
  }

  /** Option ticks this instance shed: replaced by a newer tick of their instrument before being priced. */
  long shedTicks() {
    return intake.shed();
  }

  /** The context this instance prices on (a worker context when deployed by {@code GreeksMain}). */
  Context pricingContext() {
    return context;
  }

  private void onTick(Message<Tick> message) {
    take(message.body());
    priceUnlessBehind();
  }

  /** The ticks of one feed frame, queued in arrival order. */
  private void onBatch(Message<TickBatch> message) {
    message.reply(null);
    List<Tick> batch = message.body().getTicksList();
    for (int i = 0; i < batch.size(); i++) {
      take(batch.get(i));
    }
    priceUnlessBehind();
  }

  /**
   * Prices what just arrived at once, unless ticks were already waiting for the continuation timer: then pricing
   * is behind and arrivals only join the intake, so taking a batch in stays cheap whatever the backlog, and the
   * loop keeps reading its sockets (and acknowledging batches) while the timer prices.
   */
  private void priceUnlessBehind() {
    if (continuation < 0) {
      priceSlice();
    }
  }

  private void take(Tick tick) {
    InstrumentKind kind = tick.getKind();
    if (kind != InstrumentKind.CALL && kind != InstrumentKind.PUT) {
      ignoredIndex.increment();
      return;
    }
    long repeats = intake.repeats();
    if (intake.offer(tick)) {
      shed.increment();
    } else if (intake.repeats() != repeats) {
      ignoredRepeat.increment();
    }
  }

  /** Prices up to {@link #SLICE_TICKS} waiting ticks and publishes their frames, {@link #FRAMES_PER_MESSAGE} a message. */
  private void priceSlice() {
    if (intake.waiting() > 0 && !gate.open()) {
      held.increment();
      continueLater();
      return;
    }
    long started = System.nanoTime();
    List<GreeksUpdateFrame> frames = new ArrayList<>(Math.min(intake.waiting(), SLICE_TICKS));
    Tick tick;
    while (frames.size() < SLICE_TICKS && (tick = intake.poll()) != null) {
      frames.add(price(tick));
    }
    lastSliceNanos = System.nanoTime();
    if (!frames.isEmpty()) {
      for (int from = 0; from < frames.size(); from += FRAMES_PER_MESSAGE) {
        List<GreeksUpdateFrame> part = frames.subList(from, Math.min(frames.size(), from + FRAMES_PER_MESSAGE));
        vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(part));
      }
      long perTick = (lastSliceNanos - started) / frames.size();
      for (int i = 0; i < frames.size(); i++) {
        latency.record(perTick, TimeUnit.NANOSECONDS);
      }
    }
    if (intake.waiting() > 0) {
      continueLater();
    }
  }

  /** Prices the next slice {@value #CONTINUE_MILLIS} ms from now, unless that is already set. */
  private void continueLater() {
    if (continuation < 0) {
      continuation = vertx.setTimer(CONTINUE_MILLIS, id -> {
        continuation = -1;
        priceSlice();
      });
    }
  }

  /** Readiness of this instance, on its event loop: DOWN when ticks wait and none was priced for a while. */
  private Status progress() {
    long idleMillis = (System.nanoTime() - lastSliceNanos) / 1_000_000;
    JsonObject data = new JsonObject().put("waiting", intake.waiting()).put("shed", intake.shed());
    if (intake.waiting() > 0 && idleMillis > STALL_MILLIS) {
      return Status.KO(data.put("reason", "ticks waiting, none priced for " + idleMillis + " ms"));
    }
    return Status.OK(data);
  }

  /**
   * Prices one option tick, keeps it for snapshots and publishes it on {@code greeks.update} (as its
   * public JSON); returns its encoded frame.
   */
  private GreeksUpdateFrame price(Tick tick) {
    ticks.increment();
    processed++;
    GreeksUpdate update = compute(tick);
    statusCounters.get(update.ivStatus()).increment();
    book.offer(update);
    GreeksUpdateFrame frame = GreeksUpdateFrame.of(update, writer);
    // Consumers receive the JSON data (GreeksUpdateJsonCodec); with none, no JSON tree is ever built, and with
    // none anywhere in the cluster the message is not even sent.
    if (presence.mayBeConsumed(Addresses.GREEKS_UPDATE)) {
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE, frame);
    }
    return frame;
  }

  /** One tick to its greeks_update: time to expiry, forward, IV solve, Greeks, IV of the mid, quality flags. */
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
      // The feed always sends a forward; should it be missing, carry the spot at the rate (forwardSource SPOT).
      forward = tick.getUnderlyingPrice() * Math.exp(rate * years);
      forwardSource = "SPOT";
    }
    String key = tick.getInstrumentKey();
    double[] warm = lastIv.get(key);
    Black76.solve(forward, tick.getStrike(), years, rate, tick.getLastPrice(), call,
        warm == null ? Double.NaN : warm[0], result);
    if (result.status == IvStatus.OK) {
      if (warm == null) {
        lastIv.put(key, new double[] {result.iv});
      } else {
        warm[0] = result.iv;
      }
    }
    double bid = tick.getBidPrice();
    double ask = tick.getAskPrice();
    double ivMid = Double.NaN;
    if (bid > 0 && ask >= bid) {
      Black76.solve(forward, tick.getStrike(), years, rate, 0.5 * (bid + ask), call,
          result.status == IvStatus.OK ? result.iv : Double.NaN, midResult);
      ivMid = midResult.status == IvStatus.OK ? midResult.iv : Double.NaN;
    }
    int flags = quality.flags(tick.getLastPrice(), bid, ask, tick.getVolume(), tick.getExchangeTimeMs(),
        tick.getLastTradeTimeMs(), Math.max(years, 0.0), forward, tick.getStrike(), call, result.status);
    double oi = tick.getOpenInterest();
    double oiChange = tick.hasPrevOpenInterest() ? oi - tick.getPrevOpenInterest() : Double.NaN;
    return update.instrumentKey(key).symbol(tick.getSymbol()).strike(tick.getStrike())
        .type(call ? "CE" : "PE").expiry(IstTime.date(tick.getExpiryEpochDay())).price(tick.getLastPrice()).oi(oi)
        .oiChange(oiChange).volume(tick.getVolume()).bid(positiveOrNaN(bid)).ask(positiveOrNaN(ask)).iv(result.iv)
        .delta(result.delta).gamma(result.gamma).theta(result.theta).vega(result.vega).rho(result.rho)
        .exchangeTimeMs(tick.getExchangeTimeMs()).sequence(tick.getSequence())
        .underlyingPrice(positiveOrNaN(tick.getUnderlyingPrice())).forward(positiveOrNaN(forward))
        .forwardSource(forwardSource).timeToExpiry(Math.max(years, 0.0)).rate(rate).ivStatus(result.status)
        .feedReceivedAtMicros(tick.getFeedReceivedAtMicros()).lastTradeTimeMs(tick.getLastTradeTimeMs()).ivMid(ivMid)
        .quality(flags).build();
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
