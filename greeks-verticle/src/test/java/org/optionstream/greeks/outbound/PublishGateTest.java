package org.optionstream.greeks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishGateTest {

  private final Set<String> fullNow = new HashSet<>();
  private long nowNanos = 5_000_000_000L;
  private final PublishGate gate = new PublishGate(into -> into.addAll(fullNow), TimeUnit.SECONDS.toNanos(1),
      () -> nowNanos);

  private void advanceMillis(long ms) {
    nowNanos += TimeUnit.MILLISECONDS.toNanos(ms);
  }

  @Test
  void openWhileEveryConnectionTakesMore() {
    assertThat(gate.open()).isTrue();
  }

  @Test
  void aFullConnectionHoldsBackUntilItDrains() {
    fullNow.add("pcr");
    assertThat(gate.open()).isFalse();
    advanceMillis(400);
    assertThat(gate.open()).isFalse();
    fullNow.clear();
    assertThat(gate.open()).isTrue();
  }

  @Test
  void aMemberFullForLongerThanTheLimitCountsAsHungAndNoLongerHoldsTheOthersBack() {
    fullNow.add("hung-pcr");
    assertThat(gate.open()).isFalse();
    advanceMillis(999);
    assertThat(gate.open()).isFalse();
    advanceMillis(1);
    assertThat(gate.open()).as("waited its second").isTrue();
    fullNow.add("slow-gateway");
    assertThat(gate.open()).as("another member just filled up: waited for").isFalse();
    advanceMillis(1_000);
    assertThat(gate.open()).isTrue();
  }

  @Test
  void aMemberThatDrainsAndFillsAgainIsWaitedForAgain() {
    fullNow.add("pcr");
    assertThat(gate.open()).isFalse();
    advanceMillis(1_500);
    assertThat(gate.open()).isTrue();
    fullNow.clear();
    assertThat(gate.open()).isTrue();
    fullNow.add("pcr");
    assertThat(gate.open()).as("full anew: its second starts again").isFalse();
  }
}
