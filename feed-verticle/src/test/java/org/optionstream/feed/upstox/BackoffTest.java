package org.optionstream.feed.upstox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void equalJitterDoublesUpToTheCapAndResets() {
    Backoff b = new Backoff(250, 30_000, new SplittableRandom(1));
    for (int n = 0; n < 40; n++) {
      long ceiling = Math.min(30_000, 250L << Math.min(n, 20));
      assertThat(b.nextDelayMs()).as("attempt %d", n + 1).isBetween(ceiling / 2, ceiling);
    }
    assertThat(b.attempts()).isEqualTo(40);
    b.reset();
    assertThat(b.nextDelayMs()).isBetween(125L, 250L);
  }

  @Test
  void jitterSpreadsClientsThatFailedTogether() {
    Backoff a = new Backoff(1000, 60_000, new SplittableRandom(1));
    Backoff c = new Backoff(1000, 60_000, new SplittableRandom(2));
    long same = 0;
    for (int i = 0; i < 20; i++) {
      if (a.nextDelayMs() == c.nextDelayMs()) {
        same++;
      }
    }
    assertThat(same).isLessThan(3);
  }
}
