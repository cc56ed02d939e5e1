package org.optionstream.common.encoding;

import java.math.BigInteger;

/**
 * Writes a finite double as ASCII bytes: the shortest decimal that reads back as the same double,
 * laid out as JDK 19+ {@code Double.toString} does (plain from 10<sup>-3</sup> up to 10<sup>7</sup>,
 * {@code 1.0E7} style outside), straight into a caller's byte array, allocating nothing.
 *
 * <p>The digits come from Raffaello Giulietti's Schubfach algorithm ("The Schubfach way to render
 * doubles", 2020): the rounding interval of the double is scaled by a 126-bit approximation of a
 * power of ten, and among the decimals in that interval the one with fewest digits wins, ties going
 * to the closest (then even). The power-of-ten table is computed exactly with {@link BigInteger} when
 * the class loads. JDK 17's {@code Double.toString} is not always shortest and is several times
 * slower; jackson-core's port returns a {@code String} and multiplies 64-bit halves in plain Java.
 */
final class ShortestDecimal {

  /** Bytes {@link #write} may use at most: sign, 17 digits, point, "E-324". */
  static final int MAX_LENGTH = 25;

  private static final int SIGNIFICAND_BITS = 53;
  private static final int Q_MIN = -1074;
  private static final long C_MIN = 1L << (SIGNIFICAND_BITS - 1);
  private static final long FRACTION_MASK = C_MIN - 1;
  private static final int EXPONENT_MASK = 0x7FF;
  /** Subnormal significands below this get one more digit of room (scaled by 10). */
  private static final long C_TINY = 3;
  private static final int K_MIN = -324;
  private static final int K_MAX = 292;
  private static final long MASK_63 = Long.MAX_VALUE;

  /** For k in [K_MIN, K_MAX]: 10^-k = beta * 2^r with 2^125 <= beta < 2^126; g = floor(beta) + 1, as (g1, g0) 63-bit halves. */
  private static final long[] G = powersOfTen();

  private ShortestDecimal() {
  }

  /**
   * Writes {@code v} (finite) into {@code out} from {@code at}, which must leave room for
   * {@link #MAX_LENGTH} bytes; returns the position after the last byte written.
   */
  static int write(double v, byte[] out, int at) {
    long bits = Double.doubleToRawLongBits(v);
    int pos = at;
    if (bits < 0) {
      out[pos++] = '-';
    }
    long fraction = bits & FRACTION_MASK;
    int biasedExponent = (int) (bits >>> (SIGNIFICAND_BITS - 1)) & EXPONENT_MASK;
    if (biasedExponent == EXPONENT_MASK) {
      throw new IllegalArgumentException("not finite: " + v);
    }
    if (biasedExponent != 0) {
      int minusQ = -Q_MIN + 1 - biasedExponent;
      long c = C_MIN | fraction;
      if (0 < minusQ && minusQ < SIGNIFICAND_BITS) {
        long integer = c >> minusQ;
        if (integer << minusQ == c) {
          // an integer below 2^53: its own digits
          return layout(integer, 0, out, pos);
        }
      }
      double magnitude = Math.abs(v);
      if (magnitude >= 1e-3 && magnitude < 1e7) {
        // prices, index levels, rates: at most four decimals. When m / 10^4 reads back as v it is the
        // only such decimal in v's rounding interval (a few ulps wide, far below 10^-4), so the shortest.
        long m = Math.round(magnitude * 10_000);
        if (m / 10_000.0 == magnitude) {
          return layout(m, -4, out, pos);
        }
      }
      return digits(-minusQ, c, 0, out, pos);
    }
    if (fraction != 0) {
      return fraction < C_TINY
          ? digits(Q_MIN, 10 * fraction, -1, out, pos)
          : digits(Q_MIN, fraction, 0, out, pos);
    }
    return layout(0, 0, out, pos);
  }

