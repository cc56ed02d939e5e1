package org.optionstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.pricing.IvStatus;

class GreeksUpdateReaderTest {

  /** Sometimes not finite, which the JSON makes null and both readers NaN. */
  private static double maybeNaN(SplittableRandom random, double value) {
    return switch (random.nextInt(12)) {
      case 0, 1 -> Double.NaN;
      case 2 -> Double.POSITIVE_INFINITY;
      default -> value;
    };
  }

  private static GreeksUpdate randomUpdate(SplittableRandom random, int i) {
    IvStatus status = IvStatus.values()[random.nextInt(IvStatus.values().length)];
    return GreeksUpdate.builder().instrumentKey("NSE_FO|" + (40_000 + i)).symbol(i % 3 == 0 ? "BANKNIFTY" : "NIFTY")
        .strike(20_000 + 50 * i).type(i % 2 == 0 ? "CE" : "PE").expiry("2026-12-" + (10 + i % 18))
        .price(maybeNaN(random, random.nextDouble() * 500)).oi(maybeNaN(random, random.nextInt(2_000_000)))
        .oiChange(maybeNaN(random, random.nextInt(20_000) - 10_000)).volume(random.nextInt(1_000_000))
        .bid(maybeNaN(random, random.nextDouble() * 500)).ask(maybeNaN(random, random.nextDouble() * 500))
        .iv(maybeNaN(random, random.nextDouble())).delta(maybeNaN(random, random.nextDouble() * 2 - 1))
        .gamma(maybeNaN(random, random.nextDouble() * 1e-3)).theta(maybeNaN(random, -random.nextDouble() * 30))
        .vega(maybeNaN(random, random.nextDouble() * 20)).rho(maybeNaN(random, random.nextDouble() * 5 - 2.5))
        .exchangeTimeMs(1_796_000_000_000L + random.nextInt(1_000_000)).sequence(random.nextInt(1 << 30))
        .underlyingPrice(maybeNaN(random, 23_000 + random.nextDouble()))
        .forward(maybeNaN(random, 23_000 + random.nextDouble()))
        .forwardSource(random.nextBoolean() ? "PARITY" : "SPOT").timeToExpiry(maybeNaN(random, random.nextDouble()))
        .rate(0.065).ivStatus(status).feedReceivedAtMicros(1_796_000_000_000_000L + random.nextInt(1 << 30))
        .lastTradeTimeMs(random.nextBoolean() ? -random.nextInt(2) : 1_795_999_000_000L + random.nextInt(1_000_000))
        .ivMid(maybeNaN(random, random.nextDouble())).quality(random.nextInt(1 << QualityFlag.values().length))
        .build();
  }

  @Test
  void theStreamingReaderAndTheBinaryFormGiveWhatTheParsedTreeGives() {
    JsonBytesWriter writer = new JsonBytesWriter();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 5_000; i++) {
      GreeksUpdateFrame frame = GreeksUpdateFrame.of(randomUpdate(random, i), writer);
      GreeksUpdate fromTree = GreeksUpdate.fromJson(frame.data());
      assertThat(GreeksUpdateReader.read(frame.message(), frame.dataOffset(), frame.dataLength()))
          .as("streaming JSON reader").isEqualTo(fromTree);
      assertThat(GreeksUpdateReader.readFields(frame.fields(), 0, frame.fields().length))
          .as("binary form").isEqualTo(fromTree);
      assertThat(frame.update()).isEqualTo(fromTree);
    }
  }

  @Test
  void aFrameWithoutTheBinaryFormIsReadFromItsJson() {
    GreeksUpdateFrame full = GreeksUpdateFrame.of(randomUpdate(new SplittableRandom(9), 1), new JsonBytesWriter());
    GreeksUpdateFrame jsonOnly = new GreeksUpdateFrame(full.instrumentKey(), full.symbol(), full.expiry(),
        full.exchangeTimeMs(), full.sequence(), full.message());
    assertThat(jsonOnly.fields()).isNull();
    assertThat(jsonOnly.update()).isEqualTo(full.update());
  }

  @Test
  void aTruncatedBinaryFormIsRefusedWithAReason() {
    GreeksUpdateFrame frame = GreeksUpdateFrame.of(randomUpdate(new SplittableRandom(3), 2), new JsonBytesWriter());
    assertThatThrownBy(() -> GreeksUpdateReader.readFields(frame.fields(), 0, frame.fields().length - 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("truncated greeks_update fields");
  }

  @Test
  void anUpdateWithASolvedIvReadsBackAsPublished() {
    GreeksUpdate published = GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY").strike(23_500)
        .type("CE").expiry("2026-12-08").price(112.35).oi(1_234_500).oiChange(-2_250).volume(98_765).bid(112.1)
        .ask(112.6).iv(0.1234).delta(0.5123).gamma(0.000_812).theta(-12.75).vega(9.875).rho(3.5)
        .exchangeTimeMs(1_796_000_000_123L).sequence(42).underlyingPrice(23_512.4).forward(23_540.15)
        .forwardSource("PARITY").timeToExpiry(0.016_438).rate(0.065).ivStatus(IvStatus.OK)
        .feedReceivedAtMicros(1_796_000_000_123_456L).lastTradeTimeMs(1_796_000_000_000L).ivMid(0.1241)
        .quality(QualityFlag.WIDE_SPREAD.bit() | QualityFlag.NEAR_EXPIRY.bit()).build();
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
