package org.optionstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.pricing.IvStatus;

/**
 * The per-tick JSON writer produces exactly the document the JsonObject mapping does: same members,
 * same order, numbers that parse back to the same doubles, strings escaped, non-finite as null.
 */
class JsonBytesWriterTest {

  @Test
  void greeksUpdateBytesEqualTheJsonObjectMapping() {
    GreeksUpdate example = PublicJsonMappingTest.documentedExample();
    JsonBytesWriter writer = new JsonBytesWriter();
    example.writeData(writer);
    JsonObject written = new JsonObject(writer.toString());
    assertThat(written).isEqualTo(example.toJson());
    assertThat(written.fieldNames()).containsExactlyElementsOf(example.toJson().fieldNames());
  }

  @Test
  void randomUpdatesIncludingNonFiniteNumbersMatchTheMappingExactly() {
    SplittableRandom random = new SplittableRandom(20261125);
    JsonBytesWriter writer = new JsonBytesWriter();
    for (int i = 0; i < 20_000; i++) {
      GreeksUpdate update = GreeksUpdate.builder().instrumentKey("NSE_FO|" + random.nextInt(100_000)).symbol("NIFTY")
          .strike(19_000 + 50 * random.nextInt(200)).type(random.nextBoolean() ? "CE" : "PE").expiry("2026-12-01")
          .price(number(random)).oi(number(random)).oiChange(number(random)).volume(random.nextLong(0, 10_000_000))
          .bid(number(random)).ask(number(random)).iv(number(random)).delta(number(random)).gamma(number(random))
          .theta(number(random)).vega(number(random)).rho(number(random))
          .exchangeTimeMs(1_763_610_301_123L + random.nextInt(1 << 30)).sequence(random.nextLong(0, Long.MAX_VALUE))
          .underlyingPrice(number(random)).forward(number(random)).forwardSource(random.nextBoolean() ? "SPOT" : null)
          .timeToExpiry(number(random)).rate(number(random))
          .ivStatus(IvStatus.values()[random.nextInt(IvStatus.values().length)])
          .feedReceivedAtMicros(random.nextLong(0, Long.MAX_VALUE)).build();
      update.writeData(writer.reset());
      String text = writer.toString();
      assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
      assertThat(new JsonObject(text)).as(text).isEqualTo(update.toJson());
    }
  }

  /** Doubles of every kind the messages meet: ordinary, tiny, huge, integral, negative zero, non-finite. */
  private static double number(SplittableRandom random) {
    return switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> random.nextDouble() * 1e-12;
      case 3 -> random.nextDouble() * 1e18;
      case 4 -> (double) random.nextInt(-1_000_000, 1_000_000);
      case 5 -> -0.0;
      default -> Double.longBitsToDouble(random.nextLong()) % 1e6;
    };
  }

  @Test
  void stringsAreEscapedAndNonAsciiIsUtf8() {
    JsonBytesWriter writer = new JsonBytesWriter();
    String tricky = "quote\" backslash\\ tab\t newline\n bell\u0007 rupee\u20b9 clef\ud834\udd1e end";
    writer.beginObject().field("s", tricky).field("nothing", (String) null).endObject();
    assertThat(new JsonObject(writer.toString()).getString("s")).isEqualTo(tricky);
    assertThat(new JsonObject(writer.toString()).containsKey("nothing")).isTrue();
    assertThat(writer.toString()).contains("\\u0007");
  }

  @Test
  void doublesAreShortestRoundTrippingText() {
    JsonBytesWriter writer = new JsonBytesWriter();
    writer.beginObject().field("a", 0.1).field("b", 23500.0).field("c", 1e-7).field("d", 0.1 + 0.2).endObject();
    assertThat(writer.toString()).isEqualTo("{\"a\":0.1,\"b\":23500.0,\"c\":1.0E-7,\"d\":0.30000000000000004}");
  }

  @Test
  void longsAreTheirDecimalDigits() {
    long[] values = {0, 7, 10, -1, -10, 99, 100, 1_763_610_301_125_000L, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1};
    for (long v : values) {
      JsonBytesWriter writer = new JsonBytesWriter().beginObject().field("n", v).endObject();
      assertThat(writer.toString()).isEqualTo("{\"n\":" + v + "}");
    }
    SplittableRandom random = new SplittableRandom(3);
    JsonBytesWriter writer = new JsonBytesWriter();
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertThat(writer.reset().value(v).toString()).isEqualTo(Long.toString(v));
    }
  }

  @Test
  void aValueInsideAnObjectNeedsAName() {
    JsonBytesWriter writer = new JsonBytesWriter().beginObject();
    assertThatThrownBy(() -> writer.value(1L)).isInstanceOf(IllegalStateException.class);
  }
}
