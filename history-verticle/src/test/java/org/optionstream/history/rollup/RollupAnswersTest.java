package org.optionstream.history.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.history.HistoryConfig;
import org.optionstream.history.TestClock;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.query.HistoryQueries;
import org.optionstream.history.store.EmbeddedQuestDb;
import org.optionstream.history.store.EmbeddedSink;
import org.optionstream.history.store.HistorySink;
import org.optionstream.history.store.QueryResult;

/**
 * The same rows stored twice on the embedded engine, once with the {@code greeks_1m} rollup and once without: every
 * bucketed greeks question gets the same answer from both, whatever its range and bucket, also with late rows in
 * the middle of the day; and the rollup's database really answers from the rollup.
 */
class RollupAnswersTest {

  private static final long T0 = 1_763_610_300_000L; // 09:15:00 IST
  private static final long MINUTE = 60_000;
  private static final String[] KEYS = {"NSE_FO|1", "NSE_FO|2", "NSE_FO|3"};

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void bucketedAnswersFromTheRollupEqualTheAnswersFromEveryRow() throws Exception {
    EmbeddedQuestDb rolled = db("rolled");
    EmbeddedQuestDb plain = db("plain");
    Clock wall = new TestClock(T0 + 86_400_000L);
    HistorySink withRollup = new RollupSink(new EmbeddedSink(rolled), new MinuteRollup(2_000, 60_000), wall);
    HistorySink without = new EmbeddedSink(plain);
    withRollup.open();
    without.open();

    SplittableRandom random = new SplittableRandom(7);
    GreeksRow row = new GreeksRow();
    long t = T0 + 17_000;
    int n = 0;
    while (t < T0 + 95 * MINUTE) {
      t += random.nextInt(4_000);
      String key = KEYS[random.nextInt(KEYS.length)];
      fill(row, key, t, random, n++);
      withRollup.greeks(row);
      without.greeks(row);
      if (n == 1_500) { // about 50 minutes in: a row for a minute finished long ago
        fill(row, KEYS[0], T0 + 20 * MINUTE + 30_000, random, n++);
        withRollup.greeks(row);
        without.greeks(row);
      }
      if (n % 500 == 0) {
        withRollup.commit();
        without.commit();
      }
    }
    withRollup.commit();
    without.commit();
    withRollup.close();
    without.close();

    HistoryConfig.QueryLimits limits = new HistoryConfig.QueryLimits(10_000, 3_600_000, 100_000);
    HistoryQueries fromRollup = new HistoryQueries(rolled, limits, wall);
    HistoryQueries fromRows = new HistoryQueries(plain, limits, wall);
    QueryResult minutes = rolled.select("SELECT count(), sum(rows) FROM greeks_1m", 1);
    assertThat((Long) minutes.rows().get(0)[0]).as("minutes in the rollup").isGreaterThan(200);
    assertThat(rolled.select("SELECT ts FROM greeks_1m_marks WHERE kind = 'dirty'", 10).rows())
        .extracting(r -> r[0]).containsExactly(T0 + 20 * MINUTE);

    long[][] ranges = {
        {T0, T0 + 100 * MINUTE}, // the whole day
        {T0 + 7 * MINUTE + 13_000, T0 + 61 * MINUTE + 1_000}, // ragged ends
        {T0 + 30 * MINUTE, T0 + 45 * MINUTE}, // clean, no late row
        {T0 - 60 * MINUTE, T0 + 2 * MINUTE}, // before the rollup's first minute
        {T0 + 90 * MINUTE, T0 + 120 * MINUTE}}; // past its last finished minute
    String[] buckets = {"1m", "5m", "15m", "1h", "30s", "7m"};
    int compared = 0;
    for (String key : KEYS) {
      for (long[] range : ranges) {
        for (String every : buckets) {
          JsonObject question = new JsonObject().put("key", key).put("from", Long.toString(range[0]))
              .put("to", Long.toString(range[1])).put("every", every);
          JsonObject expected = answer(fromRows, question);
          assertThat(answer(fromRollup, question)).as(question.encode()).isEqualTo(expected);
          compared += expected.getJsonArray("points").size();
        }
      }
    }
    assertThat(compared).as("buckets compared").isGreaterThan(1_000);
  }

  private EmbeddedQuestDb db(String name) throws Exception {
    EmbeddedQuestDb db = new EmbeddedQuestDb(dir.resolve(name), vertx);
    open.add(0, db);
    return db;
  }

  private static JsonObject answer(HistoryQueries queries, JsonObject question) throws Exception {
    return queries.greeks(question).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void fill(GreeksRow r, String key, long t, SplittableRandom random, int n) {
    r.clear();
    r.instrumentKey = key;
    r.symbol = "NIFTY";
    r.expiry = "2025-11-27";
    r.type = "CE";
    r.strike = 23_500;
    r.exchangeTimeMs = t;
    r.price = random.nextInt(20) == 0 ? Double.NaN : 100 + random.nextDouble() * 10;
    r.iv = random.nextInt(20) == 0 ? Double.NaN : 0.1 + random.nextDouble() / 10;
    r.bid = r.price - 0.5;
    r.ask = r.price + 0.5;
    r.delta = random.nextDouble();
    r.gamma = random.nextDouble() / 1000;
    r.theta = -random.nextDouble() * 10;
    r.vega = random.nextDouble() * 10;
    r.rho = random.nextDouble();
    r.oi = 1_000 + n;
    r.volume = n;
    r.forward = 23_500 + random.nextDouble();
    r.underlyingPrice = 23_480 + random.nextDouble();
    r.sequence = n;
  }
}
