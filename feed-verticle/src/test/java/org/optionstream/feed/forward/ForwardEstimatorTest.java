package org.optionstream.feed.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.tick.ForwardSource;

class ForwardEstimatorTest {

  @Test
  void parityRecoversTheForwardThatPricedTheOptions() {
    double f = 23_812.4;
    double t = 7 / 365.0;
    double r = 0.10;
    double call = Black76.price(f, 23_800, t, 0.13, r, true);
    double put = Black76.price(f, 23_800, t, 0.13, r, false);
    ForwardEstimator e = new ForwardEstimator(r);
    e.update(23_790, 23_800, call, put, t);
    assertThat(e.source()).isEqualTo(ForwardSource.SYNTHETIC);
    assertThat(e.forward()).isCloseTo(f, within(1e-6));
  }

  @Test
  void spotCarryUntilBothPricesAreKnownAndWhenParityIsImplausible() {
    ForwardEstimator e = new ForwardEstimator(0.10);
    e.update(0, Double.NaN, 0, 0, 0.02);
    assertThat(e.source()).isEqualTo(ForwardSource.FORWARD_SOURCE_UNSPECIFIED);
    assertThat(e.forward()).isZero();
    e.update(23_700, 23_700, 120, 0, 0.02);
    assertThat(e.source()).isEqualTo(ForwardSource.SPOT);
    assertThat(e.forward()).isCloseTo(23_700 * Math.exp(0.10 * 0.02), within(1e-9));
    e.update(23_700, 23_700, 5_000, 1, 0.02);
    assertThat(e.source()).as("a 21 % away synthetic forward is a stale quote").isEqualTo(ForwardSource.SPOT);
    e.update(23_700, 23_700, 120, 100, -1);
    assertThat(e.forward()).as("expired: no carry").isEqualTo(23_720);
  }
}
