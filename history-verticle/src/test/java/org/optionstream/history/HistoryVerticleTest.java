package org.optionstream.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optionstream.history.Eventually.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;

/**
 * The history stage on the embedded engine, fed through the event bus as the other stages publish, and
 * asked through its request addresses: what went in comes back, per instrument, bucketed, as ATM figures,
 * as PCR, as a chain at an instant; bad requests get the reason; malformed messages are counted and skipped.
 */
class HistoryVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  /** 2025-11-20 09:15:00 IST. */
  private static final long T0 = 1_763_610_300_000L;
  private static final long MINUTE = 60_000L;

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private TestClock clock;
  private volatile JsonObject lastStatus;

  @BeforeEach
  void start() throws Exception {
    clock = new TestClock(T0 + 60 * MINUTE);
    ProcessServices services = await(VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false")))),
        WAIT);
    vertx = services.vertx();
    vertx.eventBus().<JsonObject>consumer(Addresses.HISTORY_STATUS, m -> lastStatus = m.body());
    HistoryConfig config = HistoryConfig.from(new Env(Map.of(
        "HISTORY_DATA_DIR", dataDir.toString(), "HISTORY_BATCH_MS", "20", "HISTORY_STATUS_INTERVAL_MS", "100")));
    await(vertx.deployVerticle(new HistoryVerticle(config, services.health(), HistoryMain::openStore, clock)), WAIT);
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close(), WAIT);
  }

  /** Ten minutes of the 23500 straddle and a 23600 call; the forward rises a point a minute. */
  private void publishTenMinutes() {
    for (int m = 0; m < 10; m++) {
      long t = T0 + m * MINUTE;
      double forward = 23_510 + m;
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(
          Updates.greeks(23500, "CE", 100 + m, 0.140 + m / 1000.0, forward, t, m),
          Updates.greeks(23500, "PE", 90 - m, 0.150 + m / 1000.0, forward, t + 1, m),
          Updates.greeks(23600, "CE", 50 + m, 0.130, forward, t + 2, m)));
    }
  }

  private Future<JsonObject> ask(String address, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(address, request).map(m -> m.body());
  }

  private JsonObject askUntil(String address, JsonObject request, int points, String field) throws Exception {
    return await(Eventually.answer(vertx, () -> ask(address, request),
        answer -> answer.getJsonArray(field).size() >= points, WAIT, address + " with " + points + " " + field), WAIT);
  }

  private static JsonObject range(String key, long from, long to) {
    return new JsonObject().put("key", key).put("from", Long.toString(from)).put("to", Long.toString(to));
  }

  @Test
  void anInstrumentsUpdatesComeBackInOrderAndBucketed() throws Exception {
    publishTenMinutes();
    JsonObject raw = askUntil(Addresses.HISTORY_GREEKS, range(Updates.key(23500, "CE"), T0, T0 + 10 * MINUTE), 10, "points");
    JsonArray points = raw.getJsonArray("points");
    assertThat(points).hasSize(10);
    for (int m = 0; m < 10; m++) {
      JsonObject p = points.getJsonObject(m);
      assertThat(p.getLong("t")).isEqualTo(T0 + m * MINUTE);
      assertThat(p.getDouble("price")).isEqualTo(100.0 + m);
      assertThat(p.getDouble("iv")).isCloseTo(0.140 + m / 1000.0, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(p.getDouble("forward")).isEqualTo(23_510.0 + m);
      assertThat(p.getDouble("delta")).isEqualTo(0.5);
    }

    JsonObject bucketed = await(ask(Addresses.HISTORY_GREEKS,
        range(Updates.key(23500, "CE"), T0, T0 + 10 * MINUTE).put("every", "5m")), WAIT);
    assertThat(bucketed.getString("every")).isEqualTo("5m");
    JsonArray buckets = bucketed.getJsonArray("points");
    assertThat(buckets).hasSize(2);
    JsonObject first = buckets.getJsonObject(0);
    assertThat(first.getLong("t")).isEqualTo(T0);
    assertThat(first.getDouble("priceOpen")).isEqualTo(100.0);
    assertThat(first.getDouble("priceHigh")).isEqualTo(104.0);
    assertThat(first.getDouble("priceLow")).isEqualTo(100.0);
    assertThat(first.getDouble("price")).isEqualTo(104.0);
    assertThat(buckets.getJsonObject(1).getDouble("price")).isEqualTo(109.0);

    JsonObject unknown = await(ask(Addresses.HISTORY_GREEKS, range("NSE_FO|1", T0, T0 + 10 * MINUTE)), WAIT);
    assertThat(unknown.getJsonArray("points")).isEmpty();
  }

  @Test
  void atmStraddlePcrAndTheChainAtAnInstant() throws Exception {
    publishTenMinutes();
    for (int m = 0; m < 3; m++) {
      vertx.eventBus().publish(Addresses.PCR_UPDATE, Updates.pcr(0.9 + m / 10.0, 23400 + 100 * m, T0 + m * MINUTE));
    }
    vertx.eventBus().publish(Addresses.PCR_OI_BY_STRIKE, Updates.oiByStrike(T0, 23500, 23600));
    JsonObject request = new JsonObject().put("symbol", "NIFTY").put("expiry", "2025-11-27")
        .put("from", Long.toString(T0)).put("to", Long.toString(T0 + 10 * MINUTE)).put("every", "1m");

    JsonArray atm = askUntil(Addresses.HISTORY_ATM, request, 10, "points").getJsonArray("points");
    for (int m = 0; m < 10; m++) {
      JsonObject p = atm.getJsonObject(m);
      assertThat(p.getLong("t")).isEqualTo(T0 + m * MINUTE);
      assertThat(p.getDouble("atmStrike")).as("the only strike with both sides").isEqualTo(23500.0);
      assertThat(p.getDouble("straddle")).isEqualTo(190.0);
      assertThat(p.getDouble("atmIv")).isCloseTo(0.145 + m / 1000.0, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(p.getDouble("forward")).isEqualTo(23_510.0 + m);
      assertThat(p.getDouble("spot")).isEqualTo(23_500.0 + m);
    }

    JsonArray pcr = askUntil(Addresses.HISTORY_PCR, request, 3, "points").getJsonArray("points");
    assertThat(pcr).extracting(p -> ((JsonObject) p).getDouble("pcr")).containsExactly(0.9, 1.0, 1.1);
    assertThat(pcr).extracting(p -> ((JsonObject) p).getDouble("maxPain")).containsExactly(23400.0, 23500.0, 23600.0);

    JsonObject chain = await(ask(Addresses.HISTORY_CHAIN, new JsonObject().put("symbol", "NIFTY")
        .put("expiry", "2025-11-27").put("at", "2025-11-20T09:20:30+05:30")), WAIT);
    JsonArray instruments = chain.getJsonArray("instruments");
    assertThat(instruments).extracting(i -> ((JsonObject) i).getString("instrumentKey"))
        .containsExactly("NSE_FO|23500CE", "NSE_FO|23500PE", "NSE_FO|23600CE");
    assertThat(instruments).extracting(i -> ((JsonObject) i).getDouble("price")).containsExactly(105.0, 85.0, 55.0);
    assertThat(instruments.getJsonObject(0).getLong("t")).isEqualTo(T0 + 5 * MINUTE);
  }

  @Test
  void ivRankPlacesTodaysAtmIvAmongThePreviousDays() throws Exception {
    // three earlier days with ATM IVs 0.10, 0.20, 0.30 and today 0.25 (CE and PE equal)
    double[] ivs = {0.10, 0.20, 0.30, 0.25};
    for (int d = 0; d < ivs.length; d++) {
      long t = T0 - (3 - d) * 86_400_000L;
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(
          Updates.greeks(23500, "CE", 100, ivs[d], 23_510, t, d),
          Updates.greeks(23500, "PE", 90, ivs[d], 23_510, t, d),
          Updates.greeks(24500, "CE", 5, 0.99, 23_510, t, d)));
    }
    JsonObject rank = await(Eventually.answer(vertx,
        () -> ask(Addresses.HISTORY_IV_RANK, new JsonObject().put("symbol", "NIFTY").put("days", "30")),
        a -> a.getInteger("daysAvailable") == 3 && a.getValue("atmIv") != null, WAIT, "iv rank over 3 days"), WAIT);
    assertThat(rank.getString("today")).isEqualTo("2025-11-20");
    assertThat(rank.getDouble("atmIv")).isEqualTo(0.25);
    assertThat(rank.getDouble("ivRank")).isCloseTo(75.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rank.getDouble("ivPercentile")).isCloseTo(200.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rank.getJsonArray("history")).extracting(h -> ((JsonObject) h).getString("date"))
        .containsExactly("2025-11-17", "2025-11-18", "2025-11-19");
  }

  @Test
  void badRequestsGetTheReasonAndCode400() {
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {Addresses.HISTORY_GREEKS, new JsonObject().put("from", "0").put("to", "1"), "key is required"});
    cases.add(new Object[] {Addresses.HISTORY_GREEKS, range("K", T0, T0 + 2 * 3_600_000L),
        "longer than 1 h (HISTORY_MAX_RAW_RANGE_MS)"});
    cases.add(new Object[] {Addresses.HISTORY_GREEKS, range("K", T0, T0 + 1).put("every", "5x"), "every must be"});
    cases.add(new Object[] {Addresses.HISTORY_ATM, new JsonObject().put("symbol", "NIFTY").put("expiry", "2025-11-27")
        .put("from", Long.toString(T0 - 86_400_000L)).put("to", Long.toString(T0)).put("every", "1s"),
        "86400 buckets, more than 10000 (HISTORY_MAX_BUCKETS)"});
    cases.add(new Object[] {Addresses.HISTORY_CHAIN, new JsonObject().put("symbol", "NIFTY").put("expiry", "x")
        .put("at", "1"), "expiry must be a date"});
    cases.add(new Object[] {Addresses.HISTORY_IV_RANK, new JsonObject().put("symbol", "NIFTY").put("days", "1000"),
        "days must be a whole number from 1 to 365"});
    for (Object[] c : cases) {
      assertThatThrownBy(() -> await(ask((String) c[0], (JsonObject) c[1]), WAIT))
          .as("%s %s", c[0], c[1])
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains((String) c[2]);
          });
    }
  }

  @Test
  void malformedMessagesAreCountedByKindAndTheStageGoesOn() throws Exception {
    GreeksUpdate good = Updates.greeks(23500, "CE", 100, 0.14, 23_510, T0, 1);
    GreeksUpdateFrames mixed = new GreeksUpdateFrames(List.of(
        new GreeksUpdateFrame("K", "NIFTY", "2025-11-27", T0, 1, "not json".getBytes(StandardCharsets.UTF_8)),
        Updates.frames(good).frames().get(0)));
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, mixed);
    vertx.eventBus().publish(Addresses.PCR_UPDATE, "a string");
    vertx.eventBus().publish(Addresses.PCR_OI_BY_STRIKE, new JsonObject().put("symbol", "NIFTY"));
    vertx.eventBus().publish(Addresses.FEED_STATUS, Updates.feedStatus(FeedState.LIVE, T0));
    vertx.eventBus().publish(Addresses.FEED_STATUS, Updates.feedStatus(FeedState.LIVE, T0));
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(
        Updates.greeks(23500, "CE", 101, 0.14, 23_510, T0 + MINUTE, 2)));

    JsonObject raw = askUntil(Addresses.HISTORY_GREEKS, range(Updates.key(23500, "CE"), T0, T0 + 10 * MINUTE), 2, "points");
    assertThat(raw.getJsonArray("points")).extracting(p -> ((JsonObject) p).getDouble("price")).containsExactly(100.0, 101.0);

    JsonObject status = await(Eventually.answer(vertx, () -> Future.succeededFuture(lastStatus()),
        s -> s != null && s.getLong("rowsWritten") >= 3, WAIT, "history.status after the writes"), WAIT);
    assertThat(status.getString("mode")).isEqualTo("embedded");
    assertThat(status.getLong("rowsWritten")).as("2 greeks rows and 1 feed state change").isEqualTo(3);
    assertThat(status.getJsonObject("failures").getMap())
        .containsEntry("greeks_json", 1L).containsEntry("pcr_fields", 1L).containsEntry("oi_fields", 1L);
  }

  private JsonObject lastStatus() {
    return lastStatus;
  }

  @Test
  void dayPartitionsOlderThanTheRetentionAreDropped() throws Exception {
    long old = T0 - 40 * 86_400_000L;
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(Updates.greeks(23500, "CE", 1, 0.1, 23_510, old, 1)));
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(Updates.greeks(23500, "CE", 2, 0.1, 23_510, T0, 2)));
    JsonObject request = range(Updates.key(23500, "CE"), old, old + MINUTE);
    askUntil(Addresses.HISTORY_GREEKS, request, 1, "points");
    askUntil(Addresses.HISTORY_GREEKS, range(Updates.key(23500, "CE"), T0, T0 + MINUTE), 1, "points");

    clock.advance(2 * 3_600_000L); // the writer checks the retention once an hour
    await(Eventually.answer(vertx, () -> ask(Addresses.HISTORY_GREEKS, request),
        answer -> answer.getJsonArray("points").isEmpty(), WAIT, "the 40-day-old partition dropped"), WAIT);
    assertThat(await(ask(Addresses.HISTORY_GREEKS, range(Updates.key(23500, "CE"), T0, T0 + MINUTE)), WAIT)
        .getJsonArray("points")).as("today's rows stay").hasSize(1);
  }
}
