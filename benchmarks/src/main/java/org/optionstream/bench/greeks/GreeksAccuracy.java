package org.optionstream.bench.greeks;

import java.util.Locale;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.GreeksResult;

/**
 * Accuracy on the benchmark's chain: the largest |σ_solved − σ_true| of each method (cold and warm
 * for ours), and the largest difference of each Greek between ours and Strata. Run by
 * bench/greeks.sh next to the JMH timings; prints {@code key=value} lines.
 */
public final class GreeksAccuracy {

  private GreeksAccuracy() {
  }

  public static void main(String[] args) {
    NiftyChain c = new NiftyChain(NiftyChain.SEED);
    GreeksResult r = new GreeksResult();
    double[] strata = new double[6];
    double[] newton = new double[6];
    double ours = 0;
    double warm = 0;
    double strataErr = 0;
    double newtonErr = 0;
    double[] greekDiff = new double[6];
    int maxIterations = 0;
    long iterations = 0;
    for (int i = 0; i < c.size; i++) {
      Black76.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], Double.NaN, r);
      ours = Math.max(ours, err(r.iv, c.sigma[i]));
      iterations += r.iterations;
      maxIterations = Math.max(maxIterations, r.iterations);
      double[] mine = {r.iv, r.delta, r.gamma, r.theta, r.vega, r.rho};
      StrataPeer.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], strata);
      strataErr = Math.max(strataErr, err(strata[0], c.sigma[i]));
      for (int g = 1; g < 6; g++) {
        greekDiff[g] = Math.max(greekDiff[g], Math.abs(mine[g] - strata[g]) / Math.max(1e-300, Math.abs(mine[g])));
      }
      NewtonCm3.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], newton);
      newtonErr = Math.max(newtonErr, err(newton[0], c.sigma[i]));
      Black76.solve(c.nextForward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.nextPrice[i], c.call[i],
          mine[0], r);
      warm = Math.max(warm, err(r.iv, c.nextSigma[i]));
    }
    System.out.println("options=" + c.size);
    System.out.println(String.format(Locale.ROOT, "ours.max-abs-iv-err=%.3e", Math.max(ours, warm)));
    System.out.println(String.format(Locale.ROOT, "ours.cold.max-abs-iv-err=%.3e", ours));
    System.out.println(String.format(Locale.ROOT, "ours.warm.max-abs-iv-err=%.3e", warm));
    System.out.println(String.format(Locale.ROOT, "ours.cold.mean-iterations=%.2f", iterations / (double) c.size));
    System.out.println("ours.cold.max-iterations=" + maxIterations);
    System.out.println(String.format(Locale.ROOT, "strata.max-abs-iv-err=%.3e", strataErr));
    System.out.println(String.format(Locale.ROOT, "newton-cm3.max-abs-iv-err=%.3e", newtonErr));
    String[] names = {"", "delta", "gamma", "theta", "vega", "rho"};
    for (int g = 1; g < 6; g++) {
      System.out.println(String.format(Locale.ROOT, "ours-vs-strata.max-rel-diff.%s=%.3e", names[g], greekDiff[g]));
    }
  }

  private static double err(double solved, double truth) {
    return Double.isFinite(solved) ? Math.abs(solved - truth) : Double.POSITIVE_INFINITY;
  }
}
