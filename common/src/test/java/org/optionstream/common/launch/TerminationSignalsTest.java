package org.optionstream.common.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A signal sent to this JVM by another process reaches the handler installed through
 * {@link TerminationSignals} (SIGHUP here: the test JVM must keep its SIGTERM and SIGINT), and a signal that
 * cannot be handled is refused loudly. {@code GracefulShutdownTest} covers SIGTERM on a real stage process.
 */
class TerminationSignalsTest {

  @Test
  void aSignalFromAnotherProcessReachesTheHandler() throws Exception {
    BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
    TerminationSignals.handle(List.of("HUP"), received::add);

    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();

    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("HUP");
  }

  @Test
  void anUnknownSignalIsRefusedWithTheReason() {
    assertThatThrownBy(() -> TerminationSignals.handle(List.of("NO-SUCH-SIGNAL"), name -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SIGNO-SUCH-SIGNAL");
  }
}
