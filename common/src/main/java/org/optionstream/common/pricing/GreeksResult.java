package org.optionstream.common.pricing;


/**
 * The mutable outcome of one {@link Black76#solve} call, reused across ticks so the hot path
 * allocates nothing. {@code iv} is an annualised fraction; the Greeks' definitions and units are in
 * {@code docs/pricing.md}. Unless {@code status} is {@link IvStatus#OK}, {@code iv} and every Greek are NaN (null in JSON).
 * Not thread-safe: one instance per thread or verticle.
 */
public final class GreeksResult {

  public IvStatus status = IvStatus.NO_PRICE;
  public double iv = Double.NaN;
  public double delta = Double.NaN;
  public double gamma = Double.NaN;
  public double theta = Double.NaN;
  public double vega = Double.NaN;
  public double rho = Double.NaN;
  /** Solver iterations of the last solve (diagnostics and tests only). */
  public int iterations;

  /** Marks the result as unsolved for {@code why}: IV and Greeks become NaN. */
  void fail(IvStatus why) {
    status = why;
    iv = Double.NaN;
    delta = Double.NaN;
    gamma = Double.NaN;
    theta = Double.NaN;
    vega = Double.NaN;
    rho = Double.NaN;
    iterations = 0;
  }

  @Override
  public String toString() {
    return "GreeksResult[" + status + " iv=" + iv + " delta=" + delta + " gamma=" + gamma + " theta=" + theta
        + " vega=" + vega + " rho=" + rho + " iterations=" + iterations + "]";
  }
}
