package org.optionstream.greeks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.testing.Polling;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.GreeksResult;

@ExtendWith(VertxExtension.class)
class GreeksVerticleTest {

  private static final double RATE = 0.10;
  private static final String EXPIRY = "2025-11-27";
  private static final long EXCHANGE_TIME = IstTime.parseTimestamp("2025-11-20T09:15:01.123+05:30");
  private static final double FORWARD = 23_530.1;

  private ProcessServices services;

  @BeforeEach
  void codecs(Vertx vertx) {
    Codecs.register(vertx);
    services = ProcessServices.local(vertx);
  }

  private static Tick.Builder option(String key, InstrumentKind kind, double strike, double price, long seq) {
    return Tick.newBuilder().setInstrumentKey(key).setSymbol("NIFTY").setKind(kind).setStrike(strike)
        .setExpiryEpochDay(IstTime.epochDay(EXPIRY)).setLastPrice(price).setExchangeTimeMs(EXCHANGE_TIME)
        .setSequence(seq).setOpenInterest(1_234_500).setPrevOpenInterest(1_200_000).setVolume(98_765)
        .setBidPrice(price - 0.5).setAskPrice(price + 0.5).setUnderlyingPrice(23_512.3).setForward(FORWARD)
        .setForwardSource(ForwardSource.SYNTHETIC).setFeedReceivedAtMicros(1_763_610_301_123_456L);
  }

  private Future<String> deploy(Vertx vertx, int instances, List<GreeksVerticle> created) {
    GreeksConfig config = new GreeksConfig(RATE, instances);
    GreeksBook book = new GreeksBook();
    return vertx.deployVerticle(() -> {
      GreeksVerticle v = new GreeksVerticle(config, book, services.health(), services.presence());
      created.add(v);
      return v;
    }, new DeploymentOptions().setInstances(instances).setThreadingModel(GreeksMain.stages(
        new org.optionstream.common.config.Env(Map.of())).get(0).threading()));
  }

