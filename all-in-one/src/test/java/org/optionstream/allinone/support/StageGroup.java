package org.optionstream.allinone.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The stage JVMs one test starts ({@code @RegisterExtension}): all are stopped after the test
 * (SIGTERM to all, then each waited for), and when the test fails its error carries each
 * process's state and the end of its log, so a failure on a CI machine says which stage was
 * dead, deaf or complaining without anyone having the log files.
 */
public final class StageGroup implements AfterEachCallback, TestExecutionExceptionHandler {

  private static final int TAIL_LINES = 12;

  private final List<StageProcess> processes = new ArrayList<>();

  public StageProcess start(String name, String mainClass, Map<String, String> env) {
    StageProcess process = StageProcess.start(name, mainClass, env);
    processes.add(process);
    return process;
  }

  /** Fails at once when a stage has exited: waiting for its output would only burn the timeout. */
  public void assertAllRunning() {
    for (StageProcess process : processes) {
      if (!process.isAlive()) {
        throw new AssertionError(process.name() + " exited with " + process.awaitExit(java.time.Duration.ZERO));
      }
    }
  }

  /** Each process: name, pid, running or its exit code, and the last lines it printed. */
  public String report() {
    StringBuilder report = new StringBuilder();
    for (StageProcess process : processes) {
      report.append("\n--- ").append(process.name()).append(" (pid ").append(process.pid()).append(", ")
          .append(process.isAlive() ? "running" : "exited " + process.awaitExit(java.time.Duration.ZERO))
          .append("), last lines of ").append(process.logFile()).append(":\n")
          .append(lastLines(process.output()));
    }
    return report.toString();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    AssertionError withReport = new AssertionError(failure.getMessage() + "\nstage processes:" + report(), failure);
    throw withReport;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    processes.forEach(StageProcess::terminate);
    processes.forEach(StageProcess::close);
    processes.clear();
  }

  private static String lastLines(String output) {
    List<String> lines = output.lines()
        .filter(line -> !line.isBlank() && !line.startsWith(" --add-modules"))
        .collect(Collectors.toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }
}
