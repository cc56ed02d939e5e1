package org.optionstream.common.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingJsonTest {

  /** Writes {@code value} as {@link JsonBytesWriter} does and reads it back with {@link StreamingJson#FACTORY}. */
  private static double roundTrip(JsonBytesWriter writer, double value) throws IOException {
    writer.reset().beginObject().field("v", value).endObject();
    try (JsonParser parser = StreamingJson.FACTORY.createParser(writer.toByteArray())) {
      parser.nextToken();
      parser.nextToken();
      JsonToken token = parser.nextToken();
      assertThat(token).isIn(JsonToken.VALUE_NUMBER_FLOAT, JsonToken.VALUE_NUMBER_INT);
      return parser.getDoubleValue();
    }
  }

  @Test
  void everyDoubleOurWriterEncodesReadsBackBitForBit() throws IOException {
    JsonBytesWriter writer = new JsonBytesWriter();
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      double value = switch (i % 4) {
        case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7fef_ffff_ffff_ffffL);
        case 1 -> random.nextDouble() * 50_000;
        case 2 -> -random.nextDouble() * 1e-3;
        default -> Math.scalb(random.nextDouble(), random.nextInt(-1070, 1020));
      };
      assertThat(Double.doubleToLongBits(roundTrip(writer, value))).as("%s", value)
          .isEqualTo(Double.doubleToLongBits(value));
    }
  }

  @Test
  void theFastParserAgreesWithTheJdkOnDecimalsOfSeventeenDigits() throws IOException {
    JsonBytesWriter writer = new JsonBytesWriter();
    for (String text : new String[] {"0.30000000000000004", "2.2250738585072011e-308", "9007199254740993",
        "23512.400000000001", "1.7976931348623157e308", "4.9e-324"}) {
      double jdk = Double.parseDouble(text);
      assertThat(roundTrip(writer, jdk)).isEqualTo(jdk);
      try (JsonParser parser = StreamingJson.FACTORY.createParser(text)) {
        parser.nextToken();
        assertThat(Double.doubleToLongBits(parser.getDoubleValue())).as(text).isEqualTo(Double.doubleToLongBits(jdk));
      }
    }
  }
}
