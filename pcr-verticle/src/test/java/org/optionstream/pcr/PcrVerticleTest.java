package org.optionstream.pcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Eventually.await;
import static org.optionstream.pcr.Ticks.T0;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.metrics.StageMetrics;

/** One pcr verticle on a local Vertx: publishing, coalescing, snapshot, readiness. */
class PcrVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final PcrConfig CONFIG = new PcrConfig(4, 2, 500, 100, "test.pcr.leader/");

  private Vertx vertx;
  private ProcessServices services;
  private final List<JsonObject> updates = new CopyOnWriteArrayList<>();
  private final List<JsonObject> tables = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    services = await(VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false")))), WAIT);
    vertx = services.vertx();
    vertx.eventBus().<JsonObject>consumer(Addresses.PCR_UPDATE, m -> updates.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.PCR_OI_BY_STRIKE, m -> tables.add(m.body()));
    await(vertx.deployVerticle(new PcrVerticle(CONFIG, services.health(), services.membership())), WAIT);
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close(), WAIT);
  }

  @Test
  void aBurstIsCoalescedToTheRateAndTheFinalValueIsPublished() throws Exception {
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.pe(23500, T0, 1, 1000, 0, Double.NaN)));
    long started = System.nanoTime();
    // 200 ticks in one go on the event loop, each a new CE OI
    vertx.runOnContext(v -> {
      for (int i = 1; i <= 200; i++) {
        vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0 + i, i, 10.0 * i, i, Double.NaN)));
      }
    });
    await(Eventually.until(vertx, () -> !updates.isEmpty()
        && Double.valueOf(2000.0).equals(updates.get(updates.size() - 1).getDouble("totalCeOi")), WAIT,
        "final CE OI 2000 published"), WAIT);
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    // at most one per 250 ms, plus the first one right away
    assertThat(updates.size()).isLessThanOrEqualTo((int) (elapsedMs / 250) + 2);
    JsonObject last = updates.get(updates.size() - 1);
    assertThat(last.getDouble("pcr")).isEqualTo(0.5);
    assertThat(last.getLong("exchangeTimeMs")).isEqualTo(T0 + 200);
    assertThat(last.getString("symbol")).isEqualTo("NIFTY");

    await(Eventually.until(vertx, () -> !tables.isEmpty() && Double.valueOf(2000.0).equals(tables.get(tables.size() - 1)
        .getJsonArray("strikes").getJsonObject(0).getDouble("ceOi")), WAIT, "final OI table"), WAIT);
  }

  @Test
  void unchangedFiguresAreNotRepublished() throws Exception {
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0, 1, 1000, 5, Double.NaN)));
    await(Eventually.until(vertx, () -> updates.size() == 1, WAIT, "first update"), WAIT);
    // one frame's batch: a newer tick with the same figures, a stale tick, an index tick, then the PE
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(
        Ticks.ce(23500, T0 + 10, 2, 1000, 5, Double.NaN),
        Ticks.ce(23500, T0 - 10, 9, 7777, 5, Double.NaN),
        Ticks.index(T0 + 20, 23510),
        Ticks.pe(23500, T0 + 30, 1, 500, 5, Double.NaN)));
    await(Eventually.until(vertx, () -> updates.size() == 2, WAIT, "second update (PE arrived)"), WAIT);
    await(Eventually.after(vertx, Duration.ofMillis(600)), WAIT);
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).getDouble("pcr")).isEqualTo(0.5);
  }

  @Test
  void whileARecordingReplaysOnlyTheDataLetsAWaitingValueOutAndItsEndLetsTheLastOne() throws Exception {
    vertx.eventBus().publish(Addresses.FEED_STATUS, replayStatus(false));
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0, 1, 1000, 5, Double.NaN)));
    await(Eventually.until(vertx, () -> updates.size() == 1, WAIT, "first update"), WAIT);
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.pe(23500, T0 + 100, 1, 500, 5, Double.NaN)));
    await(Eventually.after(vertx, Duration.ofMillis(CONFIG.quietFlushMs() + 500)), WAIT);
    assertThat(updates).as("a replay's pause is not the market's silence: the PE waits for data past its due time")
        .hasSize(1);

    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.index(T0 + 260, 23_510)));
    await(Eventually.until(vertx, () -> updates.size() == 2, WAIT, "the data clock passed the due time"), WAIT);
    assertThat(updates.get(1).getDouble("pcr")).isEqualTo(0.5);
    assertThat(updates.get(1).getLong("exchangeTimeMs")).as("the figures as they stood at the due time").isEqualTo(T0 + 100);

    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.pe(23500, T0 + 300, 2, 1000, 5, Double.NaN)));
    await(Eventually.after(vertx, Duration.ofMillis(CONFIG.quietFlushMs() + 500)), WAIT);
    assertThat(updates).hasSize(2);
    vertx.eventBus().publish(Addresses.FEED_STATUS, replayStatus(true));
    await(Eventually.until(vertx, () -> updates.size() == 3, WAIT, "the replay's end lets the last value out"), WAIT);
    assertThat(updates.get(2).getDouble("pcr")).isEqualTo(1.0);
  }

  private static JsonObject replayStatus(boolean done) {
    return new FeedStatus(FeedState.REPLAY, 0, T0, T0, "replaying", null, Map.of(), FeedSource.REPLAY, null, Map.of(),
        FeedStatus.UnseenKeys.NONE, new FeedStatus.Replay("session.journal", "simulator", "max", T0, 10, 0, done))
        .toJson();
  }

  @Test
  void snapshotRepliesWithEveryExpiry() throws Exception {
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0, 1, 1000, 5, 900)));
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.pe(23500, T0, 1, 800, 5, 700)));
    var farCall = Ticks.ce(23500, T0, 1, 50, 5, Double.NaN).toBuilder()
        .setExpiryEpochDay(Ticks.EXPIRY_DAY + 7).build();
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(farCall));
    await(Eventually.until(vertx, () -> updates.size() >= 2, WAIT, "both expiries published"), WAIT);

    JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.PCR_SNAPSHOT, new JsonObject()), WAIT).body();
    JsonArray pcr = reply.getJsonArray("pcr");
    JsonArray oi = reply.getJsonArray("oiByStrike");
    assertThat(pcr).hasSize(2);
    assertThat(oi).hasSize(2);
    JsonObject near = pcr.getJsonObject(0);
    assertThat(near.getString("expiry")).isEqualTo("2025-11-27");
    assertThat(near.getDouble("pcr")).isEqualTo(0.8);
    assertThat(near.getDouble("oiChangePcr")).isEqualTo(1.0);
    assertThat(pcr.getJsonObject(1).getString("expiry")).isEqualTo("2025-12-04");
    assertThat(oi.getJsonObject(0).getJsonArray("strikes").getJsonObject(0).getDouble("peOi")).isEqualTo(800);
  }

  @Test
  void theLeaderPublishesChainAnalyticsComputedFromTheGreeksUpdatesAndSnapshotsThem() throws Exception {
    List<JsonObject> analytics = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.CHAIN_ANALYTICS, m -> analytics.add(m.body()));
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0, 1, 1000, 5, Double.NaN)));
    await(Eventually.until(vertx, () -> updates.size() == 1, WAIT, "leading the key"), WAIT);
    org.optionstream.common.encoding.JsonBytesWriter writer = new org.optionstream.common.encoding.JsonBytesWriter();
    List<org.optionstream.common.json.GreeksUpdateFrame> frames = new java.util.ArrayList<>();
    long seq = 1;
    for (double k = 23_300; k <= 23_700; k += 100) {
      for (boolean call : new boolean[] {true, false}) {
        frames.add(org.optionstream.common.json.GreeksUpdateFrame.of(org.optionstream.pcr.surface.SurfaceFixtures.option(
            call, k, 0.12 + (23_500 - k) / 10_000, 50_000, 23_530, 23_512, T0, seq++), writer));
      }
    }
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new org.optionstream.common.json.GreeksUpdateFrames(frames));
    await(Eventually.until(vertx, () -> !analytics.isEmpty()
        && analytics.get(analytics.size() - 1).getJsonArray("strikes").size() == 5, WAIT, "chain.analytics"), WAIT);
    JsonObject a = analytics.get(analytics.size() - 1);
    assertThat(a.getString("symbol")).isEqualTo("NIFTY");
    assertThat(a.getString("expiry")).isEqualTo(Ticks.EXPIRY);
    assertThat(a.getDouble("forward")).isEqualTo(23_530.0);
    // ATM IV from the published inputs: the PE's IV at 23 500 and the CE's at 23 600, interpolated at F
    double iv1 = 0.12;
    double iv2 = 0.12 - 0.01;
    assertThat(a.getDouble("atmIv")).isCloseTo(iv1 + 30.0 / 100 * (iv2 - iv1), org.assertj.core.api.Assertions.within(1e-12));
    double sum = 0;
    for (Object o : a.getJsonArray("strikes")) {
      sum += ((JsonObject) o).getDouble("gex");
    }
    assertThat(a.getJsonObject("gex").getDouble("total")).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(a.getJsonObject("gex").getString("convention")).isEqualTo("long-calls-short-puts");
    assertThat(a.getJsonObject("straddle").getDouble("strike")).isEqualTo(23_500.0);

    JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.PCR_SNAPSHOT, new JsonObject()), WAIT).body();
    assertThat(reply.getJsonArray("analytics")).hasSize(1);
    assertThat(reply.getJsonArray("analytics").getJsonObject(0).getDouble("atmIv")).isEqualTo(a.getDouble("atmIv"));
  }

  @Test
  void readyAsLeaderOnceTicksFlow() throws Exception {
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, T0, 1, 1000, 5, Double.NaN)));
    await(Eventually.until(vertx, () -> updates.size() == 1, WAIT, "leader published"), WAIT);
    JsonObject status = await(services.health().readiness().checkStatus(), WAIT).toJson();
    assertThat(status.getString("outcome")).isEqualTo("UP");
    assertThat(status.encode()).contains("NIFTY/2025-11-27");
    double leaderChanges = StageMetrics.registry().find("optionstream.pcr.leader.changes")
        .tag("symbol", "NIFTY").counters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(leaderChanges).isGreaterThanOrEqualTo(1);
  }
}
