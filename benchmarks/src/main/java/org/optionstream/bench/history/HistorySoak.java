package org.optionstream.bench.history;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.history.HistoryConfig;
import org.optionstream.history.HistoryVerticle;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.store.EmbeddedStore;

/**
 * The history stage's memory over a long run (bench/history-soak.sh): the verticle on the embedded engine stores a
 * NIFTY chain at a steady {@code --rate} rows/s (frames of 50 updates every 10 ms of wall time, exchange time moving
 * with the wall clock, so the minute rollup finishes minutes as it would live) for {@code --seconds}; every
 * {@code --sample-seconds} the heap in use after a full collection (the live set) is sampled. Prints one line:
 * {@code history-soak: rate=<rows/s> seconds=<s> live-heap first=<MB> last=<MB> max=<MB> rows=<n> dropped=<n> lag-p99=<ms>}.
 */
public final class HistorySoak {

  private HistorySoak() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = HistoryBench.options(args);
    int rate = Integer.parseInt(options.getOrDefault("rate", "20000"));
    long seconds = Long.parseLong(options.getOrDefault("seconds", "600"));
    long sampleSeconds = Long.parseLong(options.getOrDefault("sample-seconds", "30"));
    Path dir = Files.createTempDirectory("history-soak-");
    ProcessServices process = VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false"))))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Vertx vertx = process.vertx();
    try {
      HistoryConfig config = HistoryConfig.from(new Env(Map.of("HISTORY_DATA_DIR", dir.toString())));
      HistoryVerticle verticle = new HistoryVerticle(config, process.health(),
          (v, c, f) -> new EmbeddedStore(c.dataDir(), v), Clock.systemUTC());
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      GreeksRow[] chain = HistoryBench.chain();
      Random random = new Random(5);
      JsonBytesWriter writer = new JsonBytesWriter();
      int perTick = rate / 100;
      long started = System.currentTimeMillis();
      long[] n = {0};
      vertx.setPeriodic(10, id -> {
        long exchangeMs = HistoryBench.OPEN_MS + (System.currentTimeMillis() - started);
        List<GreeksUpdateFrame> frames = new ArrayList<>(perTick);
        for (int i = 0; i < perTick; i++, n[0]++) {
          frames.add(GreeksUpdateFrame.of(HistoryBench.update(HistoryBench.tick(chain, n[0], exchangeMs, random)), writer));
          if (frames.size() == 50) {
            vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(frames));
            frames = new ArrayList<>(50);
          }
        }
        if (!frames.isEmpty()) {
          vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(frames));
        }
      });
      List<Double> samples = new ArrayList<>();
      for (long elapsed = 0; elapsed < seconds; elapsed += sampleSeconds) {
        TimeUnit.SECONDS.sleep(sampleSeconds);
        System.gc();
        double mb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        samples.add(mb);
        System.err.printf("after %d s: live heap %.1f MB, %s%n", elapsed + sampleSeconds, mb, verticle.status().encode());
      }
      JsonObject status = verticle.status();
      System.out.printf("history-soak: rate=%d rows/s seconds=%d live-heap first=%.1f MB last=%.1f MB max=%.1f MB"
              + " rows=%d dropped=%d lag-p99=%.0f ms%n", rate, seconds, samples.get(0), samples.get(samples.size() - 1),
          samples.stream().mapToDouble(Double::doubleValue).max().orElse(0), status.getLong("rowsWritten"),
          status.getLong("rowsDropped"), status.getDouble("writeLagP99Ms"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
