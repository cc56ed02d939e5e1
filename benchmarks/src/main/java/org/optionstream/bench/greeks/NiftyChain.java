package org.optionstream.bench.greeks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.optionstream.common.pricing.Black76;

/**
 * A NIFTY-like chain: forward ≈ 23,700, strikes every 50 from 21,000 to 26,500, calls and
 * puts, a quarter of the options 10 to 380 minutes from expiry and the rest 1 to 30 days, a smile from
 * 10 % at the money to 40 % in the wings, r = 10 %. Prices come from the exact Black-76 price at the
 * smile volatility; options whose time value is below one tick (₹0.05) are left out, as no quote
 * would carry information there. A second, "next tick" set of prices has the forward moved by
 * +0.03 % and every volatility by +0.2 %, for warm starts from the previous tick's IV.
 */
public final class NiftyChain {

  /** The seed of the benchmark's chain (expiry times are drawn at random). */
  public static final long SEED = 20251127L;
  public static final double FORWARD = 23_700.0;
  public static final double RATE = 0.10;
  private static final double MINUTE = 60.0 / (365.0 * 24 * 3600);
  private static final double TICK = 0.05;

  public final int size;
  public final double[] forward;
  public final double[] nextForward;
  public final double[] strike;
  public final double[] years;
  public final boolean[] call;
  public final double[] sigma;
  public final double[] nextSigma;
  /** Discounted market price, rupees. */
  public final double[] price;
  public final double[] nextPrice;

  /** The chain repeated (or cut) to exactly {@code length} options, so benchmarks can use a constant op count. */
  public NiftyChain cycled(int length) {
    return new NiftyChain(this, length);
  }

  private NiftyChain(NiftyChain base, int length) {
    size = length;
    forward = new double[length];
    nextForward = new double[length];
    strike = new double[length];
    years = new double[length];
    call = new boolean[length];
    sigma = new double[length];
    nextSigma = new double[length];
    price = new double[length];
    nextPrice = new double[length];
    for (int i = 0; i < length; i++) {
      int j = i % base.size;
      forward[i] = base.forward[j];
      nextForward[i] = base.nextForward[j];
      strike[i] = base.strike[j];
      years[i] = base.years[j];
      call[i] = base.call[j];
      sigma[i] = base.sigma[j];
      nextSigma[i] = base.nextSigma[j];
      price[i] = base.price[j];
      nextPrice[i] = base.nextPrice[j];
    }
  }

  public NiftyChain(long seed) {
    Random random = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    for (double k = 21_000; k <= 26_500; k += 50) {
      for (int type = 0; type < 2; type++) {
        boolean isCall = type == 0;
        double t = random.nextDouble() < 0.25
            ? (10 + random.nextDouble() * 370) * MINUTE
            : (1 + random.nextDouble() * 29) / 365.0;
        double m = Math.log(k / FORWARD);
        double vol = 0.10 + 0.30 * Math.min(1.0, m * m / (0.12 * 0.12));
        double f2 = FORWARD * 1.0003;
        double vol2 = vol * 1.002;
        double p = Black76.price(FORWARD, k, t, vol, RATE, isCall);
        double p2 = Black76.price(f2, k, t, vol2, RATE, isCall);
        double df = Math.exp(-RATE * t);
        double timeValue = p - df * Math.max(isCall ? FORWARD - k : k - FORWARD, 0);
        double timeValue2 = p2 - df * Math.max(isCall ? f2 - k : k - f2, 0);
        if (timeValue >= TICK && timeValue2 >= TICK) {
          rows.add(new double[] {FORWARD, f2, k, t, isCall ? 1 : 0, vol, vol2, p, p2});
        }
      }
    }
    size = rows.size();
    forward = new double[size];
    nextForward = new double[size];
    strike = new double[size];
    years = new double[size];
    call = new boolean[size];
    sigma = new double[size];
    nextSigma = new double[size];
    price = new double[size];
    nextPrice = new double[size];
    for (int i = 0; i < size; i++) {
      double[] r = rows.get(i);
      forward[i] = r[0];
      nextForward[i] = r[1];
      strike[i] = r[2];
      years[i] = r[3];
      call[i] = r[4] == 1;
      sigma[i] = r[5];
      nextSigma[i] = r[6];
      price[i] = r[7];
      nextPrice[i] = r[8];
    }
  }
}
