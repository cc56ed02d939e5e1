package org.optionstream.allinone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One stage of the system in its own JVM, started from this build's classpath with its own
 * environment (its own Hazelcast member), output captured to {@code target/stage-logs/<name>.log}.
 * {@link #terminate()} sends SIGTERM, {@link #kill()} SIGKILL; {@link #close()} terminates and
 * waits, then kills, so a failed test leaves no orphan JVM behind.
 */
public final class StageProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private StageProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} in a new JVM with {@code env} added to this process's environment. */
  public static StageProcess start(String name, String mainClass, Map<String, String> env) {
    return start(name, List.of(), mainClass, env);
  }

  /**
   * Starts {@code mainClass} in a new JVM launched through {@code launcher} (for example
   * {@link VirtualNetwork#exec} to run it on another host), with {@code env} added.
   */
  public static StageProcess start(String name, List<String> launcher, String mainClass, Map<String, String> env) {
    try {
      Path logDir = Path.of("target", "stage-logs");
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
      List<String> command = new ArrayList<>(launcher);
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xmx512m");
      command.add("-XX:+ExitOnOutOfMemoryError");
      command.add("-XX:+UseSerialGC");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-Djava.net.preferIPv4Stack=true");
      command.add("-cp");
      command.add(classpath());
      command.add(mainClass);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new StageProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM: the graceful stop Kubernetes sends. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the JVM dies without any shutdown hook. */
  public void kill() {
    process.destroyForcibly();
  }

  /** SIGSTOP: the JVM freezes (a stop-the-world pause or a frozen node) until {@link #resume()}. */
  public void suspend() {
    signal("STOP", true);
  }

  /** SIGCONT after {@link #suspend()}. */
  public void resume() {
    signal("CONT", true);
  }

  private void signal(String name, boolean mustSucceed) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if ((!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) && mustSucceed) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name, e);
    }
  }

  /** Waits for the process to end; its exit code, or -1 if it is still running after {@code timeout}. */
  public int awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Everything the process printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  public Path logFile() {
    return log;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      signal("CONT", false); // a suspended JVM would not act on SIGTERM
      terminate();
      if (awaitExit(Duration.ofSeconds(25)) == -1) {
        kill();
        awaitExit(Duration.ofSeconds(5));
      }
    }
  }
}
