package org.optionstream.pcr;

import org.optionstream.common.config.Env;

/**
 * The pcr stage's settings, read once from the environment.
 *
 * @param maxRatePerSecond           {@code PCR_MAX_RATE_PER_SECOND}: most {@code pcr.update} messages
 *                                   per second per underlying+expiry (default 4); the last value is
 *                                   always published
 * @param oiByStrikeMaxRatePerSecond {@code PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND}: most
 *                                   {@code pcr.oi-by-strike} messages per second per key (default 1)
 * @param leaderAcquireTimeoutMs     {@code PCR_LEADER_ACQUIRE_TIMEOUT_MS}: how long one attempt to
 *                                   take a key's leader lock waits, milliseconds (default 2000)
 * @param leaderRetryDelayMs         {@code PCR_LEADER_RETRY_MS}: pause between two attempts,
 *                                   milliseconds (default 500)
 * @param leaderLockPrefix           {@code PCR_LEADER_LOCK_PREFIX}: prefix of the cluster-wide lock
 *                                   names (default {@code optionstream.pcr.leader/})
 */
public record PcrConfig(
    double maxRatePerSecond,
    double oiByStrikeMaxRatePerSecond,
    long leaderAcquireTimeoutMs,
    long leaderRetryDelayMs,
    String leaderLockPrefix) {

  public PcrConfig {
    if (!(maxRatePerSecond > 0) || !(oiByStrikeMaxRatePerSecond > 0)) {
      throw new IllegalArgumentException("PCR_MAX_RATE_PER_SECOND and PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND must be > 0");
    }
    if (leaderAcquireTimeoutMs < 1 || leaderRetryDelayMs < 1) {
      throw new IllegalArgumentException("PCR_LEADER_ACQUIRE_TIMEOUT_MS and PCR_LEADER_RETRY_MS must be >= 1");
    }
  }

  public static PcrConfig from(Env env) {
    return new PcrConfig(
        env.decimal("PCR_MAX_RATE_PER_SECOND", 4),
        env.decimal("PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND", 1),
        env.longValue("PCR_LEADER_ACQUIRE_TIMEOUT_MS", 2000),
        env.longValue("PCR_LEADER_RETRY_MS", 500),
        env.string("PCR_LEADER_LOCK_PREFIX", "optionstream.pcr.leader/"));
  }
}
