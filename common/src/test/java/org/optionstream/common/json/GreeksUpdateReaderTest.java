package org.optionstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.pricing.IvStatus;

class GreeksUpdateReaderTest {

  private static double maybeNaN(SplittableRandom random, double value) {
    return random.nextInt(5) == 0 ? Double.NaN : value;
  }

  private static GreeksUpdate randomUpdate(SplittableRandom random, int i) {
    IvStatus status = IvStatus.values()[random.nextInt(IvStatus.values().length)];
    return new GreeksUpdate("NSE_FO|" + (40_000 + i), i % 3 == 0 ? "BANKNIFTY" : "NIFTY", 20_000 + 50 * i,
        i % 2 == 0 ? "CE" : "PE", "2026-12-" + (10 + i % 18), maybeNaN(random, random.nextDouble() * 500),
        maybeNaN(random, random.nextInt(2_000_000)), maybeNaN(random, random.nextInt(20_000) - 10_000),
        random.nextInt(1_000_000), maybeNaN(random, random.nextDouble() * 500), maybeNaN(random, random.nextDouble() * 500),
        maybeNaN(random, random.nextDouble()), maybeNaN(random, random.nextDouble() * 2 - 1),
        maybeNaN(random, random.nextDouble() * 1e-3), maybeNaN(random, -random.nextDouble() * 30),
        maybeNaN(random, random.nextDouble() * 20), maybeNaN(random, random.nextDouble() * 5 - 2.5),
        1_796_000_000_000L + random.nextInt(1_000_000), random.nextInt(1 << 30), maybeNaN(random, 23_000 + random.nextDouble()),
        maybeNaN(random, 23_000 + random.nextDouble()), random.nextBoolean() ? "PARITY" : "SPOT",
        maybeNaN(random, random.nextDouble()), 0.065, status, 1_796_000_000_000_000L + random.nextInt(1 << 30),
        random.nextBoolean() ? 0L : 1_795_999_000_000L + random.nextInt(1_000_000), maybeNaN(random, random.nextDouble()),
        random.nextInt(1 << QualityFlag.values().length));
  }

  @Test
  void readsEveryUpdateAsTheParsedTreeDoes() {
    JsonBytesWriter writer = new JsonBytesWriter();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 5_000; i++) {
      GreeksUpdateFrame frame = GreeksUpdateFrame.of(randomUpdate(random, i), writer);
      assertThat(frame.update()).isEqualTo(GreeksUpdate.fromJson(frame.data()));
    }
  }

  @Test
  void anUpdateWithASolvedIvReadsBackAsPublished() {
    GreeksUpdate published = new GreeksUpdate("NSE_FO|43885", "NIFTY", 23_500, "CE", "2026-12-08", 112.35, 1_234_500,
        -2_250, 98_765, 112.1, 112.6, 0.1234, 0.5123, 0.000_812, -12.75, 9.875, 3.5, 1_796_000_000_123L, 42, 23_512.4,
        23_540.15, "PARITY", 0.016_438, 0.065, IvStatus.OK, 1_796_000_000_123_456L, 1_796_000_000_000L, 0.1241,
        QualityFlag.WIDE_SPREAD.bit() | QualityFlag.NEAR_EXPIRY.bit());
    assertThat(GreeksUpdateFrame.of(published, new JsonBytesWriter()).update()).isEqualTo(published);
  }

  @Test
  void unknownMembersAreSkippedAndAMissingIvStatusIsRefused() {
    byte[] newer = ("{\"instrumentKey\":\"K\",\"extra\":{\"a\":[1,{\"b\":2}]},\"price\":5.5,\"ivStatus\":\"NO_PRICE\","
        + "\"more\":[\"x\"]}").getBytes(StandardCharsets.UTF_8);
    GreeksUpdate read = GreeksUpdateReader.read(newer, 0, newer.length);
    assertThat(read.instrumentKey()).isEqualTo("K");
    assertThat(read.price()).isEqualTo(5.5);
    assertThat(read.ivStatus()).isEqualTo(IvStatus.NO_PRICE);

    byte[] noStatus = "{\"instrumentKey\":\"K\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GreeksUpdateReader.read(noStatus, 0, noStatus.length))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ivStatus");
    byte[] cut = "{\"instrumentKey\":\"K\",\"price\":".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GreeksUpdateReader.read(cut, 0, cut.length))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed greeks_update");
  }
}
