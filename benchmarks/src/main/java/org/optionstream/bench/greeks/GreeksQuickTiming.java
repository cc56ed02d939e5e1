package org.optionstream.bench.greeks;

import java.util.Arrays;
import java.util.Locale;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.GreeksResult;

/**
 * A noise-resistant cross-check of the JMH scores for shared machines: each method walks the chain
 * many times; the minimum and the median per-option time over those walks are printed. The minimum
 * is the figure least disturbed by other processes competing for the CPU.
 */
public final class GreeksQuickTiming {

  private static double sink;

  private GreeksQuickTiming() {
  }

  public static void main(String[] args) {
    int walks = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    NiftyChain c = new NiftyChain(NiftyChain.SEED);
    GreeksResult r = new GreeksResult();
    double[] out = new double[6];
    double[] previousIv = new double[c.size];
    for (int i = 0; i < c.size; i++) {
      Black76.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], Double.NaN, r);
      previousIv[i] = r.iv;
    }
    String[] names = {"ours", "warm", "strata", "newton-cm3"};
    for (int m = 0; m < names.length; m++) {
      long[] perWalk = new long[walks];
      for (int round = 0; round < 2; round++) { // round 0 warms the JIT up
        for (int w = 0; w < walks; w++) {
          long start = System.nanoTime();
          double acc = 0;
          for (int i = 0; i < c.size; i++) {
            switch (m) {
              case 0 -> {
                Black76.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], Double.NaN, r);
                acc += r.iv + r.delta + r.gamma + r.theta + r.vega + r.rho;
              }
              case 1 -> {
                Black76.solve(c.nextForward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.nextPrice[i], c.call[i],
                    previousIv[i], r);
                acc += r.iv + r.delta + r.gamma + r.theta + r.vega + r.rho;
              }
              case 2 -> acc += StrataPeer.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], out)
                  + out[1] + out[2] + out[3] + out[4] + out[5];
              default -> acc += NewtonCm3.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], out)
                  + out[1] + out[2] + out[3] + out[4] + out[5];
            }
          }
          perWalk[w] = System.nanoTime() - start;
          sink += acc;
        }
      }
      Arrays.sort(perWalk);
      System.out.println(String.format(Locale.ROOT, "quick.%s min %.1f ns/op, median %.1f ns/op", names[m],
          perWalk[0] / (double) c.size, perWalk[walks / 2] / (double) c.size));
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
