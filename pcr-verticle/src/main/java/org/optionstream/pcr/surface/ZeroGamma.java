package org.optionstream.pcr.surface;

import org.optionstream.common.json.GreeksUpdate;

/**
 * The zero-gamma (flip) level: the index level at which total GEX changes sign. Total GEX is re-priced
 * ({@link GammaExposure#at}) at {@code steps + 1} evenly spaced levels from S·(1 − range) to S·(1 + range)
 * around the index price S; between the two neighbouring levels where it changes sign nearest to S, the flip is
 * interpolated linearly. NaN when it keeps one sign over the whole grid.
 */
public final class ZeroGamma {

  private ZeroGamma() {
  }

  /** Total GEX of {@code book} with the index at {@code level}, rupees per 1 % move. */
  public static double totalAt(ChainBook book, double level) {
    double total = 0;
    for (ChainBook.Strike s : book.strikes().values()) {
      total += at(s.call(), level, book.convention()) + at(s.put(), level, book.convention());
    }
    return total;
  }

  private static double at(GreeksUpdate u, double level, DealerConvention convention) {
    return u == null ? 0 : GammaExposure.at(u, level, convention);
  }

  /**
   * @param indexPrice S, index points
   * @param range      half-width of the grid as a fraction of S (0.1 = ±10 %)
   * @param steps      intervals of the grid (at least 2)
   */
  public static double flip(ChainBook book, double indexPrice, double range, int steps) {
    if (!(indexPrice > 0)) {
      return Double.NaN;
    }
    double low = indexPrice * (1 - range);
    double step = 2 * indexPrice * range / steps;
    double[] levels = new double[steps + 1];
    double[] totals = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      levels[i] = low + i * step;
      totals[i] = totalAt(book, levels[i]);
    }
    double best = Double.NaN;
    for (int i = 0; i < steps; i++) {
      double a = totals[i];
      double b = totals[i + 1];
      if (a == 0 || (a < 0) != (b < 0)) {
        double level = a == b ? levels[i] : levels[i] + (0 - a) / (b - a) * step;
        if (Double.isNaN(best) || Math.abs(level - indexPrice) < Math.abs(best - indexPrice)) {
          best = level;
        }
      }
    }
    return best;
  }
}
