package org.optionstream.common.pricing;


/**
 * Black-76 implied volatility in the normalised coordinates of P. Jäckel, "Let's Be Rational"
 * (Wilmott, January 2015): given x = ln(F/K) ≤ 0 and the normalised out-of-the-money call price
 * 0 &lt; β &lt; e^(x/2), find s = σ√T with b(x, s) = β.
 *
 * <p>As in the paper, the price axis is split at the inflection point s_c = √(2|x|) of b(s), and each
 * side is solved with third-order Householder steps on the objective that makes b nearly linear there:
 * <ul>
 *   <li>β ≤ b(s_c) ("lower"): g(s) = 1/ln b(s) − 1/ln β, starting from {@link BachelierGuess} (the
 *       small-t expansion of b, accurate to O(t⁴), so one step usually suffices), or, far out of the
 *       money, from the inverse of the lower asymptote f(s) = (2π/√27)·|x|·Φ(−|x|/(√3 s))³;</li>
 *   <li>β &gt; b(s_c) ("upper"): g(s) = ln(bₘₐₓ − β) − ln(bₘₐₓ − b(s)), starting from the warm start
 *       or the inverse of the upper asymptote bₘₐₓ − b ≈ (e^(x/2) + e^(−x/2))·Φ(−s/2), exact at x = 0.</li>
 * </ul>
 * The derivatives of b needed by Householder's method are closed forms: b' = e^(−(h²+t²)/2)/√(2π),
 * b''/b' = x²/s³ − s/4, b'''/b' = (b''/b')² − 3x²/s⁴ − 1/4. Every step is safeguarded by a bracket
 * [lo, hi] around the root (b is increasing in s): a step that leaves the bracket is replaced by
 * bisection, so the iteration always terminates with an answer. Iteration stops once a step moves s by
 * less than 1e-4 relative: Householder(3) converges quartically, so the error left is of order
 * (1e-4)⁴, below the precision of the double arithmetic. A warm start (the previous tick's σ√T) is
 * used where the closed-form guesses are weakest (upper branch, or outside the expansion's range),
 * and only inside the bracket; it changes speed only, never the answer.
 */
public final class ImpliedVolatility {

  /** A step smaller than this fraction of s ends the iteration (the error left is ~(1e-4)⁴). */
  private static final double CONVERGED_RELATIVE_STEP = 1e-4;
  /** Householder steps before the iteration falls back to plain bisection of the bracket (typical solves take 1 or 2). */
  private static final int HOUSEHOLDER_ITERATIONS = 16;
  /** Safety cap on iterations: Householder, then bisection, which halves the bracket to the last bit well within it. */
  private static final int MAX_ITERATIONS = 1100;
  /** 2π/√27, the scale of the lower asymptote. */
  private static final double TWO_PI_OVER_SQRT_27 = 1.2091995761561452337;
  private static final double SQRT_3 = 1.7320508075688772935;
  /** 2/√(2π) = √(2/π). */
  private static final double TWO_INV_SQRT_TWO_PI = 0.7978845608028653559;

  private ImpliedVolatility() {
  }

