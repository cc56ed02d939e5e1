package org.optionstream.bench.history;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.history.HistoryConfig;
import org.optionstream.history.HistoryVerticle;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.query.HistoryQueries;
import org.optionstream.history.rollup.MinuteRollup;
import org.optionstream.history.rollup.RollupSink;
import org.optionstream.history.store.EmbeddedQuestDb;
import org.optionstream.history.store.EmbeddedSink;
import org.optionstream.history.store.EmbeddedStore;
import org.optionstream.history.store.HistorySink;

/**
 * The history stage's figures, in one run on the embedded engine (bench/history.sh):
 * <ol>
 *   <li>ceiling: rows/s of the bare QuestDB table writer (our column mapping, no parsing, no queue, no
 *       Vert.x), a NIFTY chain of {@value #INSTRUMENTS} options ticking in turn, committed every 10,000 rows;</li>
 *   <li>ours: rows/s the history verticle stores when {@code greeks.update.frames} arrive (frames of 50
 *       encoded updates, published by another thread as fast as the writer takes them), its write lag p99;</li>
 *   <li>queries on a stored trading day (09:15-15:30 IST) of the chain, {@code --day-rows} greeks rows stored as the
 *       stage stores them (with the {@code greeks_1m} minute rollup):
 *       one instrument's day at 1-minute buckets, and the chain at an instant, p99 over {@code --queries}
 *       random questions each.</li>
 * </ol>
 * Prints one line: {@code history: ours=<rows/s> ceiling=<rows/s> ratio=<x> lag-p99=<ms> day-1m-p99=<ms>
 * chain-at-p99=<ms> day-rows=<n>}.
 */
public final class HistoryBench {