  /** The shortest decimal in the rounding interval of c * 2^q, laid out; dk corrects a pre-scaled c. */
  private static int digits(int q, long c, int dk, byte[] out, int pos) {
    int odd = (int) c & 1;
    long cb = c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (c != C_MIN || q == Q_MIN) {
      cbl = cb - 2;
      k = floorLog10Pow2(q);
    } else {
      // at a power of two the interval below is half as wide
      cbl = cb - 1;
      k = floorLog10ThreeQuartersPow2(q);
    }
    int h = q + floorLog2Pow10(-k) + 2;
    int index = (k - K_MIN) << 1;
    long g1 = G[index];
    long g0 = G[index + 1];
    long vb = roundOddProduct(g1, g0, cb << h);
    long vbl = roundOddProduct(g1, g0, cbl << h);
    long vbr = roundOddProduct(g1, g0, cbr << h);

    long s = vb >> 2;
    if (s >= 100) {
      // one digit fewer, when a multiple of ten lies inside the interval
      long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
      long tp10 = sp10 + 10;
      boolean lowerIn = vbl + odd <= sp10 << 2;
      boolean upperIn = (tp10 << 2) + odd <= vbr;
      if (lowerIn != upperIn) {
        return layout(lowerIn ? sp10 : tp10, k, out, pos);
      }
    }
    long t = s + 1;
    boolean lowerIn = vbl + odd <= s << 2;
    boolean upperIn = (t << 2) + odd <= vbr;
    if (lowerIn != upperIn) {
      return layout(lowerIn ? s : t, k + dk, out, pos);
    }
    long cmp = vb - ((s + t) << 1);
    return layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k + dk, out, pos);
  }

  /** floor(g * cp / 2^127) with the lowest bit set when inexact (round to odd). */
  private static long roundOddProduct(long g1, long g0, long cp) {
    long x1 = Math.multiplyHigh(g0, cp);
    long y0 = g1 * cp;
    long y1 = Math.multiplyHigh(g1, cp);
    long z = (y0 >>> 1) + x1;
    long vbp = y1 + (z >>> 63);
    return vbp | ((z & MASK_63) + MASK_63) >>> 63;
  }

  /** Lays out f * 10^e (f below 10^17) in Double.toString's notation. */
  private static int layout(long f, int e, byte[] out, int pos) {
    if (f == 0) {
      out[pos] = '0';
      out[pos + 1] = '.';
      out[pos + 2] = '0';
      return pos + 3;
    }
    // the digits of f, most significant first, right-aligned in out[.. pos + 24): room for "0.00" before them
    int end = pos + MAX_LENGTH - 1;
    int first = digitsBackwards(f, out, end);
    while (out[end - 1] == '0') {
      end--;
      e++;
    }
    int n = end - first;
    int exponent = n + e - 1;
    if (exponent >= 0 && exponent < 7) {
      int integerDigits = exponent + 1;
      if (n <= integerDigits) {
        System.arraycopy(out, first, out, pos, n);
        pos += n;
        for (int i = n; i < integerDigits; i++) {
          out[pos++] = '0';
        }
        out[pos++] = '.';
        out[pos++] = '0';
        return pos;
      }
      System.arraycopy(out, first, out, pos, integerDigits);
      pos += integerDigits;
      out[pos++] = '.';
      System.arraycopy(out, first + integerDigits, out, pos, n - integerDigits);
      return pos + n - integerDigits;
    }
    if (exponent < 0 && exponent >= -3) {
      out[pos++] = '0';
      out[pos++] = '.';
      for (int i = -1; i > exponent; i--) {
        out[pos++] = '0';
      }
      System.arraycopy(out, first, out, pos, n);
      return pos + n;
    }
    out[pos++] = out[first];
    out[pos++] = '.';
    if (n == 1) {
      out[pos++] = '0';
    } else {
      System.arraycopy(out, first + 1, out, pos, n - 1);
      pos += n - 1;
    }
    out[pos++] = 'E';
    if (exponent < 0) {
      out[pos++] = '-';
      exponent = -exponent;
    }
    if (exponent >= 100) {
      out[pos++] = (byte) ('0' + exponent / 100);
      exponent %= 100;
      out[pos++] = (byte) ('0' + exponent / 10);
    } else if (exponent >= 10) {
      out[pos++] = (byte) ('0' + exponent / 10);
    }
    out[pos++] = (byte) ('0' + exponent % 10);
    return pos;
  }

  /** Writes the decimal digits of f (positive) so that they end just before {@code end}; returns where they start. */
  static int digitsBackwards(long f, byte[] out, int end) {
    int at = end;
    while (f >= 100_000_000L) {
      long upper = f / 100_000_000L;
      int eight = (int) (f - upper * 100_000_000L);
      for (int i = 0; i < 4; i++) {
        int pair = eight % 100;
        eight /= 100;
        out[--at] = (byte) ('0' + pair % 10);
        out[--at] = (byte) ('0' + pair / 10);
      }
      f = upper;
    }
    int rest = (int) f;
    while (rest >= 10) {
      out[--at] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    out[--at] = (byte) ('0' + rest);
    return at;
  }

  /** floor(e * log10(2)), exact for |e| <= 5456721. */
  private static int floorLog10Pow2(int e) {
    return (int) (e * 661_971_961_083L >> 41);
  }

  /** floor(e * log10(2) + log10(3/4)), exact for |e| <= 5456721. */
  private static int floorLog10ThreeQuartersPow2(int e) {
    return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
  }

  /** floor(e * log2(10)), exact for |e| <= 1838394. */
  private static int floorLog2Pow10(int e) {
    return (int) (e * 913_124_641_741L >> 38);
  }

  private static long[] powersOfTen() {
    long[] g = new long[(K_MAX - K_MIN + 1) * 2];
    BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
    for (int k = K_MIN; k <= K_MAX; k++) {
      BigInteger beta;
      if (k <= 0) {
        BigInteger n = BigInteger.TEN.pow(-k);
        int shift = n.bitLength() - 126;
        beta = shift >= 0 ? n.shiftRight(shift) : n.shiftLeft(-shift);
      } else {
        BigInteger d = BigInteger.TEN.pow(k);
        beta = BigInteger.ONE.shiftLeft(125 + d.bitLength()).divide(d);
      }
      BigInteger value = beta.add(BigInteger.ONE);
      int index = (k - K_MIN) << 1;
      g[index] = value.shiftRight(63).longValueExact();
      g[index + 1] = value.and(mask63).longValueExact();
    }
    return g;
  }
}