  /**
   * s = σ√T solving b(x, s) = β for x ≤ 0 and 0 &lt; β &lt; e^(x/2) (callers check the bounds).
   *
   * @param x      ln(F/K) of the out-of-the-money side, ≤ 0
   * @param beta   normalised out-of-the-money call price: undiscounted OTM price / √(F·K)
   * @param sGuess a warm start for s (e.g. last σ·√T), or any non-positive value for none
   * @param diag   receives the iteration count in {@link GreeksResult#iterations}; may be null
   * @return s &gt; 0
   */
  public static double solveNormalisedOtm(double x, double beta, double sGuess, GreeksResult diag) {
    double bMax = Math.exp(0.5 * x);
    double sC = Math.sqrt(-2.0 * x);
    double lo = 0.0;
    double hi = Double.POSITIVE_INFINITY;
    boolean lower;
    double s = x < 0 ? BachelierGuess.guess(x, beta) : Double.NaN;
    if (s > 0 && s <= 0.5 * sC) {
      // Well below the inflection point (the expansion's domain): lower branch without evaluating b(s_c).
      // The bracket's upper end is then left open; evaluations close it.
      lower = true;
    } else if (x < 0) {
      // b(s_c) = e^(x/2)/2 − e^(−x/2)·Φ(−s_c) (h + t = 0, h − t = −s_c there), and with
      // Φ(−s_c) = erfcx(√|x|)·e^x/2 this is e^(x/2)·(1 − erfcx(√|x|))/2: no further exponential.
      double bC = 0.5 * bMax * (1.0 - Erf.erfcx(Math.sqrt(-x)));
      lower = beta <= bC;
      if (lower) {
        hi = sC;
      } else {
        lo = sC;
      }
    } else {
      lower = false;
    }
    boolean warm = !lower || !(s > lo && s < hi);
    if (warm && sGuess > lo && sGuess < hi) {
      s = sGuess;
    } else if (!(s > lo && s < hi)) {
      if (lower) {
        // Far out of the money: invert the lower asymptote f(s) = (2π/√27)·|x|·Φ(−|x|/(√3 s))³.
        double arg = Math.cbrt(beta / (TWO_PI_OVER_SQRT_27 * -x));
        s = arg < 0.5 ? -x / (SQRT_3 * -InverseNormal.quantile(arg)) : 0.5 * sC;
      } else {
        // Upper asymptote e^(x/2) − b ≈ (e^(x/2) + e^(−x/2))·Φ(−s/2), exact at x = 0.
        s = -2.0 * InverseNormal.quantile((bMax - beta) / (bMax + 1.0 / bMax));
      }
      if (!(s > lo && s < hi)) {
        s = Double.isInfinite(hi) ? Math.max(2.0 * lo, 1.0) : 0.5 * (lo + hi);
      }
    }
    double lnBeta = lower ? Math.log(beta) : 0.0;
    double lnCBeta = lower ? 0.0 : Math.log(bMax - beta);
    double invLnBeta = 1.0 / lnBeta;
    double x2 = x * x;
    int i = 0;
    while (i < MAX_ITERATIONS) {
      i++;
      double invS = 1.0 / s;
      double h = x * invS;
      double t = 0.5 * s;
      double halfHtSquare = 0.5 * (h * h + t * t);
      // erfcx of q₁ = −(h+t)/√2 and q₂ = −(h−t)/√2: with b' = e^(−(h²+t²)/2)/√(2π),
      //   b = e^(−(h²+t²)/2)·(erfcx(q₁) − erfcx(q₂))/2,   e^(x/2) − b = e^(−(h²+t²)/2)·(erfcx(−q₁) + erfcx(q₂))/2,
      // so ln b, ln(bₘₐₓ − b) and the ratios b'/b, b'/(bₘₐₓ − b) need no exponential at all.
      double q2 = -(h - t) * Normal.SQRT_HALF;
      double e2 = Erf.erfcx(q2);
      double x2OverS3 = x2 * invS * invS * invS;
      double a1 = x2OverS3 - 0.25 * s;                       // b''/b'
      double a3 = a1 * a1 - 3.0 * x2OverS3 * invS - 0.25;    // b'''/b'
      double nu;
      double h2;
      double h3;
      boolean below;
      if (lower) {
        double diff = Erf.erfcx(-(h + t) * Normal.SQRT_HALF) - e2;
        double ln = Math.log(0.5 * diff) - halfHtSquare;
        below = ln < lnBeta;
        double r = TWO_INV_SQRT_TWO_PI / diff;             // b'/b
        double invLn = 1.0 / ln;
        double k = 1.0 + 2.0 * invLn;                        // (2 + ln b)/ln b
        nu = ln * (lnBeta - ln) * invLnBeta * diff * (1.0 / TWO_INV_SQRT_TWO_PI);
        h2 = a1 - k * r;
        h3 = a3 + 2.0 * (1.0 + invLn * (3.0 + 3.0 * invLn)) * r * r - 3.0 * k * r * a1;
      } else {
        double sum = Erf.erfcx((h + t) * Normal.SQRT_HALF) + e2;
        double lnC = Math.log(0.5 * sum) - halfHtSquare;
        below = lnC > lnCBeta;
        double q = TWO_INV_SQRT_TWO_PI / sum;              // b'/(bₘₐₓ − b)
        nu = (lnC - lnCBeta) * sum * (1.0 / TWO_INV_SQRT_TWO_PI);
        h2 = a1 + q;
        h3 = a3 + 2.0 * q * q + 3.0 * q * a1;
      }
      if (below) {
        lo = Math.max(lo, s);
      } else {
        hi = Math.min(hi, s);
      }
      // Householder(3): Δs = ν·(1 + h₂ν/2) / (1 + ν·(h₂ + h₃ν/6)), ν the Newton step.
      double step = nu * (1.0 + 0.5 * h2 * nu) / (1.0 + nu * (h2 + h3 * nu * (1.0 / 6.0)));
      if (Math.abs(step) <= CONVERGED_RELATIVE_STEP * s) {
        s += step;
        break;
      }
      double next = s + step;
      if (!(next > lo && next < hi) || i > HOUSEHOLDER_ITERATIONS) {
        next = Double.isInfinite(hi) ? 2.0 * Math.max(s, lo) : 0.5 * (lo + hi);
        if (hi - lo <= 2.0 * Math.ulp(hi)) {
          s = next;
          break;
        }
      }
      s = next;
    }
    if (diag != null) {
      diag.iterations = i;
    }
    return s;
  }
}
