package org.optionstream.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.optionstream.simulator.UpstoxSimulator;
import org.optionstream.simulator.UpstoxSimulatorMain;

/**
 * The system the harness measures: one JVM (single mode) or four JVMs joined over Hazelcast on
 * loopback (cluster mode), running either the real pipeline or the bare relay (greeks and pcr
 * replaced by {@link GreeksRelayVerticle} and {@link PcrRelayVerticle}). The feed runs on the Upstox
 * simulator ({@code FEED_SOURCE=simulator}; in the single JVM, or in a JVM of its own beside the four
 * cluster members), which is also the load generator ({@code SIM_TICKS_PER_SECOND} and
 * {@code POST /sim/control/rate}). Talks to it only over HTTP: readiness, simulator control, metrics.
 */
final class SystemUnderTest implements AutoCloseable {

  /** What runs between the feed and the gateway. */
  enum Variant {
    PIPELINE, PIPELINE_NO_ANALYTICS, RELAY
  }

  private final List<BenchProcess> processes;
  private final int httpPort;
  private final int simPort;
  private final int feedMetricsPort;
  private final int greeksMetricsPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private SystemUnderTest(List<BenchProcess> processes, int httpPort, int simPort, int feedMetricsPort,
      int greeksMetricsPort) {
    this.processes = processes;
    this.httpPort = httpPort;
    this.simPort = simPort;
    this.feedMetricsPort = feedMetricsPort;
    this.greeksMetricsPort = greeksMetricsPort;
  }

  /**
   * Starts the processes (not yet ready: see {@link #awaitReady}).
   *
   * @param settings     the run's settings (mode, rate, chain size, JVM options)
   * @param variant      pipeline or bare relay
   * @param logDir       where each process's output goes
   */
  static SystemUnderTest start(BenchSettings settings, Variant variant, Path logDir) {
    int httpPort = freePort();
    int simPort = freePort();
    Map<String, String> common = new LinkedHashMap<>();
    common.put("SIM_PORT", Integer.toString(simPort));
    common.put("FEED_SOURCE", "simulator");
    common.put("UPSTOX_API_URL", "http://127.0.0.1:" + simPort);
    common.put("UPSTOX_INSTRUMENTS_URL", "http://127.0.0.1:" + simPort + UpstoxSimulator.INSTRUMENTS_PATH);
    common.put("SIM_TICKS_PER_SECOND", Integer.toString(settings.rate()));
    common.put("FEED_EXPIRIES", Integer.toString(settings.expiries()));
    if (settings.windowPoints() > 0) {
      common.put("FEED_WINDOW_POINTS", Double.toString(settings.windowPoints()));
    }
    if (variant == Variant.PIPELINE_NO_ANALYTICS) {
      common.put("ANALYTICS_ENABLED", "false");
    }
    common.put("HTTP_HOST", "127.0.0.1");
    common.put("LOG_LEVEL", System.getenv().getOrDefault("BENCH_LOG_LEVEL", "INFO"));
    common.putAll(settings.extraEnv());
    List<BenchProcess> started = new ArrayList<>();
    String prefix = variant.name().toLowerCase() + "-";
    try {
      if (!settings.cluster()) {
        Map<String, String> env = new HashMap<>(common);
        env.put("CLUSTERED", "false");
        env.put("MGMT_PORT", "-1");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        String role = variant != Variant.RELAY ? "single-pipeline" : "single-relay";
        started.add(BenchProcess.start(prefix + "single", logDir, settings.jvmOptions(),
            PipelineNodeMain.class.getName(), List.of(role), env));
        return new SystemUnderTest(started, httpPort, simPort, httpPort, httpPort);
      }
      int feedMetricsPort = freePort();
      int greeksMetricsPort = freePort();
      common.put("CLUSTERED", "true");
      common.put("HZ_CLUSTER_NAME", "bench-" + UUID.randomUUID());
      common.put("HZ_PORT", Integer.toString(16000 + 10 * ThreadLocalRandom.current().nextInt(800)));
      common.put("MGMT_PORT", "-1");
      Map<String, String> gateway = new HashMap<>(common);
      gateway.put("HTTP_PORT", Integer.toString(httpPort));
      gateway.remove("MGMT_PORT");
      Map<String, String> feed = new HashMap<>(common);
      feed.put("MGMT_PORT", Integer.toString(feedMetricsPort));
      Map<String, String> greeks = new HashMap<>(common);
      greeks.put("MGMT_PORT", Integer.toString(greeksMetricsPort));
      // first, and answering, before the feed asks it for the instruments master
      started.add(BenchProcess.start(prefix + "simulator", logDir, settings.jvmOptions(),
          UpstoxSimulatorMain.class.getName(), List.of(), common));
      awaitAnswer(started, simPort, "/sim/control/stats", Duration.ofSeconds(60));
      if (variant != Variant.RELAY) {
        started.add(BenchProcess.start(prefix + "greeks", logDir, settings.jvmOptions(),
            "org.optionstream.greeks.GreeksMain", List.of(), greeks));
        started.add(BenchProcess.start(prefix + "pcr", logDir, settings.jvmOptions(),
            "org.optionstream.pcr.PcrMain", List.of(), common));
      } else {
        started.add(BenchProcess.start(prefix + "greeks", logDir, settings.jvmOptions(),
            PipelineNodeMain.class.getName(), List.of("greeks-relay"), common));
        started.add(BenchProcess.start(prefix + "pcr", logDir, settings.jvmOptions(),
            PipelineNodeMain.class.getName(), List.of("pcr-relay"), common));
      }
      started.add(BenchProcess.start(prefix + "gateway", logDir, settings.jvmOptions(),
          "org.optionstream.gateway.GatewayMain", List.of(), gateway));
      started.add(BenchProcess.start(prefix + "feed", logDir, settings.jvmOptions(),
          "org.optionstream.feed.FeedMain", List.of(), feed));
      return new SystemUnderTest(started, httpPort, simPort, feedMetricsPort, greeksMetricsPort);
    } catch (RuntimeException e) {
      started.forEach(BenchProcess::close);
      throw e;
    }
  }

