package org.optionstream.history.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.optionstream.common.testing.TestClusters;

/**
 * A QuestDB server in its own JVM: the {@code questdb} jar on the test class path, started with its own
 * {@code ServerMain} on a data directory whose {@code conf/server.conf} binds HTTP and PostgreSQL to
 * 127.0.0.1 on free ports and turns everything else off (no line protocol over TCP/UDP, no telemetry).
 * {@link #kill()} is SIGKILL; {@link #start()} again reopens the same data on the same ports.
 */
public final class QuestDbServer implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(60);

  private final Path root;
  private final int httpPort = TestClusters.freePort();
  private final int pgPort = TestClusters.freePort();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  public QuestDbServer(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root.resolve("conf"));
    Files.writeString(root.resolve("conf/server.conf"), String.join("\n",
        "http.bind.to=127.0.0.1:" + httpPort,
        "pg.net.bind.to=127.0.0.1:" + pgPort,
        "http.min.enabled=false",
        "line.tcp.enabled=false",
        "line.udp.enabled=false",
        "telemetry.enabled=false",
        "shared.worker.count=1",
        "http.worker.count=1",
        "pg.worker.count=1",
        "") + "\n");
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int pgPort() {
    return pgPort;
  }

  /** Starts the server JVM and returns once it answers SQL over HTTP. */
  public QuestDbServer start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = Path.of(io.questdb.ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-p", jar.toString(),
        "-m", "io.questdb/io.questdb.ServerMain", "-d", root.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("server.log").toFile()))
        .start();
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("QuestDB server exited with " + process.exitValue() + "; see " + root.resolve("server.log"));
      }
      if (answers()) {
        return this;
      }
      process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait for the server's start, not a sleep-and-hope
    }
    throw new IllegalStateException("QuestDB server not ready within " + READY + "; see " + root.resolve("server.log"));
  }

  /** One SQL statement over HTTP; the JSON text of the answer. */
  public String exec(String sql) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/exec?query="
        + java.net.URLEncoder.encode(sql, java.nio.charset.StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private boolean answers() {
    try {
      return exec("select 1").contains("dataset");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL, as a crash or a lost node would stop it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
