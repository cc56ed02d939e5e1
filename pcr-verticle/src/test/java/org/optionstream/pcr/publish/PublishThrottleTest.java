package org.optionstream.pcr.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublishThrottleTest {

  private static final long MS = 1_000_000;

  @Test
  void atMostOnePublicationPerIntervalAndTheLastChangeIsAlwaysScheduled() {
    PublishThrottle throttle = new PublishThrottle(4); // 250 ms
    assertThat(throttle.minIntervalNanos()).isEqualTo(250 * MS);

    assertThat(throttle.request(0)).isEqualTo(PublishThrottle.NOW);
    throttle.published(0);

    assertThat(throttle.request(10 * MS)).as("inside the interval: scheduled at its end").isEqualTo(240 * MS);
    assertThat(throttle.isScheduled()).isTrue();
    assertThat(throttle.request(20 * MS)).isEqualTo(PublishThrottle.ALREADY_SCHEDULED);
    assertThat(throttle.request(249 * MS)).isEqualTo(PublishThrottle.ALREADY_SCHEDULED);

    throttle.fired();
    throttle.published(250 * MS);
    assertThat(throttle.isScheduled()).isFalse();
    assertThat(throttle.request(300 * MS)).isEqualTo(200 * MS);
    throttle.fired();
    throttle.published(500 * MS);

    assertThat(throttle.request(900 * MS)).as("quiet for longer than the interval").isEqualTo(PublishThrottle.NOW);
  }

  @Test
  void aScheduledPublicationThatFoundNothingNewLeavesTheThrottleOpen() {
    PublishThrottle throttle = new PublishThrottle(2);
    throttle.published(0);
    assertThat(throttle.request(MS)).isPositive();
    throttle.fired(); // the caller found the figures unchanged and did not publish
    assertThat(throttle.request(600 * MS)).isEqualTo(PublishThrottle.NOW);
  }

  @Test
  void rateMustBePositive() {
    assertThatThrownBy(() -> new PublishThrottle(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
