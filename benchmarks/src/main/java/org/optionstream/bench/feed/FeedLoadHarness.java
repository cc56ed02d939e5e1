package org.optionstream.bench.feed;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.tick.Tick;
import org.optionstream.feed.FeedConfig;
import org.optionstream.feed.FeedVerticle;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.simulator.UpstoxSimulator;

/**
 * End-to-end feed throughput in one JVM: the Upstox simulator as load generator (its own event
 * loop) → WebSocket on loopback → decode → assemble → event bus ({@code market.ticks} counted by a
 * local consumer). Prints ticks/s received on {@code market.ticks} and the simulator's feeds/s.
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.optionstream.bench.feed.FeedLoadHarness [ticksPerSecond] [seconds]
 * </pre>
 * Pin it with {@code taskset -c 0} to see one core (then simulator and feed share that core).
 */
public final class FeedLoadHarness {

  private FeedLoadHarness() {
  }

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Vertx vertx = Codecs.register(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)));
    ProcessServices process = ProcessServices.local(vertx);
    AtomicLong ticks = new AtomicLong();
    vertx.eventBus().<Tick>localConsumer(Addresses.MARKET_TICKS, m -> ticks.incrementAndGet());
    UpstoxSimulator simulator = new UpstoxSimulator(SimulatorConfig.from(new Env(Map.of(
        "SIM_PORT", "0", "SIM_TICKS_PER_SECOND", Integer.toString(rate)))));
    vertx.deployVerticle(simulator).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    FeedVerticle feed = new FeedVerticle(FeedConfig.from(new Env(Map.of("FEED_SOURCE", "simulator",
        "UPSTOX_API_URL", simulator.baseUrl(), "UPSTOX_INSTRUMENTS_URL", simulator.instrumentsUrl()))),
        process.health(), process.presence());
    vertx.deployVerticle(feed).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    // warm up, then measure
    long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 3));
    while (System.nanoTime() < warmUntil) {
      vertx.timer(100).toCompletionStage().toCompletableFuture().get();
    }
    long t0 = System.nanoTime();
    long ticks0 = ticks.get();
    long frames0 = feed.framesDecoded();
    long sent0 = simulator.stats().getLong("feedsSent");
    long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      vertx.timer(100).toCompletionStage().toCompletableFuture().get();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long sent1 = simulator.stats().getLong("feedsSent");
    System.out.println("simulator stats: " + simulator.stats().encode());
    System.out.printf("feed e2e: offered=%d/s simulator sent=%.0f feeds/s, frames decoded=%.0f/s, "
            + "ticks on market.ticks=%.0f/s over %.1f s%n",
        rate, (sent1 - sent0) / s, (feed.framesDecoded() - frames0) / s, (ticks.get() - ticks0) / s, s);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
