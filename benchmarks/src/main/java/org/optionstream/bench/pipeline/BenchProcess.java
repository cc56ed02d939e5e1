package org.optionstream.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the system under test, started by the harness from its own classpath (the benchmarks
 * jar holds every stage) with its own environment, output to {@code <logDir>/<name>.log}.
 * {@link #close()} sends SIGTERM, waits, then SIGKILLs, so the harness never leaves a JVM behind.
 */
final class BenchProcess implements AutoCloseable {

  /** Linux reports thread CPU time in clock ticks of 1/100 s (USER_HZ) on every common build. */
  private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;

  private final String name;
  private final Process process;
  private final Path log;

  private BenchProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass args} in a new JVM with {@code jvmOptions} and {@code env} added to this
   * process's environment.
   */
  static BenchProcess start(String name, Path logDir, List<String> jvmOptions, String mainClass, List<String> args,
      Map<String, String> env) {
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(jvmOptions);
      // A stage that runs out of heap exits (and the bench says so) instead of lingering half-dead.
      command.add("-XX:+ExitOnOutOfMemoryError");
      command.add("-Djava.net.preferIPv4Stack=true");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass);
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      // a harness stopped by Ctrl-C or SIGTERM takes the system it started with it
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
      return new BenchProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while the process runs. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  Path log() {
    return log;
  }

  /**
   * CPU time the JIT compiler threads (C1 and C2) have used so far, nanoseconds, read from Linux's
   * {@code /proc/<pid>/task/*}; -1 where there is no such file system.
   */
  long jitCpuNanos() {
    return jitCpuNanos(Path.of("/proc", Long.toString(process.pid()), "task"));
  }

  /** {@link #jitCpuNanos()} of the process whose {@code /proc/<pid>/task} directory is {@code tasks}. */
  static long jitCpuNanos(Path tasks) {
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long ticks = 0;
    try (var threads = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        ticks += compilerThreadTicks(task);
      }
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
    return ticks * NANOS_PER_CLOCK_TICK;
  }

  /** utime + stime of one thread when it is a JIT compiler thread, else 0 (the thread may be gone: 0). */
  private static long compilerThreadTicks(Path task) {
    try {
      String name = Files.readString(task.resolve("comm")).trim();
      if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
        return 0;
      }
      String stat = Files.readString(task.resolve("stat"));
      // Fields after the parenthesised name: state is field 3, utime field 14, stime field 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Process CPU time so far (user + system), nanoseconds; -1 when the OS does not say. */
  long cpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
