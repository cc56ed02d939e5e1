package org.optionstream.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.history.Eventually.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.history.store.QuestDbServer;

/**
 * Server mode against a real QuestDB server in its own JVM: rows go over HTTP, reads over the PostgreSQL
 * wire protocol. The server is killed (SIGKILL) while updates stream in and started again; the rows of
 * the outage wait in the spool and reach the server, and every row published is stored exactly once.
 */
class ServerOutageTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** 2025-11-20 09:15:00 IST. */
  private static final long T0 = 1_763_610_300_000L;
  private static final int INSTRUMENTS = 20;
  private static final int FRAMES = 300;

  @TempDir
  Path dir;

  private Vertx vertx;
  private QuestDbServer server;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      await(vertx.close(), WAIT);
    }
    if (server != null) {
      server.close();
    }
  }

  /** Publishes frame {@code i} of {@link #INSTRUMENTS} updates, one millisecond of exchange time apart. */
  private void publish(int i) {
    List<GreeksUpdate> updates = new ArrayList<>();
    for (int k = 0; k < INSTRUMENTS; k++) {
      updates.add(Updates.greeks(22_000 + 100 * k, k % 2 == 0 ? "CE" : "PE", 100 + i, 0.12, 23_510,
          T0 + i * 1_000L + k, i));
    }
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, Updates.frames(updates));
  }

  /** Publishes frames [from, to) one every 10 ms; completes after the last. */
  private Future<Void> stream(int from, int to) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger(from);
    vertx.setPeriodic(10, id -> {
      int i = next.getAndIncrement();
      if (i >= to) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else {
        publish(i);
      }
    });
    return done.future();
  }

  private long storedRows() throws Exception {
    String answer = server.exec("SELECT count() FROM greeks");
    JsonObject json = new JsonObject(answer);
    return json.containsKey("dataset") ? json.getJsonArray("dataset").getJsonArray(0).getLong(0) : -1;
  }

  @Test
  void rowsStreamedThroughAServerOutageAreAllStoredOnce() throws Exception {
    server = new QuestDbServer(dir.resolve("questdb")).start();
    ProcessServices services = await(VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false")))),
        WAIT);
    vertx = services.vertx();
    Map<String, String> env = new HashMap<>(Map.of(
        "HISTORY_QUESTDB_URL", server.url(),
        "HISTORY_QUESTDB_PG_PORT", Integer.toString(server.pgPort()),
        "HISTORY_SPOOL_DIR", dir.resolve("spool").toString(),
        "HISTORY_BATCH_MS", "50",
        "HISTORY_QUESTDB_RETRY_MS", "200",
        "HISTORY_STATUS_INTERVAL_MS", "100"));
    HistoryConfig config = HistoryConfig.from(new Env(env));
    List<JsonObject> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.HISTORY_STATUS, m -> statuses.add(m.body()));
    await(vertx.deployVerticle(new HistoryVerticle(config, services.health(), HistoryMain::openStore,
        new TestClock(T0 + 3_600_000L))), WAIT);

    await(stream(0, 100), WAIT);
    server.kill();
    await(stream(100, 200), WAIT);
    await(Eventually.answer(vertx, () -> Future.succeededFuture(statuses.isEmpty() ? null : statuses.get(statuses.size() - 1)),
        s -> s != null && s.getLong("spooledRows") > 0 && !s.getBoolean("serverUp"), WAIT, "rows spooled while the server is down"), WAIT);
    server.start();
    await(stream(200, FRAMES), WAIT);

    long expected = (long) FRAMES * INSTRUMENTS;
    await(Eventually.answer(vertx, () -> vertx.executeBlocking(this::storedRows), n -> n == expected, WAIT,
        expected + " rows stored"), WAIT);
    JsonObject status = await(Eventually.answer(vertx,
        () -> Future.succeededFuture(statuses.get(statuses.size() - 1)),
        s -> s.getLong("spooledRows") == 0 && s.getBoolean("serverUp"), WAIT, "spool empty again"), WAIT);
    assertThat(status.getLong("spoolDroppedRows")).isZero();
    assertThat(status.getLong("rowsFailed")).isZero();

    // and read back over the PostgreSQL wire protocol through the history question
    JsonObject one = await(vertx.eventBus().<JsonObject>request(Addresses.HISTORY_GREEKS, new JsonObject()
        .put("key", Updates.key(22_000, "CE")).put("from", Long.toString(T0)).put("to", Long.toString(T0 + 3_600_000L)))
        .map(m -> m.body()), WAIT);
    assertThat(one.getJsonArray("points")).hasSize(FRAMES);
    assertThat(one.getJsonArray("points").getJsonObject(FRAMES - 1).getDouble("price")).isEqualTo(100.0 + FRAMES - 1);
    assertThat(one.getJsonArray("points").getJsonObject(0).getLong("t")).isEqualTo(T0);

    // the minute rollup went to the server too: minutes 1-3 (minute 0 was the first seen, minute 4 is open) come from
    // greeks_1m, minutes 0 and 4 from the rows; each minute of 22000 CE has prices 100 + its 60 seconds
    String minutes = server.exec("SELECT count(), sum(rows) FROM greeks_1m");
    assertThat(new JsonObject(minutes).getJsonArray("dataset").getJsonArray(0).getLong(0)).isEqualTo(3L * INSTRUMENTS);
    JsonObject perMinute = await(vertx.eventBus().<JsonObject>request(Addresses.HISTORY_GREEKS, new JsonObject()
        .put("key", Updates.key(22_000, "CE")).put("from", Long.toString(T0)).put("to", Long.toString(T0 + 3_600_000L))
        .put("every", "1m")).map(m -> m.body()), WAIT);
    JsonArray buckets = perMinute.getJsonArray("points");
    assertThat(buckets).hasSize(FRAMES / 60);
    for (int m = 0; m < FRAMES / 60; m++) {
      JsonObject bucket = buckets.getJsonObject(m);
      assertThat(bucket.getLong("t")).isEqualTo(T0 + m * 60_000L);
      assertThat(bucket.getDouble("priceOpen")).isEqualTo(100.0 + 60 * m);
      assertThat(bucket.getDouble("priceLow")).isEqualTo(100.0 + 60 * m);
      assertThat(bucket.getDouble("priceHigh")).isEqualTo(100.0 + 60 * m + 59);
      assertThat(bucket.getDouble("price")).isEqualTo(100.0 + 60 * m + 59);
    }
  }
}