  static final int INSTRUMENTS = 300;
  /** 2025-11-20 09:15:00 IST. */
  static final long OPEN_MS = 1_763_610_300_000L;
  static final long SESSION_MS = 22_500_000L;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long seconds = Long.parseLong(options.getOrDefault("seconds", "20"));
    long dayRows = Long.parseLong(options.getOrDefault("day-rows", "20000000"));
    int queries = Integer.parseInt(options.getOrDefault("queries", "50"));
    Path root = Files.createTempDirectory("history-bench-");
    try {
      double ceiling = bareWriter(root.resolve("bare"), 5_000_000);
      System.err.printf("ceiling: %.0f rows/s%n", ceiling);
      double[] ours = throughVerticle(root.resolve("ours"), seconds);
      System.err.printf("ours: %.0f rows/s, lag p99 %.1f ms%n", ours[0], ours[1]);
      delete(root.resolve("bare"));
      delete(root.resolve("ours"));
      double[] query = queries(root.resolve("day"), dayRows, queries);
      System.out.printf("history: ours=%.0f rows/s ceiling=%.0f rows/s ratio=%.2f lag-p99=%.0f ms day-1m-p99=%.1f ms"
          + " chain-at-p99=%.1f ms day-rows=%d%n", ours[0], ceiling, ours[0] / ceiling, ours[1], query[0], query[1], dayRows);
    } finally {
      delete(root);
    }
  }

  /** The chain's rows, one per option, with their fixed fields set. */
  static GreeksRow[] chain() {
    GreeksRow[] rows = new GreeksRow[INSTRUMENTS];
    for (int i = 0; i < INSTRUMENTS; i++) {
      GreeksRow r = new GreeksRow().clear();
      double strike = 20_000 + 50 * (i / 2);
      r.instrumentKey = "NSE_FO|" + (40_000 + i);
      r.symbol = "NIFTY";
      r.expiry = "2025-11-27";
      r.type = i % 2 == 0 ? "CE" : "PE";
      r.strike = strike;
      r.ivStatus = "OK";
      r.rate = 0.10;
      rows[i] = r;
    }
    return rows;
  }

  /** Fills the per-tick fields of row {@code n} of a chain ticking in turn, at {@code timeMs}. */
  static GreeksRow tick(GreeksRow[] chain, long n, long timeMs, Random random) {
    GreeksRow r = chain[(int) (n % INSTRUMENTS)];
    double forward = 23_700 + 50 * Math.sin(timeMs / 3.6e6);
    r.exchangeTimeMs = timeMs;
    r.forward = forward;
    r.underlyingPrice = forward - 20;
    double intrinsic = "CE".equals(r.type) ? Math.max(0, forward - r.strike) : Math.max(0, r.strike - forward);
    r.price = intrinsic + 40 + random.nextDouble();
    r.bid = r.price - 0.05;
    r.ask = r.price + 0.05;
    r.iv = 0.12 + 0.00001 * Math.abs(r.strike - forward) / 10 + random.nextDouble() / 1000;
    r.delta = 0.5;
    r.gamma = 0.001;
    r.theta = -10;
    r.vega = 8;
    r.rho = 3;
    r.oi = 100_000 + n % 1000;
    r.oiChange = 500;
    r.volume = n;
    r.timeToExpiry = 0.02;
    r.sequence = n;
    return r;
  }

  static double bareWriter(Path dir, long rows) throws Exception {
    try (EmbeddedQuestDb db = new EmbeddedQuestDb(dir, null)) {
      EmbeddedSink sink = new EmbeddedSink(db);
      sink.open();
      GreeksRow[] chain = chain();
      Random random = new Random(1);
      long started = System.nanoTime();
      for (long n = 0; n < rows; n++) {
        sink.greeks(tick(chain, n, OPEN_MS + n, random));
        if (n % 10_000 == 9_999) {
          sink.commit();
        }
      }
      sink.commit();
      double rate = rows / ((System.nanoTime() - started) / 1e9);
      sink.close();
      return rate;
    }
  }

  /** Rows/s the verticle stores over {@code seconds} after a warm-up of 10 s, and its write lag p99 (ms). */
  static double[] throughVerticle(Path dir, long seconds) throws Exception {
    ProcessServices process = VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false"))))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Vertx vertx = process.vertx();
    HistoryConfig config = HistoryConfig.from(new Env(Map.of("HISTORY_DATA_DIR", dir.toString())));
    HistoryVerticle verticle = new HistoryVerticle(config, process.health(), (v, c, f) -> new EmbeddedStore(c.dataDir(), v),
        Clock.systemUTC());
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Thread publisher = new Thread(() -> publish(vertx, verticle), "bench-publisher");
    publisher.setDaemon(true);
    publisher.start();
    try {
      TimeUnit.SECONDS.sleep(10); // warm-up: the JIT settles before the window opens
      long before = verticle.status().getLong("rowsWritten");
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      JsonObject status = verticle.status();
      double rate = (status.getLong("rowsWritten") - before) / ((System.nanoTime() - start) / 1e9);
      return new double[] {rate, status.getDouble("writeLagP99Ms")};
    } finally {
      publisher.interrupt();
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** Publishes frames of 50 encoded updates, keeping at most 20,000 rows (a tenth of a second) waiting for the writer. */
  private static void publish(Vertx vertx, HistoryVerticle verticle) {
    GreeksRow[] chain = chain();
    Random random = new Random(2);
    JsonBytesWriter writer = new JsonBytesWriter();
    long n = 0;
    while (!Thread.currentThread().isInterrupted()) {
      if (verticle.status().getLong("queuedRows") > 20_000) {
        LockSupport.parkNanos(1_000_000);
        continue;
      }
      for (int f = 0; f < 20; f++) {
        List<GreeksUpdateFrame> frames = new ArrayList<>(50);
        for (int i = 0; i < 50; i++, n++) {
          frames.add(GreeksUpdateFrame.of(update(tick(chain, n, OPEN_MS + n, random)), writer));
        }
        vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(frames));
      }
    }
  }

  static GreeksUpdate update(GreeksRow r) {
    return GreeksUpdate.builder().instrumentKey(r.instrumentKey).symbol(r.symbol).strike(r.strike).type(r.type)
        .expiry(r.expiry).price(r.price).oi(r.oi).oiChange(r.oiChange).volume(r.volume).bid(r.bid).ask(r.ask).iv(r.iv)
        .delta(r.delta).gamma(r.gamma).theta(r.theta).vega(r.vega).rho(r.rho).exchangeTimeMs(r.exchangeTimeMs)
        .sequence(r.sequence).underlyingPrice(r.underlyingPrice).forward(r.forward).forwardSource("SYNTHETIC")
        .timeToExpiry(r.timeToExpiry).rate(r.rate).ivStatus(IvStatus.OK).feedReceivedAtMicros(0).build();
  }

  /** Stores a trading day of {@code rows} rows, then the p99 (ms) of one instrument's day at 1 m and of the chain at an instant. */
  static double[] queries(Path dir, long rows, int count) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EmbeddedQuestDb db = new EmbeddedQuestDb(dir, vertx)) {
      HistorySink sink = new RollupSink(new EmbeddedSink(db), new MinuteRollup(2_000, 60_000), Clock.systemUTC());
      sink.open();
      GreeksRow[] chain = chain();
      Random random = new Random(3);
      for (long n = 0; n < rows; n++) {
        sink.greeks(tick(chain, n, OPEN_MS + n * SESSION_MS / rows, random));
        if (n % 100_000 == 99_999) {
          sink.commit();
        }
      }
      sink.commit();
      sink.close();
      System.err.printf("stored %d rows of one session%n", rows);
      HistoryQueries questions = new HistoryQueries(db,
          new HistoryConfig.QueryLimits(10_000, 3_600_000, 1_000_000), Clock.systemUTC());
      Histogram day = new Histogram(3);
      Histogram at = new Histogram(3);
      Random pick = new Random(4);
      for (int i = -5; i < count; i++) {
        String key = "NSE_FO|" + (40_000 + pick.nextInt(INSTRUMENTS));
        long started = System.nanoTime();
        JsonObject answer = questions.greeks(new JsonObject().put("key", key).put("from", Long.toString(OPEN_MS))
            .put("to", Long.toString(OPEN_MS + SESSION_MS)).put("every", "1m")).toCompletionStage().toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
        long dayNanos = System.nanoTime() - started;
        started = System.nanoTime();
        JsonObject chainAt = questions.chain(new JsonObject().put("symbol", "NIFTY").put("expiry", "2025-11-27")
            .put("at", Long.toString(OPEN_MS + (long) (pick.nextDouble() * SESSION_MS)))).toCompletionStage()
            .toCompletableFuture().get(60, TimeUnit.SECONDS);
        long atNanos = System.nanoTime() - started;
        if (i >= 0) {
          day.recordValue(dayNanos / 1000);
          at.recordValue(atNanos / 1000);
        }
        if (i == 0) {
          System.err.printf("day at 1m: %d points; chain at an instant: %d instruments%n",
              answer.getJsonArray("points").size(), chainAt.getJsonArray("instruments").size());
        }
      }
      return new double[] {day.getValueAtPercentile(99) / 1000.0, at.getValueAtPercentile(99) / 1000.0};
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** {@code --name value} pairs. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
