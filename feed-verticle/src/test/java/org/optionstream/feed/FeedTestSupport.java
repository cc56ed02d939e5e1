package org.optionstream.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.tick.Tick;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.simulator.UpstoxSimulator;

/** Shared plumbing of the feed's integration tests: a simulator, a feed pointed at it, event capture, waiting. */
final class FeedTestSupport {

  final Vertx vertx;
  final ProcessServices services;
  final WebClient http;
  final List<Tick> ticks = new CopyOnWriteArrayList<>();
  final List<FeedStatus> statuses = new CopyOnWriteArrayList<>();
  UpstoxSimulator simulator;
  FeedVerticle feed;
  String feedDeployment;

  FeedTestSupport(Vertx vertx) {
    this.vertx = vertx;
    this.services = ProcessServices.local(vertx);
    this.http = WebClient.create(vertx);
    vertx.eventBus().<Tick>consumer(Addresses.MARKET_TICKS, m -> ticks.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.FEED_STATUS, m -> statuses.add(FeedStatus.fromJson(m.body())));
  }

  /** Starts a simulator on a free loopback port. */
  UpstoxSimulator startSimulator(Map<String, String> simEnv) {
    Map<String, String> env = new HashMap<>(Map.of("SIM_PORT", "0"));
    env.putAll(simEnv);
    simulator = new UpstoxSimulator(SimulatorConfig.from(new Env(env)));
    await(vertx.deployVerticle(simulator));
    return simulator;
  }

  /**
   * Feed settings that point the live-mode client at the test's simulator (ws:// followed as given), tracking
   * one expiry of NIFTY with a ±500 point window unless overridden.
   */
  FeedConfig liveConfig(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of(
        "UNDERLYINGS", "NIFTY",
        "FEED_EXPIRIES", "1",
        "FEED_WINDOW_POINTS", "500",
        "UPSTOX_ACCESS_TOKEN", "test-token",
        "UPSTOX_API_URL", simulator.baseUrl(),
        "UPSTOX_INSTRUMENTS_URL", simulator.instrumentsUrl(),
        "FEED_BACKOFF_INITIAL_MS", "100",
        "FEED_BACKOFF_MAX_MS", "1000",
        "FEED_POLL_INTERVAL_MS", "200",
        "FEED_STATUS_INTERVAL_MS", "1000"));
    env.putAll(overrides);
    return FeedConfig.from(new Env(env));
  }

  FeedVerticle startFeed(FeedConfig config) {
    feed = new FeedVerticle(config, services.health(), services.presence());
    feedDeployment = await(vertx.deployVerticle(feed));
    return feed;
  }

  JsonObject control(String method, String pathAndQuery) {
    var request = method.equals("GET") ? http.get(simulator.port(), "127.0.0.1", pathAndQuery)
        : http.post(simulator.port(), "127.0.0.1", pathAndQuery);
    return await(request.send()).bodyAsJsonObject();
  }

  JsonObject stats() {
    return control("GET", "/sim/control/stats");
  }

  /**
   * Waits until {@code condition} holds, checking every 20 ms on the test thread (a Vert.x timer
   * future paces the loop; no sleeping); fails after {@code timeoutMs}. The condition may block.
   */
  void until(String what, long timeoutMs, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      boolean ok;
      try {
        ok = condition.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for: " + what);
      }
      await(vertx.timer(20));
    }
  }

  boolean sawState(org.optionstream.common.json.FeedState state) {
    return statuses.stream().anyMatch(s -> s.state() == state);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
