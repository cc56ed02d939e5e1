package org.optionstream.common.pricing;

/**
 * erf, erfc and the scaled erfcx(x) = e^(x²)·erfc(x) after W. J. Cody, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969), coefficients of his CALERF
 * routine (SPECFUN). Relative accuracy near 1e-16; no iteration, no allocation.
 */
public final class Erf {

  /** Where Cody's approximations switch from erf's series to erfc's (|x| below it: erf's). */
  static final double THRESHOLD = 0.46875;
  private static final double X_BIG = 26.543;
  private static final double X_HUGE = 6.71e7;
  private static final double X_MAX = 2.53e307;
  private static final double SQRPI = 0.56418958354775628695; // 1/√π

  private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
      3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
  private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
      1.28261652607737228e03, 2.84423683343917062e03};
  private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
      6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
      1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
      2.15311535474403846e-8};
  private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
      5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
      4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
  private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
      1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
      1.63153871373020978e-2};
  private static final double[] Q = {2.56852019228982242e00, 1.87295284992346725e00,
      5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

  private Erf() {
  }

  public static double erf(double x) {
    double y = Math.abs(x);
    if (y <= THRESHOLD) {
      return x * smallRatio(y);
    }
    double r = y <= 4.0 ? midErfcx(y) * expMinusSquare(y) : largeErfcx(y) * expMinusSquare(y);
    return x < 0 ? r - 1.0 : 1.0 - r;
  }

  public static double erfc(double x) {
    double y = Math.abs(x);
    if (y <= THRESHOLD) {
      return 1.0 - x * smallRatio(y);
    }
    double r;
    if (y <= 4.0) {
      r = midErfcx(y) * expMinusSquare(y);
    } else {
      r = y >= X_BIG ? 0.0 : largeErfcx(y) * expMinusSquare(y);
    }
    return x < 0 ? 2.0 - r : r;
  }

  /** e^(x²)·erfc(x), finite for large x where erfc underflows. */
  public static double erfcx(double x) {
    double y = Math.abs(x);
    double r;
    if (y <= THRESHOLD) {
      r = Math.exp(y * y) * (1.0 - y * smallRatio(y));
    } else if (y <= 4.0) {
      r = midErfcx(y);
    } else {
      r = y >= X_MAX ? 0.0 : largeErfcx(y);
    }
    if (x < 0) {
      // erfcx(-y) = 2e^(y²) - erfcx(y)
      return y > 26.6 ? Double.POSITIVE_INFINITY : 2.0 * Math.exp(y * y) - r;
    }
    return r;
  }

  private static double smallRatio(double y) {
    double ysq = y > 1.11e-16 ? y * y : 0.0;
    double xnum = A[4] * ysq;
    double xden = ysq;
    for (int i = 0; i < 3; i++) {
      xnum = (xnum + A[i]) * ysq;
      xden = (xden + B[i]) * ysq;
    }
    return (xnum + A[3]) / (xden + B[3]);
  }

  private static double midErfcx(double y) {
    double xnum = C[8] * y;
    double xden = y;
    for (int i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    return (xnum + C[7]) / (xden + D[7]);
  }

  private static double largeErfcx(double y) {
    if (y >= X_HUGE) {
      return SQRPI / y;
    }
    double ysq = 1.0 / (y * y);
    double xnum = P[5] * ysq;
    double xden = ysq;
    for (int i = 0; i < 4; i++) {
      xnum = (xnum + P[i]) * ysq;
      xden = (xden + Q[i]) * ysq;
    }
    double r = ysq * (xnum + P[4]) / (xden + Q[4]);
    return (SQRPI - r) / y;
  }

  /** e^(−y²) computed as e^(−ỹ²)·e^(−(y−ỹ)(y+ỹ)) with ỹ = y rounded to 1/16, as Cody does, to keep precision. */
  private static double expMinusSquare(double y) {
    double ysq = Math.floor(y * 16.0) / 16.0;
    double del = (y - ysq) * (y + ysq);
    return Math.exp(-ysq * ysq) * Math.exp(-del);
  }
}
