package org.optionstream.bench.fanout;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.gateway.GatewayConfig;
import org.optionstream.gateway.GatewayVerticle;

/**
 * The gateway side of {@code bench/fanout.sh}: one gateway (local event bus) and a publisher of
 * {@code greeks.update} at a fixed rate over {@code chains} underlying/expiry chains of 42 options each.
 * Every update carries its publish wall-clock time in {@code feedReceivedAtMicros}, from which the
 * clients compute staleness. Prints the gateway's heap every 5 s.
 *
 * <p>Arguments: {@code port updatesPerSecond chains flushIntervalMs}.
 */
public final class FanoutServer {

  /** Strikes per chain (each with a CE and a PE). */
  static final int STRIKES = 21;

  private FanoutServer() {
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int rate = Integer.parseInt(args[1]);
    int chains = Integer.parseInt(args[2]);
    String flushMs = args.length > 3 ? args[3] : "0";
    Vertx vertx = Codecs.register(Vertx.vertx());
    ProcessServices process = ProcessServices.local(vertx);
    Map<String, String> env = new java.util.HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("GATEWAY_")) {
        env.put(k, v); // e.g. GATEWAY_CLIENT_MAX_INFLIGHT_BYTES for experiments
      }
    });
    env.putAll(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1", "GATEWAY_FLUSH_INTERVAL_MS", flushMs));
    GatewayConfig config = GatewayConfig.from(new Env(env));
    Publisher publisher = new Publisher(rate, chains);
    vertx.deployVerticle(publisher)
        .compose(id -> vertx.deployVerticle(new GatewayVerticle(config, process.health(), process.lifecycle(), null)))
        .onSuccess(id -> System.out.printf("fanout server ready: port=%d rate=%d/s chains=%d instruments=%d flush=%s ms%n",
            port, rate, chains, chains * STRIKES * 2, flushMs))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
    vertx.setPeriodic(5000, t -> System.out.printf("fanout server heap: used=%d MB old-gen=%d MB (after last old GC %d MB) published=%d%n",
        usedHeapMb(), oldGenMb(false), oldGenMb(true), publisher.published));
  }

  static long usedHeapMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** Old-generation occupancy (what survived young collections), now or after the last old collection, MB. */
  static long oldGenMb(boolean afterCollection) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Old Gen")) {
        var usage = afterCollection ? pool.getCollectionUsage() : pool.getUsage();
        return usage == null ? -1 : usage.getUsed() >> 20;
      }
    }
    return -1;
  }

  static String symbol(int chain) {
    return "SYM" + chain;
  }

  static final String EXPIRY = "2025-11-27";

  /** Publishes {@code rate} updates per second in 10 ms batches, and answers the warm-up requests. */
  static final class Publisher extends VerticleBase {
    private final int rate;
    private final List<JsonObject> templates = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(1);
    private long sequence;
    long published;

    Publisher(int rate, int chains) {
      this.rate = rate;
      for (int c = 0; c < chains; c++) {
        for (int s = 0; s < STRIKES; s++) {
          for (String type : List.of("CE", "PE")) {
            double strike = 23000 + 50 * s;
            templates.add(new JsonObject()
                .put("instrumentKey", "NSE_FO|" + (100000 + templates.size())).put("symbol", symbol(c))
                .put("strike", strike).put("type", type).put("expiry", EXPIRY).put("price", 100.0).put("oi", 1.0e6)
                .put("iv", 0.14).put("greeks", new JsonObject().put("delta", 0.5).put("gamma", 0.001)
                    .put("theta", -12.3).put("vega", 8.9).put("rho", 3.1))
                .put("timestamp", "2025-11-20T09:15:01.123+05:30").put("underlyingPrice", 23512.3)
                .put("forward", 23530.1).put("forwardSource", "SYNTHETIC").put("timeToExpiry", 0.0191)
                .put("rate", 0.10).put("ivStatus", "OK").put("volume", 1000).put("bid", 99.5).put("ask", 100.5)
                .put("oiChange", 1000.0));
          }
        }
      }
    }

    @Override
    public Future<?> start() {
      var eb = vertx.eventBus();
      eb.consumer(Addresses.GREEKS_SNAPSHOT, m -> m.reply(new JsonArray()));
      eb.consumer(Addresses.PCR_SNAPSHOT, m -> m.reply(new JsonObject().put("pcr", new JsonArray())
          .put("oiByStrike", new JsonArray())));
      eb.consumer(Addresses.FEED_STATUS_QUERY, m -> m.reply(
          new FeedStatus(FeedState.LIVE, templates.size(), System.currentTimeMillis(), System.currentTimeMillis(), "bench")
              .toJson()));
      long[] due = {0};
      long startNanos = System.nanoTime();
      vertx.setPeriodic(10, t -> {
        // catch up to the schedule so the rate holds even when a timer fires late
        long target = (System.nanoTime() - startNanos) / 1_000_000 * rate / 1000;
        while (due[0] < target) {
          publishOne();
          due[0]++;
        }
      });
      return Future.succeededFuture();
    }

    private void publishOne() {
      JsonObject template = templates.get(random.nextInt(templates.size()));
      Instant now = Instant.now();
      sequence++;
      JsonObject update = template.copy()
          .put("price", 100 + random.nextDouble(-5, 5))
          .put("exchangeTimeMs", now.toEpochMilli())
          .put("sequence", sequence)
          .put("feedReceivedAtMicros", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(GreeksUpdateFrame.of(update)));
      published++;
    }
  }
}
