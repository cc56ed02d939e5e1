package org.optionstream.common.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.testing.TestClusters;

/**
 * SIGTERM on a real process started by {@link StageLauncher#run}: readiness turns DOWN first, the
 * stage's in-flight work finishes, the member leaves the Hazelcast cluster, the JVM exits 0, and its
 * log lines are JSON when {@code LOG_FORMAT=json}. A stop that outlives
 * {@code SHUTDOWN_TIMEOUT_SECONDS} ends the process with exit code 1.
 */
class GracefulShutdownTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  private Process spawn(Map<String, String> env, Path stdout) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
        "-cp", classpath, ShutdownProbeMain.class.getName())
        .redirectOutput(stdout.toFile())
        .redirectError(stdout.resolveSibling(stdout.getFileName() + ".err").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static int status(int port, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
    }
  }

  private static Path logFile(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "stage-logs"));
    return dir.resolve(name + "-" + System.nanoTime() + ".log");
  }

  @Test
  void sigterm_drains_finishes_in_flight_work_leaves_the_cluster_and_exits_0() throws Exception {
    TestClusters cluster = new TestClusters();
    int mgmtPort = TestClusters.freePort();
    Map<String, String> env = new java.util.HashMap<>(cluster.env());
    env.putAll(Map.of(
        "MGMT_PORT", Integer.toString(mgmtPort),
        "MGMT_HOST", "127.0.0.1",
        "SHUTDOWN_TIMEOUT_SECONDS", "20",
        "SHUTDOWN_DRAIN_MS", "1500",
        "PROBE_STOP_MS", "1000",
        "LOG_FORMAT", "json"));
    ProcessServices observer = cluster.member().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      Path log = logFile("probe");
      Process process = spawn(env, log);
      await("the probe process to be ready", Duration.ofSeconds(60), () -> status(mgmtPort, "/health/ready") == 200);
      var hazelcast = TestClusters.hazelcast(observer);
      assertThat(hazelcast.getCluster().getMembers()).hasSize(2);
      assertThat(status(mgmtPort, "/health/live")).isEqualTo(200);

      process.destroy();
      await("readiness DOWN while draining", Duration.ofSeconds(10), () -> status(mgmtPort, "/health/ready") == 503);
      assertThat(status(mgmtPort, "/health/live")).as("still alive while draining").isEqualTo(200);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited in time").isTrue();
      assertThat(process.exitValue()).isZero();
      await("the member to leave", Duration.ofSeconds(10), () -> hazelcast.getCluster().getMembers().size() == 1);

      List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      List<JsonObject> events = lines.stream().map(JsonObject::new).toList();
      assertThat(events).as("Hazelcast logs through SLF4J/logback")
          .anyMatch(e -> e.getString("loggerName").startsWith("com.hazelcast."));
      List<String> messages = events.stream().map(e -> e.getString("formattedMessage")).toList();
      assertThat(messages).containsSubsequence(
          "probe draining: readiness DOWN, stopping in 1500 ms",
          "probe stage finishing in-flight work for 1000 ms",
          "probe stage stopped cleanly",
          "probe stopped");
    } finally {
      observer.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_stop_longer_than_the_bound_ends_the_process_with_exit_code_1() throws Exception {
    int mgmtPort = TestClusters.freePort();
    Path log = logFile("probe-slow");
    Process process = spawn(Map.of(
        "CLUSTERED", "false",
        "MGMT_PORT", Integer.toString(mgmtPort),
        "MGMT_HOST", "127.0.0.1",
        "SHUTDOWN_TIMEOUT_SECONDS", "2",
        "PROBE_STOP_MS", "60000"), log);
    await("the probe process to be ready", Duration.ofSeconds(60), () -> status(mgmtPort, "/health/ready") == 200);
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within the bound").isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(log)).contains("did not stop within 2 s (SHUTDOWN_TIMEOUT_SECONDS)")
        .doesNotContain("probe stage stopped cleanly");
  }
}
