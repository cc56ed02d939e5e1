package org.optionstream.common.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortestDecimal} writes exactly what jackson-core's Schubfach ({@code NumberOutput.toString(v,
 * true)}, the JDK 19+ {@code Double.toString} algorithm) writes, for every kind of double: random bit
 * patterns over the whole range, subnormals, integers, powers of two and ten, two-decimal prices,
 * and the Greeks' magnitudes; and every text reads back as the same double.
 */
class ShortestDecimalTest {

  private final byte[] out = new byte[ShortestDecimal.MAX_LENGTH + 3];

  private String written(double v) {
    out[0] = 'x';
    int end = ShortestDecimal.write(v, out, 1);
    assertThat(end - 1).isLessThanOrEqualTo(ShortestDecimal.MAX_LENGTH);
    return new String(out, 1, end - 1, StandardCharsets.US_ASCII);
  }

  private void agrees(double v) {
    String expected = NumberOutput.toString(v, true);
    String got = written(v);
    if (!got.equals(expected)) {
      throw new AssertionError("for " + Double.doubleToRawLongBits(v) + " (" + v + ") wrote " + got + ", Schubfach "
          + expected);
    }
    if (Double.parseDouble(got) != v && !Double.isNaN(v)) {
      throw new AssertionError(got + " does not read back as " + v);
    }
  }

  @Test
  void specialValuesAndEdges() {
    double[] edges = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1e-3, 9.99e-4, 1e7, 9999999.0, 9999999.999, 1e6, 1e-4,
        123.45, 23750.0, 0.05, 1e22, 1e23, 2e23, 5e-324, -5e-324, 1e-323, 1.5e-323, 2.2250738585072014e-308,
        2.225073858507201e-308, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Math.PI, Math.E,
        4503599627370496.0, 4503599627370497.0, 9007199254740991.0, 9007199254740992.0, 9007199254740993.0,
        1.2345678901234567e-300, 12345678.0, 1.0E-5, 100.0, 0.001, 0.01, 1e15, 1e16, 1e17, 1.7976931348623157e308};
    for (double v : edges) {
      agrees(v);
    }
    assertThat(written(0.0)).isEqualTo("0.0");
    assertThat(written(-0.0)).isEqualTo("-0.0");
    assertThat(written(23750.0)).isEqualTo("23750.0");
    assertThat(written(1e7)).isEqualTo("1.0E7");
    assertThat(written(0.001)).isEqualTo("0.001");
    assertThat(written(1e-4)).isEqualTo("1.0E-4");
    assertThat(written(2e-323)).isEqualTo("2.0E-323");
    assertThat(written(0.1 + 0.2)).isEqualTo("0.30000000000000004");
  }

  @Test
  void powersOfTwoAndTenAndTheirNeighbours() {
    for (int e = -1074; e <= 1023; e++) {
      double p = Math.scalb(1.0, e);
      agrees(p);
      agrees(Math.nextUp(p));
      agrees(Math.nextDown(p));
    }
    for (int e = -323; e <= 308; e++) {
      double p = Double.parseDouble("1e" + e);
      agrees(p);
      agrees(Math.nextUp(p));
      agrees(Math.nextDown(p));
    }
  }

  @Test
  void randomBitPatternsOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(20261125);
    for (int i = 0; i < 2_000_000; i++) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(v)) {
        agrees(v);
      }
    }
  }

  @Test
  void subnormalsIntegersPricesAndGreeks() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 300_000; i++) {
      agrees(Double.longBitsToDouble(random.nextLong(1, 1L << 52)));
      agrees((double) random.nextLong(1L << 54));
      agrees(random.nextInt(10_000_000) / 100.0);
      agrees(random.nextInt(2_000_000) * 0.05);
      agrees(random.nextLong(100_000_000_000L) / 10_000.0);
      agrees(random.nextInt(1_000_000) / 1_000.0 + 1e-3);
      agrees(-random.nextInt(100_000) / 10.0);
      agrees(random.nextDouble());
      agrees(random.nextDouble() * 1e-3);
      agrees(-random.nextDouble() * 30);
      agrees(23_000 + random.nextDouble() * 2_000);
    }
  }

  @Test
  void refusesNonFiniteValues() {
    assertThatThrownBy(() -> ShortestDecimal.write(Double.NaN, out, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShortestDecimal.write(Double.POSITIVE_INFINITY, out, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
