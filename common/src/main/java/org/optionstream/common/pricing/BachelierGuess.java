package org.optionstream.common.pricing;


/**
 * The initial guess of the implied-volatility solver below the inflection point, from the small-t
 * expansion of the normalised Black function (h = x/s, t = s/2, Y(h) = Φ(h)/φ(h)):
 * <pre>
 *   b(x, s) = φ(h)·e^(−t²/2)·[Y(h+t) − Y(h−t)] = s·(φ(h) + h·Φ(h)) · (1 + t²·(Y'''(h)/(6·Y'(h)) − 1/2) + O(t⁴))
 * </pre>
 * The leading term is Bachelier's normalised price, so β = s·(φ(h) + hΦ(h)) is first solved for
 * h = x/s, i.e. G(h) := β/|x| = φ(h)/|h| − Φ(h), from a table of h against ln G built once at class
 * loading (cubic Hermite interpolation, dh/d ln G = |h|·Y'(h)); then the t² term is removed by one
 * Newton correction with the Bachelier vega ∂B/∂s = φ(h), which simplifies to s·(1 − t²·λ(h)) with
 * λ = Y'''/6 − Y'/2 tabulated on the same nodes (so the guess costs one logarithm and no exponential). For the
 * option chains this system prices
 * (σ√T up to a few tenths) the guess is within 1e-4 relative or better, so one Householder step
 * reaches double precision.
 */
final class BachelierGuess {

  /** Table range of y = ln G: below, the option is so far out of the money that the lower asymptote is used. */
  static final double Y_MIN = -40.0;
  static final double Y_MAX = 12.0;
  private static final double DY = 0.125;
  private static final int N = (int) Math.round((Y_MAX - Y_MIN) / DY) + 1;
  private static final double[] H = new double[N];
  private static final double[] DH_DY = new double[N];
  /** λ(h) = Y'''(h)/6 − Y'(h)/2 at the table's nodes: the t² correction is s = s_B·(1 − t²·λ(h)). */
  private static final double[] LAMBDA = new double[N];
  /** √(π/2): Y(h) = Φ(h)/φ(h) = √(π/2)·erfcx(−h/√2). */
  private static final double SQRT_HALF_PI = 1.2533141373155002512;

  static {
    for (int i = 0; i < N; i++) {
      double y = Y_MIN + i * DY;
      double lo = -60.0;
      double hi = -1e-12;
      for (int k = 0; k < 120; k++) {
        double mid = 0.5 * (lo + hi);
        if (logG(mid) < y) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double h = 0.5 * (lo + hi);
      H[i] = h;
      double y0 = mills(h);
      double y1 = 1.0 + h * y0;
      double y2 = y0 + h * y1;
      double y3 = 2.0 * y1 + h * y2;
      DH_DY[i] = -h * y1;
      LAMBDA[i] = y3 / 6.0 - 0.5 * y1;
    }
  }

  private BachelierGuess() {
  }

  /** Y(h) = Φ(h)/φ(h). */
  static double mills(double h) {
    return SQRT_HALF_PI * Erf.erfcx(-h * Normal.SQRT_HALF);
  }

  /** ln G(h) = ln(φ(h)·Y'(h)/|h|) for h &lt; 0, without underflow. */
  private static double logG(double h) {
    double y1 = 1.0 + h * mills(h);
    return -0.5 * h * h + Math.log(Normal.INV_SQRT_2PI * y1 / -h);
  }

  /**
   * s ≈ σ√T with b(x, s) = β for x &lt; 0 below the inflection point, or NaN when β/|x| lies outside
   * the table (the caller then uses the lower asymptote).
   */
  static double guess(double x, double beta) {
    double y = Math.log(beta / -x);
    if (!(y >= Y_MIN)) {
      return Double.NaN;
    }
    double h;
    double lambda;
    if (y > Y_MAX) {
      h = -Normal.INV_SQRT_2PI / (beta / -x + 0.5); // G ≈ φ(0)/|h| − 1/2 as h → 0
      lambda = LAMBDA[N - 1];
    } else {
      double p = (y - Y_MIN) * (1.0 / DY);
      int i = Math.min((int) p, N - 2);
      double u = p - i;
      double u2 = u * u;
      double u3 = u2 * u;
      h = (2 * u3 - 3 * u2 + 1) * H[i] + (u3 - 2 * u2 + u) * DY * DH_DY[i]
          + (-2 * u3 + 3 * u2) * H[i + 1] + (u3 - u2) * DY * DH_DY[i + 1];
      lambda = LAMBDA[i] + u * (LAMBDA[i + 1] - LAMBDA[i]);
    }
    double s = x / h;
    // Remove the t² term: b(s) ≈ β·(1 + t²·κ), κ = Y'''/(6Y') − 1/2, with ∂b/∂s ≈ φ(h) and β/φ(h) = s·Y'(h):
    // s ← s − s·Y'(h)·t²·κ = s·(1 − t²·λ(h)).
    double t = 0.5 * s;
    return s * (1.0 - t * t * lambda);
  }
}