  /** Waits until {@code port} answers {@code path} with 200; throws with the logs' tails otherwise. */
  private static void awaitAnswer(List<BenchProcess> started, int port, String path, Duration timeout) {
    SystemUnderTest probe = new SystemUnderTest(started, -1, port, -1, -1);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (probe.status(port, path) != 200) {
      if (System.nanoTime() > deadline || !probe.alive()) {
        StringBuilder logs = new StringBuilder();
        started.forEach(p -> logs.append("--- ").append(p.name()).append('\n').append(tail(p.log())));
        throw new IllegalStateException("nothing answered " + path + " on port " + port + "\n" + logs);
      }
      pause(100);
    }
  }

  /** Waits until the gateway is ready and the simulator answers; throws with the logs' tails otherwise. */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean gatewayReady = false;
    boolean simulatorUp = false;
    while (System.nanoTime() < deadline) {
      for (BenchProcess p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(p.name() + " exited during start-up:\n" + tail(p.log()));
        }
      }
      gatewayReady = gatewayReady || status(httpPort, "/health/ready") == 200;
      simulatorUp = simulatorUp || status(simPort, "/sim/control/stats") == 200;
      if (gatewayReady && simulatorUp) {
        return;
      }
      pause(250);
    }
    StringBuilder logs = new StringBuilder();
    for (BenchProcess p : processes) {
      logs.append("--- ").append(p.name()).append('\n').append(tail(p.log()));
    }
    throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s (gateway ready=" + gatewayReady
        + ", simulator up=" + simulatorUp + ")\n" + logs);
  }

  int httpPort() {
    return httpPort;
  }

  /** Asks the simulator for {@code ticksPerSecond}; true when it accepted. */
  boolean setRate(int ticksPerSecond) {
    try {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + simPort + "/sim/control/rate?ticksPerSecond=" + ticksPerSecond))
          .timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.noBody())
          .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The gateway's Prometheus text ({@code /metrics}), or "" when it does not answer. */
  String gatewayMetrics() {
    return get(httpPort, "/metrics");
  }

  /** The feed's Prometheus text: the gateway's in single mode (one registry), the feed's own in cluster mode. */
  String feedMetrics() {
    return get(feedMetricsPort, "/metrics");
  }

  /** The greeks stage's Prometheus text: the gateway's in single mode (one registry), its own in cluster mode. */
  String greeksMetrics() {
    return get(greeksMetricsPort, "/metrics");
  }

  /** The gateway's current greeks cache ({@code /api/greeks}), or "" when it does not answer. */
  String gatewayGreeks() {
    return get(httpPort, "/api/greeks");
  }

  /** Process name to CPU time so far, nanoseconds. */
  Map<String, Long> cpuNanos() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (BenchProcess p : processes) {
      out.put(p.name(), p.cpuNanos());
    }
    return out;
  }

  /** CPU time of every process's JIT compiler threads so far, nanoseconds; -1 when the OS does not say. */
  long jitCpuNanos() {
    long total = 0;
    for (BenchProcess p : processes) {
      long n = p.jitCpuNanos();
      if (n < 0) {
        return -1;
      }
      total += n;
    }
    return total;
  }

  /** True while every process is alive. */
  boolean alive() {
    return processes.stream().allMatch(BenchProcess::isAlive);
  }

  /** Throws, naming each process that has exited, with its exit code and the tail of its log. */
  void requireAlive() {
    StringBuilder dead = new StringBuilder();
    for (BenchProcess p : processes) {
      if (!p.isAlive()) {
        dead.append(dead.length() == 0 ? "" : ", ").append(p.name()).append(" exited with ").append(p.exitCode());
      }
    }
    if (dead.length() == 0) {
      return;
    }
    StringBuilder logs = new StringBuilder();
    for (BenchProcess p : processes) {
      if (!p.isAlive()) {
        logs.append("--- ").append(p.name()).append(" (").append(p.log()).append(")\n").append(tail(p.log()));
      }
    }
    throw new IllegalStateException("a stage of the system under test died: " + dead + "\n" + logs);
  }

  @Override
  public void close() {
    // Feed first (it is last in the list), so no stage sees its consumers vanish under load.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private int status(int port, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String get(int port, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).GET().build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")\n";
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
