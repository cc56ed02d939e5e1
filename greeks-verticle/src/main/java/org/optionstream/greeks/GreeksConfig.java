package org.optionstream.greeks;

import org.optionstream.common.config.Env;
import org.optionstream.greeks.quality.QualityThresholds;
import org.optionstream.common.config.RiskFreeRate;

/**
 * The greeks stage's configuration, read once from the environment.
 *
 * @param riskFreeRate {@code RISK_FREE_RATE}: continuously compounded annual rate as a fraction used
 *                     for discounting (default 0.10, the rate NSE and Upstox use for displayed IV)
 * @param instances    {@code GREEKS_INSTANCES}: greeks verticle instances per JVM (default 1); all of
 *                     them, in this JVM and in others, share {@code greeks.compute.batch} (and
 *                     {@code greeks.compute}) round-robin
 * @param quality      when an update is flagged ({@code QUALITY_*})
 */
public record GreeksConfig(double riskFreeRate, int instances, QualityThresholds quality) {

  public static final String RISK_FREE_RATE = RiskFreeRate.ENV;
  public static final String GREEKS_INSTANCES = "GREEKS_INSTANCES";

  public GreeksConfig {
    if (!Double.isFinite(riskFreeRate)) {
      throw new IllegalArgumentException(RISK_FREE_RATE + " must be finite, got " + riskFreeRate);
    }
    if (instances < 1) {
      throw new IllegalArgumentException(GREEKS_INSTANCES + " must be at least 1, got " + instances);
    }
  }

  /** Default quality thresholds. */
  public GreeksConfig(double riskFreeRate, int instances) {
    this(riskFreeRate, instances, QualityThresholds.defaults());
  }

  public static GreeksConfig from(Env env) {
    return new GreeksConfig(RiskFreeRate.from(env), env.integer(GREEKS_INSTANCES, 1), QualityThresholds.from(env));
  }
}
