package org.optionstream.common.pricing;


/**
 * The normalised Black function of P. Jäckel, "Let's Be Rational" (Wilmott, January 2015):
 * <pre>
 *   b(x, s) = Φ(h + t)·e^(x/2) − Φ(h − t)·e^(−x/2),   h = x/s,  t = s/2,
 *   x = ln(F/K),  s = σ√T,   undiscounted call = √(F·K) · b(x, s)
 * </pre>
 * Only the out-of-the-money call side x ≤ 0 is evaluated here (the in-the-money side and puts follow by
 * put-call parity: b_put(x) = b_call(−x), b_call(x) = b_call(−x) + 2·sinh(x/2) for x &gt; 0).
 * Evaluated with Cody's erfc and the scaled erfcx so that no digit is lost to underflow or to the
 * subtraction of the two terms where the price is tiny:
 * <pre>
 *   2b = e^(−(h²+t²)/2) · [erfcx(q₁) − erfcx(q₂)],   q₁ = −(h+t)/√2,  q₂ = −(h−t)/√2
 * </pre>
 * because e^(x/2)·erfc(q₁) = e^(−(h²+t²)/2)·erfcx(q₁) (and likewise for q₂). Pure functions, no allocation.
 */
final class NormalisedBlack {

  private NormalisedBlack() {
  }

  /** b(x, s) for x ≤ 0 and s &gt; 0: the normalised out-of-the-money call, in [0, e^(x/2)). */
  static double otmCall(double x, double s) {
    double h = x / s;
    double t = 0.5 * s;
    double q1 = -(h + t) * Normal.SQRT_HALF;
    double q2 = -(h - t) * Normal.SQRT_HALF; // q2 ≥ q1 and q2 ≥ 0 because h ≤ 0 < t
    double twoB;
    if (q1 >= Erf.THRESHOLD) {
      twoB = Math.exp(-0.5 * (h * h + t * t)) * (Erf.erfcx(q1) - Erf.erfcx(q2));
    } else if (q2 >= Erf.THRESHOLD) {
      twoB = Math.exp(0.5 * x) * Erf.erfc(q1) - Math.exp(-0.5 * (h * h + t * t)) * Erf.erfcx(q2);
    } else {
      twoB = Math.exp(0.5 * x) * Erf.erfc(q1) - Math.exp(-0.5 * x) * Erf.erfc(q2);
    }
    return twoB > 0 ? 0.5 * twoB : 0.0;
  }
}
