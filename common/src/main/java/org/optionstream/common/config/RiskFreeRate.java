package org.optionstream.common.config;

/**
 * The risk-free rate every stage prices and discounts with, {@code RISK_FREE_RATE}: continuously compounded,
 * an annual fraction (0.10 = 10 %), default {@value #DEFAULT}. The feed (carry forwards), the greeks stage (IV
 * and Greeks) and the simulator (its prices) must agree on it, so it is read in one place.
 */
public final class RiskFreeRate {

  public static final String ENV = "RISK_FREE_RATE";
  public static final double DEFAULT = 0.10;

  private RiskFreeRate() {
  }

  /**
   * The rate from {@code env}.
   *
   * @throws IllegalArgumentException when it is not a finite number
   */
  public static double from(Env env) {
    return env.decimal(ENV, DEFAULT);
  }
}
