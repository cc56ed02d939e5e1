package org.optionstream.pcr.aggregate;

/**
 * Max pain: the expiry settlement at which option writers pay out the least.
 *
 * <p>For a candidate settlement K (every listed strike is a candidate), writers pay
 * {@code pain(K) = Σ_s ceOi(s)·max(0, K − s) + peOi(s)·max(0, s − K)} (index points × OI); max pain
 * is the K with the smallest pain, the lowest such strike on ties. O(n²) over n strikes: it runs
 * at the publish rate, not per tick, and sums whole numbers exactly.
 */
public final class MaxPain {

  private MaxPain() {
  }

  /**
   * @param strikes ascending strikes, index points
   * @param ceOi    CE open interest at each strike (0 where none)
   * @param peOi    PE open interest at each strike (0 where none)
   * @return the max-pain strike, or NaN when there are no strikes or no open interest at all
   */
  public static double of(double[] strikes, double[] ceOi, double[] peOi) {
    double best = Double.NaN;
    double bestPain = Double.POSITIVE_INFINITY;
    boolean anyOi = false;
    for (int i = 0; i < strikes.length; i++) {
      anyOi |= ceOi[i] > 0 || peOi[i] > 0;
      double k = strikes[i];
      double pain = 0;
      for (int j = 0; j < strikes.length; j++) {
        double s = strikes[j];
        if (s < k) {
          pain += ceOi[j] * (k - s);
        } else if (s > k) {
          pain += peOi[j] * (s - k);
        }
      }
      if (pain < bestPain) {
        bestPain = pain;
        best = k;
      }
    }
    return anyOi ? best : Double.NaN;
  }
}
