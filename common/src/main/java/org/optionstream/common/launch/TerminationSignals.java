package org.optionstream.common.launch;

import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The project's one adapter to the JDK's unsupported signal API ({@code sun.misc.Signal}, module
 * {@code jdk.unsupported}): a process that stops because Kubernetes or an operator sent SIGTERM (or SIGINT)
 * must exit 0 after a clean stop, and a shutdown hook alone cannot choose the exit code (the JVM exits 143).
 * Installing fails loudly rather than leaving the process on the JVM's default handling; {@code
 * TerminationSignalsTest} fails when a JDK no longer delivers signals this way.
 */
final class TerminationSignals {

  /** The signals a process stops on: SIGTERM from Kubernetes or {@code kill}, SIGINT from a terminal. */
  static final List<String> STOP = List.of("TERM", "INT");

  private TerminationSignals() {
  }

  /**
   * Replaces the JVM's handling of each named signal by {@code onSignal}, called with the signal's name on
   * the JDK's signal-dispatch thread (so it must only hand the work to another thread).
   *
   * @throws IllegalStateException when a signal cannot be handled on this platform or JDK
   */
  static void handle(List<String> names, Consumer<String> onSignal) {
    for (String name : names) {
      try {
        Signal.handle(new Signal(name), received -> onSignal.accept(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("cannot handle SIG" + name + " on this JVM: " + e.getMessage(), e);
      }
    }
  }
}