  /**
   * A feed frame's ticks arrive as one batch and leave as one greeks.update.frames message (the
   * options' updates in order, encoded once, the index tick skipped), with the same updates as JSON
   * on greeks.update.
   */
  @Test
  void aBatchOfTicksBecomesOneMessageOfEncodedUpdatesAndTheSameJson(Vertx vertx, VertxTestContext ctx) {
    Map<String, JsonObject> json = new java.util.concurrent.ConcurrentHashMap<>();
    List<GreeksUpdateFrames> framed = new java.util.concurrent.CopyOnWriteArrayList<>();
    Checkpoint jsonSeen = ctx.checkpoint(2);
    Checkpoint framesSeen = ctx.checkpoint();
    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, msg -> {
      json.put(msg.body().getString("instrumentKey"), msg.body());
      jsonSeen.flag();
      compareWhenComplete(json, framed, ctx);
    });
    vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, msg -> {
      framed.add(msg.body());
      framesSeen.flag();
      compareWhenComplete(json, framed, ctx);
    });
    TickBatch batch = TickBatch.newBuilder()
        .addTicks(option("NSE_FO|43886", InstrumentKind.PUT, 23_450, 61.25, 9))
        .addTicks(Tick.newBuilder().setInstrumentKey("NSE_INDEX|Nifty 50").setKind(InstrumentKind.INDEX)
            .setLastPrice(23_512.3).setExchangeTimeMs(EXCHANGE_TIME))
        .addTicks(option("NSE_FO|43885", InstrumentKind.CALL, 23_500, 180.5, 4))
        .build();
    deploy(vertx, 1, new ArrayList<>()).onComplete(ctx.succeeding(id ->
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE_BATCH, batch)));
  }

  private static void compareWhenComplete(Map<String, JsonObject> json, List<GreeksUpdateFrames> framed,
      VertxTestContext ctx) {
    if (json.size() < 2 || framed.isEmpty()) {
      return;
    }
    ctx.verify(() -> {
      assertThat(framed).hasSize(1);
      List<GreeksUpdateFrame> frames = framed.get(0).frames();
      assertThat(frames).extracting(GreeksUpdateFrame::instrumentKey).containsExactly("NSE_FO|43886", "NSE_FO|43885");
      assertThat(frames).extracting(GreeksUpdateFrame::sequence).containsExactly(9L, 4L);
      for (GreeksUpdateFrame frame : frames) {
        assertThat(frame.symbol()).isEqualTo("NIFTY");
        assertThat(frame.expiry()).isEqualTo(EXPIRY);
        assertThat(frame.exchangeTimeMs()).isEqualTo(EXCHANGE_TIME);
        JsonObject message = new JsonObject(new String(frame.message(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(message.getString("type")).isEqualTo("greeks_update");
        assertThat(message.getJsonObject("data")).isEqualTo(json.get(frame.instrumentKey()));
        assertThat(message.getJsonObject("data").getString("ivStatus")).isEqualTo("OK");
      }
    });
  }

  @Test
  void anOptionTickBecomesAGreeksUpdateWithTheRightNumbers(Vertx vertx, VertxTestContext ctx) {
    double years = ExpiryClock.yearsToExpiry(EXCHANGE_TIME, ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY)));
    double sigma = 0.1423;
    double price = Black76.price(FORWARD, 23_500, years, sigma, RATE, true);
    GreeksResult expected = new GreeksResult();
    Black76.greeks(FORWARD, 23_500, years, RATE, sigma, true, expected);

    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, msg -> ctx.verify(() -> {
      JsonObject d = msg.body();
      assertThat(d.getString("instrumentKey")).isEqualTo("NSE_FO|43885");
      assertThat(d.getString("symbol")).isEqualTo("NIFTY");
      assertThat(d.getString("type")).isEqualTo("CE");
      assertThat(d.getString("expiry")).isEqualTo(EXPIRY);
      assertThat(d.getDouble("strike")).isEqualTo(23_500.0);
      assertThat(d.getDouble("price")).isEqualTo(price);
      assertThat(d.getString("ivStatus")).isEqualTo("OK");
      assertThat(d.getDouble("iv")).isCloseTo(sigma, within(1e-12));
      JsonObject g = d.getJsonObject("greeks");
      assertThat(g.getDouble("delta")).isCloseTo(expected.delta, within(1e-12));
      assertThat(g.getDouble("gamma")).isCloseTo(expected.gamma, within(1e-15));
      assertThat(g.getDouble("theta")).isCloseTo(expected.theta, within(1e-9));
      assertThat(g.getDouble("vega")).isCloseTo(expected.vega, within(1e-9));
      assertThat(g.getDouble("rho")).isCloseTo(expected.rho, within(1e-9));
      assertThat(d.getDouble("timeToExpiry")).isEqualTo(years);
      assertThat(d.getDouble("rate")).isEqualTo(RATE);
      assertThat(d.getDouble("forward")).isEqualTo(FORWARD);
      assertThat(d.getDouble("underlyingPrice")).isEqualTo(23_512.3);
      assertThat(d.getString("forwardSource")).isEqualTo("SYNTHETIC");
      assertThat(d.getDouble("oi")).isEqualTo(1_234_500.0);
      assertThat(d.getDouble("oiChange")).isEqualTo(34_500.0);
      assertThat(d.getLong("volume")).isEqualTo(98_765L);
      assertThat(d.getDouble("bid")).isEqualTo(price - 0.5);
      assertThat(d.getDouble("ask")).isEqualTo(price + 0.5);
      assertThat(d.getLong("exchangeTimeMs")).isEqualTo(EXCHANGE_TIME);
      assertThat(d.getLong("sequence")).isEqualTo(7L);
      assertThat(d.getLong("feedReceivedAtMicros")).isEqualTo(1_763_610_301_123_456L);
      assertThat(d.getString("timestamp")).isEqualTo("2025-11-20T09:15:01.123+05:30");
      ctx.completeNow();
    }));
    deploy(vertx, 1, new ArrayList<>()).onComplete(ctx.succeeding(id -> vertx.eventBus()
        .send(Addresses.GREEKS_COMPUTE, option("NSE_FO|43885", InstrumentKind.CALL, 23_500, price, 7).build())));
  }

  @Test
  void unsolvableTicksArePublishedWithTheirStatusAndIndexTicksAreIgnored(Vertx vertx, VertxTestContext ctx) {
    List<JsonObject> updates = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, msg -> {
      updates.add(msg.body());
      if (updates.size() == 5) {
        ctx.verify(() -> {
          // The INDEX tick was sent first; it produced nothing, so the first update is the no-price one.
          assertThat(updates).extracting(u -> u.getString("instrumentKey"))
              .containsExactly("NSE_FO|1", "NSE_FO|2", "NSE_FO|3", "NSE_FO|4", "NSE_FO|5");
          assertThat(updates).extracting(u -> u.getString("ivStatus"))
              .containsExactly("NO_PRICE", "NO_UNDERLYING", "EXPIRED", "BELOW_INTRINSIC", "OK");
          // no forward on the tick but an index price: the spot carried at the rate, said so in forwardSource
          JsonObject spotOnly = updates.get(4);
          double years = spotOnly.getDouble("timeToExpiry");
          assertThat(spotOnly.getString("forwardSource")).isEqualTo("SPOT");
          assertThat(spotOnly.getDouble("forward")).isCloseTo(23_512.3 * Math.exp(RATE * years), within(1e-9));
          assertThat(spotOnly.getDouble("iv")).isPositive();
          for (JsonObject u : updates.subList(0, 4)) {
            assertThat(u.getValue("iv")).isNull();
            assertThat(u.getJsonObject("greeks").getValue("delta")).isNull();
            assertThat(u.getJsonObject("greeks").getValue("vega")).isNull();
          }
          assertThat(updates.get(1).getValue("forward")).isNull();
          ctx.completeNow();
        });
      }
    });
    Tick index = Tick.newBuilder().setInstrumentKey("NSE_INDEX|Nifty 50").setSymbol("NIFTY").setKind(InstrumentKind.INDEX)
        .setLastPrice(23_512.3).setExchangeTimeMs(EXCHANGE_TIME).setSequence(1).build();
    Tick noPrice = option("NSE_FO|1", InstrumentKind.CALL, 23_500, 0.0, 1).build();
    Tick noUnderlying = option("NSE_FO|2", InstrumentKind.PUT, 23_500, 120.0, 1).setForward(0).setUnderlyingPrice(0).build();
    Tick expired = option("NSE_FO|3", InstrumentKind.CALL, 23_500, 12.0, 1)
        .setExchangeTimeMs(IstTime.parseTimestamp("2025-11-27T15:30:00.000+05:30")).build();
    Tick belowIntrinsic = option("NSE_FO|4", InstrumentKind.CALL, 23_000, 400.0, 1).build();
    Tick spotOnly = option("NSE_FO|5", InstrumentKind.PUT, 23_500, 120.0, 1).setForward(0).build();
    deploy(vertx, 1, new ArrayList<>()).onComplete(ctx.succeeding(id -> {
      for (Tick t : List.of(index, noPrice, noUnderlying, expired, belowIntrinsic, spotOnly)) {
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE, t);
      }
    }));
  }

  @Test
  void twoInstancesShareTheLoadAndTheSnapshotHoldsTheNewestPerInstrument(Vertx vertx, VertxTestContext ctx) {
    int instruments = 20;
    List<GreeksVerticle> created = new CopyOnWriteArrayList<>();
    List<JsonObject> updates = new CopyOnWriteArrayList<>();
    double years = ExpiryClock.yearsToExpiry(EXCHANGE_TIME, ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY)));
    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, msg -> {
      updates.add(msg.body());
      if (updates.size() == 2 * instruments) {
        JsonObject filter = new JsonObject().put("symbol", "NIFTY").put("expiry", EXPIRY);
        vertx.eventBus().<JsonArray>request(Addresses.GREEKS_SNAPSHOT, filter)
            .compose(all -> vertx.eventBus().<JsonArray>request(Addresses.GREEKS_SNAPSHOT,
                new JsonObject().put("expiry", "2030-01-01")).map(none -> List.of(all.body(), none.body())))
            .onComplete(ctx.succeeding(replies -> ctx.verify(() -> {
              assertThat(created).hasSize(2);
              assertThat(created).allSatisfy(v -> assertThat(v.processedTicks()).isPositive());
              assertThat(created.get(0).processedTicks() + created.get(1).processedTicks()).isEqualTo(2L * instruments);
              JsonArray snapshot = replies.get(0);
              assertThat(snapshot).hasSize(instruments);
              for (int i = 0; i < instruments; i++) {
                JsonObject u = snapshot.getJsonObject(i);
                // Sequence 2 was sent before sequence 1 for every instrument: the newer one stays.
                assertThat(u.getLong("sequence")).isEqualTo(2L);
                assertThat(u.getString("ivStatus")).isEqualTo("OK");
                assertThat(u.getDouble("iv")).isCloseTo(0.20, within(1e-12));
              }
              assertThat(replies.get(1)).isEmpty();
              ctx.completeNow();
            })));
      }
    });
    deploy(vertx, 2, created).onComplete(ctx.succeeding(id -> {
      for (int i = 0; i < instruments; i++) {
        double strike = 23_000 + 50 * i;
        double price = Black76.price(FORWARD, strike, years, 0.20, RATE, false);
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE, option("NSE_FO|" + (1000 + i), InstrumentKind.PUT, strike, price, 2).build());
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE,
            option("NSE_FO|" + (1000 + i), InstrumentKind.PUT, strike, price * 1.01, 1).build());
      }
    }));
  }

  /**
   * Ticks of an instrument that arrive before it is priced replace each other: the newest is priced,
   * the others are counted as shed, and every instrument keeps its place in line.
   */
  @Test
  void ticksWaitingForTheSameInstrumentAreShedAndOnlyTheNewestIsPriced(Vertx vertx, VertxTestContext ctx) {
    List<GreeksVerticle> created = new CopyOnWriteArrayList<>();
    List<JsonObject> updates = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, msg -> updates.add(msg.body()));
    vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, msg -> ctx.verify(() -> {
      assertThat(msg.body().frames()).extracting(GreeksUpdateFrame::instrumentKey)
          .containsExactly("NSE_FO|43885", "NSE_FO|43886");
      assertThat(msg.body().frames()).extracting(GreeksUpdateFrame::sequence).containsExactly(3L, 2L);
      assertThat(updates).extracting(u -> u.getLong("sequence")).containsExactly(3L, 2L);
      assertThat(created.get(0).processedTicks()).isEqualTo(2);
      assertThat(created.get(0).shedTicks()).isEqualTo(3);
      ctx.completeNow();
    }));
    TickBatch batch = TickBatch.newBuilder()
        .addTicks(option("NSE_FO|43885", InstrumentKind.CALL, 23_500, 180.5, 1))
        .addTicks(option("NSE_FO|43886", InstrumentKind.PUT, 23_450, 61.25, 1))
        .addTicks(option("NSE_FO|43885", InstrumentKind.CALL, 23_500, 181.0, 2))
        .addTicks(option("NSE_FO|43885", InstrumentKind.CALL, 23_500, 181.5, 3))
        .addTicks(option("NSE_FO|43886", InstrumentKind.PUT, 23_450, 61.0, 2))
        .build();
    deploy(vertx, 1, created).onComplete(ctx.succeeding(id -> vertx.eventBus().send(Addresses.GREEKS_COMPUTE_BATCH, batch)));
  }

  /**
   * A batch larger than a slice is priced over several turns and published in messages of at most
   * {@link GreeksVerticle#FRAMES_PER_MESSAGE} updates (each slice's updates in order, split), nothing lost.
   */
  @Test
  void aBatchLargerThanASliceIsPricedInSlices(Vertx vertx, VertxTestContext ctx) {
    int instruments = 2 * GreeksVerticle.SLICE_TICKS + 88;
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, msg -> {
      sizes.add(msg.body().size());
      msg.body().frames().forEach(f -> keys.add(f.instrumentKey()));
      if (keys.size() == instruments) {
        ctx.verify(() -> {
          List<Integer> expected = new ArrayList<>();
          for (int slice : new int[] {GreeksVerticle.SLICE_TICKS, GreeksVerticle.SLICE_TICKS, 88}) {
            for (int from = 0; from < slice; from += GreeksVerticle.FRAMES_PER_MESSAGE) {
              expected.add(Math.min(GreeksVerticle.FRAMES_PER_MESSAGE, slice - from));
            }
          }
          assertThat(sizes).containsExactlyElementsOf(expected);
          ctx.completeNow();
        });
      }
    });
    TickBatch.Builder batch = TickBatch.newBuilder();
    for (int i = 0; i < instruments; i++) {
      batch.addTicks(option("NSE_FO|" + (50_000 + i), InstrumentKind.CALL, 20_000 + 50 * i, 100.0, 1));
    }
    deploy(vertx, 1, new ArrayList<>()).onComplete(ctx.succeeding(id ->
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE_BATCH, batch.build())));
  }

  /**
   * A flood of batches, every one acknowledged, is taken into the intake as it arrives while earlier ticks still
   * wait to be priced: only the newest tick of each instrument is priced, not every batch in turn, and each
   * instrument's last update is its newest tick. (Pricing a slice on every arrival priced stale ticks batch after
   * batch, and made taking a batch in as slow as pricing.)
   */
  @Test
  void aFloodOfBatchesIsTakenInAtOnceAndOnlyTheNewestOfEachInstrumentIsPriced(Vertx vertx, VertxTestContext ctx) {
    int instruments = 2 * GreeksVerticle.SLICE_TICKS + 88;
    int batches = 40;
    List<GreeksVerticle> created = new CopyOnWriteArrayList<>();
    Map<String, Long> newest = new java.util.concurrent.ConcurrentHashMap<>();
    vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES,
        msg -> msg.body().frames().forEach(f -> newest.merge(f.instrumentKey(), f.sequence(), Math::max)));
    List<TickBatch> flood = new ArrayList<>();
    for (int b = 1; b <= batches; b++) {
      TickBatch.Builder batch = TickBatch.newBuilder();
      for (int i = 0; i < instruments; i++) {
        batch.addTicks(option("NSE_FO|" + (60_000 + i), InstrumentKind.CALL, 20_000 + 50 * i, 100.0 + b, b));
      }
      flood.add(batch.build());
    }
    deploy(vertx, 1, created).compose(id -> {
      // sent in one go from the instance's own event loop, so the whole flood is in before its timer can fire
      io.vertx.core.Promise<Void> acked = io.vertx.core.Promise.promise();
      created.get(0).pricingContext().runOnContext(v -> {
        List<Future<?>> acks = new ArrayList<>();
        for (TickBatch batch : flood) {
          acks.add(vertx.eventBus().request(Addresses.GREEKS_COMPUTE_BATCH, batch));
        }
        Future.all(acks).<Void>mapEmpty().onComplete(acked);
      });
      return acked.future();
    }).compose(all -> Polling.until(vertx, () -> newest.size() == instruments
        && newest.values().stream().allMatch(seq -> seq == batches), 100, 50, "not reached in time"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          GreeksVerticle greeks = created.get(0);
          assertThat(greeks.processedTicks() + greeks.shedTicks()).isEqualTo((long) instruments * batches);
          assertThat(greeks.processedTicks()).as("priced: the newest of each, not every batch in turn")
              .isLessThanOrEqualTo(2L * instruments);
          ctx.completeNow();
        })));
  }

  /**
   * An instance whose event loop cannot run makes the process not ready (and ready again once it runs).
   * The readiness is asked from a context on another event loop than the stuck one.
   */
  @Test
  void readinessIsDownWhileAnInstanceCannotPrice(Vertx vertx, VertxTestContext ctx) {
    List<GreeksVerticle> created = new CopyOnWriteArrayList<>();
    HealthChecks readiness = services.health().readiness();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    deploy(vertx, 1, created)
        .compose(id -> threadOf(created.get(0).pricingContext()))
        .compose(pricing -> contextOnAnotherThread(vertx, pricing, 8))
        .compose(asker -> ask(asker, readiness).compose(before -> {
          ctx.verify(() -> assertThat(before.getUp()).as("ready while idle: %s", before.toJson()).isTrue());
          created.get(0).pricingContext().runOnContext(v -> holdUntil(release));
          return ask(asker, readiness);
        }).compose(stuck -> {
          ctx.verify(() -> assertThat(stuck.getUp()).as("ready while stuck: %s", stuck.toJson()).isFalse());
          release.countDown();
          return askUntilUp(vertx, asker, readiness, 20);
        }))
        .onComplete(ctx.succeeding(after -> ctx.completeNow()));
  }

  private static Future<CheckResult> ask(Context asker, HealthChecks readiness) {
    io.vertx.core.Promise<CheckResult> result = io.vertx.core.Promise.promise();
    asker.runOnContext(v -> readiness.checkStatus().onComplete(result));
    return result.future();
  }

  private static Future<CheckResult> askUntilUp(Vertx vertx, Context asker, HealthChecks readiness, int tries) {
    return ask(asker, readiness).compose(r -> {
      if (r.getUp()) {
        return Future.succeededFuture(r);
      }
      if (tries == 0) {
        return Future.failedFuture("still not ready: " + r.toJson());
      }
      return vertx.timer(250).compose(t -> askUntilUp(vertx, asker, readiness, tries - 1));
    });
  }

  private static Future<Thread> threadOf(Context context) {
    io.vertx.core.Promise<Thread> thread = io.vertx.core.Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future();
  }

  /** A new event-loop context whose thread is not {@code avoid} (contexts take event loops in turn). */
  private static Future<Context> contextOnAnotherThread(Vertx vertx, Thread avoid, int tries) {
    Context candidate = vertx.getOrCreateContext();
    return threadOf(candidate).compose(thread -> thread != avoid ? Future.succeededFuture(candidate)
        : tries == 0 ? Future.failedFuture("every context ran on " + avoid)
        : contextOnAnotherThread(vertx, avoid, tries - 1));
  }

  /** Keeps the calling context busy until the test releases it (at most 30 s). */
  private static void holdUntil(java.util.concurrent.CountDownLatch release) {
    try {
      release.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
